"""import_issue with random and mutated JSON (hypothesis): whatever the file
holds, the import either creates the whole issue or refuses with a clean
Chinese message — never another exception, never half an issue written."""

import copy
import json
import re
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletins.interchange import IssueFormatError, import_issue
from bulletins.models import (
    Issue,
    IssueDistribution,
    IssueEditor,
    Item,
    ItemRevision,
    Page,
    RecipientGroup,
    Role,
    WorkflowLog,
)

from . import factories

EXAMPLE = json.loads((Path(__file__).resolve().parent.parent / "docs" / "examples" / "issue.json").read_text("utf-8"))
CHINESE = re.compile(r"[\u4e00-\u9fff]")
WRITTEN = (Issue, Item, Page, IssueEditor, IssueDistribution, RecipientGroup, ItemRevision, WorkflowLog)

EXAMPLES = settings(
    max_examples=120, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Values that have broken importers: database integer bounds, NUL, dates at the edges, markup, bidi controls.
BOUNDARY_INTS = [0, -1, 1, 2, 99, 100, 9999, 10_000, 32_767, 32_768, 2**31 - 1, 2**31, 2**63, 2**70]
SPECIAL_TEXT = [
    "", " ", "\x00", "a\x00b", "xinxi", "shixun", "2025-06-12", "2025-02-30", "9999-12-31", "0001-01-01", "zeren",
    "王建国", "中心路街道", "送", "报", "top", "end", "<script>x</script>", "<table><tr><td colspan=99999>x</td></tr></table>",
    "\u202e反转", "𠀀", "\U0001F9CC", "&nbsp;", "a" * 300, "字" * 60_000,
]
scalars = st.one_of(
    st.none(), st.booleans(),
    st.sampled_from(BOUNDARY_INTS), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(SPECIAL_TEXT), st.text(max_size=30),
)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


class _Rollback(Exception):
    pass


def _counts():
    return {model.__name__: model.objects.count() for model in WRITTEN}


def _import_and_check(data, actor):
    """Run one import inside a savepoint rolled back afterwards, asserting the property."""
    try:
        with transaction.atomic():
            before = _counts()
            try:
                issue = import_issue(data, actor)
            except IssueFormatError as error:
                message = str(error)
                assert CHINESE.search(message), message
                assert "Traceback" not in message and "object" not in message, message
                assert _counts() == before, f"a refused import wrote something: {message}"
            else:
                assert Issue.objects.filter(pk=issue.pk).exists()
                assert issue.items.count() == len(data.get("items", []))
            raise _Rollback
    except _Rollback:
        pass


def _paths(value, prefix=()):
    """Every path into a JSON value (for mutations)."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, prefix + (index,))


ALL_PATHS = [p for p in _paths(EXAMPLE) if p]


@st.composite
def mutated_examples(draw):
    data = copy.deepcopy(EXAMPLE)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(ALL_PATHS))
        target = data
        try:
            for key in path[:-1]:
                target = target[key]
            action = draw(st.sampled_from(["replace", "delete", "duplicate"]))
            if action == "delete":
                del target[path[-1]]
            elif action == "duplicate" and isinstance(target, list):
                target.append(copy.deepcopy(target[path[-1]]))
            else:
                target[path[-1]] = draw(json_values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    return data


@pytest.fixture
def newsroom(db, editor, responsible_editor):
    factories.make_bulletin()
    factories.make_newspaper()
    factories.make_unit(name="上街区应急管理局", short_name="区应急管理局")
    factories.make_unit(name="中心路街道办事处", short_name="中心路街道")
    factories.make_unit(name="上街区人力资源和社会保障局", short_name="区人社局")
    factories.make_user("zeren2", Role.RESPONSIBLE_EDITOR, full_name="王建国")
    return editor


def test_the_unmutated_example_imports(newsroom):
    _import_and_check(copy.deepcopy(EXAMPLE), newsroom)


@EXAMPLES
@given(data=json_values)
def test_random_json_is_refused_with_a_chinese_message_and_writes_nothing(newsroom, data):
    _import_and_check(data, newsroom)


@EXAMPLES
@given(data=mutated_examples())
def test_a_mutated_example_imports_whole_or_is_refused_cleanly(newsroom, data):
    _import_and_check(data, newsroom)


# Every field the format has, once at the top, in a distribution line, an editor, an item and a paragraph.
FIELD_PATHS = [(key,) for key in EXAMPLE] + [
    ("distribution", "送"), ("distribution", "送", 0), ("responsible_editors", 0), ("items", 0),
    ("items", 0, "paragraphs"), ("items", 0, "paragraphs", 0),
] + [("items", 1, key) for key in EXAMPLE["items"][1]]
PER_FIELD = settings(EXAMPLES, max_examples=25)


@pytest.mark.parametrize("path", FIELD_PATHS, ids=lambda p: ".".join(map(str, p)))
@PER_FIELD
@given(value=scalars)
def test_any_field_set_to_an_edge_value_imports_or_is_refused_cleanly(newsroom, path, value):
    data = copy.deepcopy(EXAMPLE)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    _import_and_check(data, newsroom)


@EXAMPLES
@given(data=mutated_examples())
def test_a_mutated_example_survives_a_trip_through_json_text(newsroom, data):
    # What a file on disk holds: floats, big integers and escapes as json.loads gives them back.
    try:
        text = json.dumps(data, ensure_ascii=False, allow_nan=True)
    except (ValueError, TypeError):
        return
    _import_and_check(json.loads(text), newsroom)
