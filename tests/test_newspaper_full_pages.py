"""The page make-up fills the page as a layout editor would: short stories are
stacked in the hole under a narrower block, photos step up or down a size or
grow taller (cropped at the sides) to close a hole, so that pages carry no
large blank areas."""

from bulletins.typesetting.newspaper import typeset_newspaper
from bulletins.typesetting.newspaper.check import check
from bulletins.typesetting.newspaper.layout import Geometry, paginate
from bulletins.typesetting.newspaper.plan import Line, Measured, Unit
from bulletins.typesetting.newspaper.story import Story

from .newspaper_stress import names_and_headlines


def brief(key, lines, header=3, span=1):
    story = Story(key=key, headline=f"短讯{key}", column_span=span)
    units = [Unit("line", 0, [Line([("text", f"{key}:{n}")], n == 0, n == lines - 1)]) for n in range(lines)]
    return Measured(story, {s: header for s in range(1, 5)}, {s: 2 for s in range(1, 5)}, units, {1: [], 2: [], 3: []})


def test_a_short_story_is_stacked_under_a_shorter_block_of_its_row():
    geometry = Geometry(page_width=750, page_height=1100, columns=4)
    # A row of a deep two-column story and two shallow one-column briefs: the hole
    # under the briefs takes the next brief instead of staying blank.
    deep, shallow = brief(1, 60, span=2), [brief(2, 6), brief(3, 6)]
    plan = paginate(geometry, [(1, "", "")], {1: [deep, *shallow, brief(4, 6)]})
    page = plan.pages[0]
    tops = {p.story.key: p for p in page.placements}
    assert tops[4].top > tops[1].top, "the fourth story is set under a brief, beside the deep story"
    assert tops[4].top < tops[1].top + tops[1].height


def test_a_one_page_issue_of_briefs_fills_its_page(settings, tmp_path, newspaper, unit, contributor):
    settings.MEDIA_ROOT = tmp_path
    figures = check(typeset_newspaper(names_and_headlines(newspaper, unit, contributor), final=False))
    page = figures.pages[0]
    assert page.fill >= 0.90 and page.largest_hole <= 3, (page.fill, page.largest_hole)
