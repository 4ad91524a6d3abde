"""Stories stand side by side in rectangular blocks: the page lead across the
page, shorter stories one to three columns wide, each headline across its own
columns only; the packer never loses, repeats or overlaps anything."""

import io
import random

import pdfplumber
import pytest

from bulletins.typesetting.newspaper.layout import Geometry, paginate
from bulletins.typesetting.newspaper.plan import Line, Measured, Unit
from bulletins.typesetting.newspaper.story import Story

from .newspaper_builders import squeeze


@pytest.fixture(scope="module")
def result(rendered_newspaper):
    """The test issue rendered once; the tests below only read it."""
    return rendered_newspaper.typeset


def placements(plan, number):
    return [p for p in plan.page(number).placements if p.continued_from is None]


def by_headline(plan, number, headline):
    return next(p for p in placements(plan, number) if p.story.headline == headline)


def test_a_page_lead_spans_every_column(result):
    for number in (1, 2, 3):
        (lead,) = [p for p in placements(result.plan, number) if p.story.is_lead]
        assert (lead.first_column, lead.span, lead.top) == (0, result.geometry.columns, 0)


def test_short_news_stands_side_by_side_one_or_two_columns_wide(result):
    first = by_headline(result.plan, 2, "市场监管局开展食品安全检查")
    second = by_headline(result.plan, 2, "人社局送岗位进社区")
    assert first.top == second.top
    assert first.span <= 2 and second.span <= 2
    assert first.first_column + first.span <= second.first_column


def test_the_editors_column_span_is_kept_with_a_story_beside_it(result):
    lead = by_headline(result.plan, 4, "非遗手艺进校园")
    beside = by_headline(result.plan, 4, "阅读月活动启动")
    assert lead.span == 3 and lead.first_column == 0
    assert beside.top == lead.top and beside.first_column == 3


def test_blocks_never_overlap_and_stay_inside_the_page_body(result):
    columns = result.geometry.columns
    for page in result.plan.pages:
        cells = set()
        for placement in page.placements:
            assert 0 <= placement.first_column and placement.first_column + placement.span <= columns
            assert 0 <= placement.top and placement.top + placement.height <= page.slots
            block = {(c, s) for c in range(placement.first_column, placement.first_column + placement.span)
                     for s in range(placement.top, placement.top + placement.height)}
            assert not cells & block, placement.story.headline
            cells |= block


def test_headlines_print_across_their_own_columns_only(result):
    g = result.geometry
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        for index, page in enumerate(result.plan.pages):
            pdf_page = pdf.pages[index]
            for placement in page.placements:
                x0 = g.column_x(placement.first_column)
                top = g.body_top(page.number) + placement.top * g.line
                box = (x0 - 1, top - 1, x0 + g.span_width(placement.span) + 1, top + placement.header_slots * g.line + 1)
                printed = squeeze(pdf_page.within_bbox(box).extract_text())
                wanted = placement.story.short_headline if placement.continued_from else placement.story.headline
                assert squeeze(wanted) in printed


# ------------------------------------------------------------------ the packer alone, on made-up stories


def made_up_story(key, lines, *, lead=False, span=0, page=1):
    story = Story(key=key, headline=f"稿件{key}", is_lead=lead, column_span=span, home_page=page)
    units = [Unit("line", 0, [Line([("text", f"{key}:{n}")], n == 0, n == lines - 1)]) for n in range(lines)]
    spans = range(1, 5)
    return Measured(story, {s: 3 if s > 1 else 5 for s in spans}, {s: 2 for s in spans}, units, {1: [], 2: []})


def test_random_pages_print_every_line_once_in_order_with_consistent_jumps():
    geometry = Geometry(page_width=750, page_height=1100, columns=4)
    rng = random.Random(7)
    for _ in range(30):
        pages = [(n, "", "") for n in range(1, 4)]
        stories, key = {}, 0
        for number, _, _ in pages:
            stories[number] = []
            for position in range(rng.randint(1, 6)):
                key += 1
                stories[number].append(made_up_story(key, rng.randint(4, 160), lead=position == 0,
                                                      span=rng.choice([0, 0, 0, 1, 2, 3]), page=number))
        plan = paginate(geometry, pages, stories)
        printed, pieces = {}, {}
        for page in plan.pages:
            for placement in page.placements:
                pieces.setdefault(placement.story.key, []).append((page.number, placement))
                for column in placement.columns:
                    for unit in column:
                        if unit.block >= 0:
                            printed.setdefault(placement.story.key, []).append(unit.lines[0].runs[0][1])
        assert [p.number for p in plan.pages] == [1, 2, 3], "no page is added"
        for measured in (m for ms in stories.values() for m in ms):
            key = measured.story.key
            lines = [u.lines[0].runs[0][1] for u in measured.units]
            if printed.get(key) != lines:  # what did not fit is left out, in order, and said
                assert lines[: len(printed.get(key, []))] == printed.get(key, [])
                assert any(f"《{measured.story.headline}》排不下" in problem for problem in plan.problems)
            for (here, cut), (there, rest) in zip(pieces.get(key, []), pieces.get(key, [])[1:]):
                assert cut.jumps_to == there > here and rest.continued_from == here
                assert cut.jump_marker.lines[0].runs[0][1].startswith("（下转")
