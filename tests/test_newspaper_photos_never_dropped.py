"""A story prints with its photo or moves with it: the packer never places a
story's text and leaves its photo out; a photo that fits nowhere is named in
the layout's problems."""

from bulletins.typesetting.newspaper.layout import Geometry, paginate
from bulletins.typesetting.newspaper.plan import Line, Measured, Unit
from bulletins.typesetting.newspaper.story import Story, StoryPhoto


def made_up(key, lines, photo_slots=None, lead=False):
    photos = [StoryPhoto(image=None, caption=f"照片{key}", aspect=1.5)] if photo_slots else []
    story = Story(key=key, headline=f"稿件{key}", is_lead=lead, photos=photos)
    units = [Unit("line", 0, [Line([("text", f"{key}:{n}")], n == 0, n == lines - 1)]) for n in range(lines)]
    spans = range(1, 5)
    widths = {w: [(photo_slots + 4 * (3 - w), 1)] if photo_slots else [] for w in (1, 2, 3)}
    return Measured(story, {s: 3 for s in spans}, {s: 2 for s in spans}, units, widths)


def placed_photos(plan, key):
    return [(page.number, box) for page in plan.pages for p in page.placements if p.story.key == key for box in p.photos]


def test_a_short_story_whose_photo_does_not_fit_the_room_left_moves_with_its_photo():
    geometry = Geometry(page_width=750, page_height=1100, columns=4)
    room = geometry.body_slots(1, False)
    # The lead leaves about ten lines at the foot of page 1: the brief's six lines fit there, its photo does not.
    lead = made_up(1, (room - 13) * 4 - 12, lead=True)
    brief = made_up(2, 6, photo_slots=16)
    plan = paginate(geometry, [(1, "", ""), (2, "", "")], {1: [lead, brief]})
    assert placed_photos(plan, 2), "the brief's photo prints"
    pages_with_text = {page.number for page in plan.pages for p in page.placements if p.story.key == 2 and any(p.columns)}
    assert {number for number, _ in placed_photos(plan, 2)} <= pages_with_text | {max(pages_with_text)}
    assert plan.problems == []


def test_a_photo_that_fits_nowhere_is_a_problem_naming_the_story_and_photo():
    geometry = Geometry(page_width=750, page_height=1100, columns=4)
    room = geometry.body_slots(1, False)
    lead = made_up(1, (room - 13) * 4 - 12, lead=True)
    brief = made_up(2, 6, photo_slots=16)
    plan = paginate(geometry, [(1, "", "")], {1: [lead, brief]})
    assert not placed_photos(plan, 2)
    assert any("《稿件2》的照片“照片2”未能排入" in problem for problem in plan.problems)
