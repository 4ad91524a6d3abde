"""Jumps as editors want them: the story the editor marked 转X版 jumps rather
than another; short news is never cut and jumped (it moves whole); a jump
never carries a remainder of fewer than five lines."""

from bulletins.typesetting.newspaper.blocks import MIN_REMAINDER_LINES
from bulletins.typesetting.newspaper.layout import Geometry, paginate
from bulletins.typesetting.newspaper.plan import Line, Measured, Unit
from bulletins.typesetting.newspaper.story import Story

GEOMETRY = Geometry(page_width=750, page_height=1100, columns=4)
PAGES = [(1, "", ""), (2, "", ""), (3, "", "")]


def made_up(key, lines, **fields):
    story = Story(key=key, headline=f"稿件{key}", **fields)
    units = [Unit("line", 0, [Line([("text", f"{key}:{n}")], n == 0, n == lines - 1)]) for n in range(lines)]
    return Measured(story, {s: 3 for s in range(1, 5)}, {s: 2 for s in range(1, 5)}, units, {1: [], 2: [], 3: []})


def jumped(plan):
    return {p.story.key: p.jumps_to for page in plan.pages for p in page.placements if p.jumps_to}


def test_the_story_marked_to_jump_is_the_one_cut():
    room = GEOMETRY.body_slots(1, False)
    stories = [made_up(1, room * 2, is_lead=True), made_up(2, 44), made_up(3, 44, jump_to_page=3)]
    plan = paginate(GEOMETRY, PAGES, {1: stories})
    assert jumped(plan).get(3) == 3
    assert 2 not in jumped(plan)


def test_short_news_moves_whole_instead_of_jumping():
    room = GEOMETRY.body_slots(1, False)
    for left in range(6, 14):  # the lead leaves ``left`` lines at the foot of page 1
        plan = paginate(GEOMETRY, PAGES, {1: [made_up(1, (room - left - 3) * 4, is_lead=True), made_up(2, 24)]})
        assert 2 not in jumped(plan), left
        assert sum(1 for page in plan.pages for p in page.placements if p.story.key == 2) == 1


def test_no_jump_carries_fewer_than_five_lines():
    room = GEOMETRY.body_slots(1, False)
    for extra in range(1, 12):
        plan = paginate(GEOMETRY, PAGES, {1: [made_up(1, (room - 3) * 4 + extra, is_lead=True)]})
        for page in plan.pages:
            for placement in page.placements:
                if placement.continued_from:
                    lines = sum(u.slots for column in placement.columns for u in column if u.block >= 0)
                    assert lines >= MIN_REMAINDER_LINES, (extra, lines)
