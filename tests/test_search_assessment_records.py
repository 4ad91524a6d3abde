"""批示 and 约稿 notices are searchable too, each seen only by those who may see it."""

import datetime

import pytest

from bulletins.assessment import records
from bulletins.assessment.models import Commission, Level
from bulletins.models import ItemKind, ItemState
from bulletins.search import service

from . import factories


def _titles(user, **params):
    return [e.title for e in service.search(user, params).page.object_list]


@pytest.fixture
def adopted(unit, contributor):
    return factories.make_item(unit, contributor, title="我区推进老旧小区改造", state=ItemState.ACCEPTED)


def test_a_leaders_instruction_is_found_by_its_words_and_leads_to_its_item(editor, contributor, other_contributor, adopted):
    records.record_instruction(adopted, editor, leader_name="张明", leader_title="区委书记",
                               level=Level.objects.get(name="区级"), date=datetime.date(2026, 3, 2),
                               text="经验很好，请在全区推广。")
    results = service.search(editor, {"q": "全区推广"})
    [entry] = results.page.object_list
    assert entry.title == "区委书记张明批示：我区推进老旧小区改造"
    assert entry.url == f"/items/{adopted.pk}/review/"
    assert _titles(contributor, q="张明") == [entry.title]  # the unit's own item
    assert _titles(other_contributor, q="张明") == []


def test_a_commission_notice_is_found_by_the_units_it_is_addressed_to(editor, contributor, other_contributor, other_unit):
    records.create_commission(editor, topic="乡村振兴典型经验", requirements="请各街道报送一篇。",
                              deadline=datetime.date(2026, 4, 1), targets=Commission.Targets.LIST,
                              target_units=[other_unit])
    assert _titles(editor, q="乡村振兴") == ["约稿：乡村振兴典型经验"]
    assert _titles(other_contributor, q="乡村振兴") == ["约稿：乡村振兴典型经验"]
    assert _titles(contributor, q="乡村振兴") == []


def test_items_are_filtered_and_counted_by_their_kind(editor, unit, contributor):
    news, advice = ItemKind.objects.get_or_create(name="动态")[0], ItemKind.objects.get_or_create(name="问题建议")[0]
    factories.make_item(unit, contributor, title="防汛动态一", kind=news, state="submitted")
    factories.make_item(unit, contributor, title="防汛建议二", kind=advice, state="submitted")
    assert _titles(editor, q="防汛", item_kind=advice.pk) == ["防汛建议二"]
    assert {label: n for _, label, n in service.search(editor, {"q": "防汛"}).facets["item_kind"]} == {"动态": 1, "问题建议": 1}
