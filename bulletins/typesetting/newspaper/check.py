"""Figures a layout editor judges a newspaper page by, read from a typeset
issue (``draw.Typeset``): how full the body is, the largest hole, photos
placed against photos attached, names split at a line end, headline lines of
one character, 孤字 (a paragraph's last line holding one character).

Pure arithmetic over the plan and its measured lines; the ``check_newspaper``
command prints them.
"""

from dataclasses import dataclass, field

from ..cjk import CLOSING, OPENING
from .layout import page_fill, page_label
from .story import credited_names

_INVISIBLE = frozenset(" \u200b\u2060\u2005\u3000\n\t")
_PUNCTUATION = CLOSING | OPENING | frozenset("“”‘’—…·")


def visible(text):
    return "".join(ch for ch in text if ch not in _INVISIBLE)


def letters(text):
    """The characters of ``text`` that are not punctuation or spacing."""
    return "".join(ch for ch in visible(text) if ch not in _PUNCTUATION)


@dataclass
class PageFigures:
    number: int
    fill: float  # share of the body's column-lines covered (text, photos, headlines, rules)
    largest_hole: int  # lines
    photos_placed: int
    photos_attached: int  # photos of the stories the editor put on this page
    split_names: list = field(default_factory=list)
    orphan_headline_lines: int = 0
    lonely_characters: int = 0  # 孤字
    declared: bool = True

    @property
    def label(self):
        return page_label(self.number)


@dataclass
class IssueFigures:
    pages: list  # [PageFigures]
    declared_pages: int
    notes: list

    @property
    def photos_lost(self):
        return sum(p.photos_attached for p in self.pages) - sum(p.photos_placed for p in self.pages)

    @property
    def pages_added(self):
        return sum(1 for p in self.pages if not p.declared)


def check(typeset):
    """IssueFigures of a ``draw.Typeset``."""
    geometry, plan = typeset.geometry, typeset.plan
    lines_by_block = _printed_lines(plan)
    attached = {}
    for measured in typeset.stories:
        attached[measured.story.home_page] = attached.get(measured.story.home_page, 0) + len(measured.story.photos)
    pages = []
    for page in plan.pages:
        fill, hole = _fill(geometry, page)
        figures = PageFigures(
            number=page.number,
            fill=fill,
            largest_hole=hole,
            photos_placed=sum(len(p.photos) for p in page.placements),
            photos_attached=attached.get(page.number, 0),
            declared=page.number <= typeset.declared_pages,
        )
        for placement in page.placements:
            story = placement.story
            if placement.continued_from is None:
                figures.orphan_headline_lines += _orphan_headline_lines(story, typeset, placement.span)
            for photo in placement.photos:
                frame = typeset.frames[(story.key, photo.index, photo.columns)]
                credit = story.photos[photo.index].credit
                figures.split_names += _splits(credited_names(credit), frame.caption_texts)
            for column in placement.columns:
                for unit in column:
                    for line in unit.lines:
                        if line.kind == "p" and line.last and len(letters(_text(line))) == 1:
                            figures.lonely_characters += 1
        pages.append(figures)
    # Names in datelines and bylines, over all the lines of their block wherever they printed.
    by_page = {f.number: f for f in pages}
    for page_number, story, lines in lines_by_block:
        names = credited_names(story.dateline_text) + credited_names(story.byline_text)
        by_page[page_number].split_names += _splits(names, lines)
    return IssueFigures(pages=pages, declared_pages=typeset.declared_pages, notes=list(plan.notes))


def _text(line):
    return "".join(text for _, text in line.runs)


def _printed_lines(plan):
    """[(first page, story, [line texts])] of the blocks holding a dateline or byline."""
    found = {}
    for page in plan.pages:
        for placement in page.placements:
            for column in placement.columns:
                for unit in column:
                    if unit.block < 0:
                        continue
                    for line in unit.lines:
                        if any({"dateline", "byline", "end-byline"} & set(cls.split()) for cls, _ in line.runs):
                            key = (placement.story.key, unit.block)
                            found.setdefault(key, (page.number, placement.story, []))
                            found[key][2].append(visible(_text(line)))
                        elif (placement.story.key, unit.block) in found:
                            found[(placement.story.key, unit.block)][2].append(visible(_text(line)))
    return [(page, story, lines) for page, story, lines in found.values()]


def _splits(names, line_texts):
    """The names a line end falls inside."""
    texts = [visible(t) for t in line_texts]
    joined = "".join(texts)
    ends, position = set(), 0
    for text in texts[:-1]:
        position += len(text)
        ends.add(position)
    split = []
    for name in names:
        start = joined.find(name)
        while start >= 0:
            if any(start < end < start + len(name) for end in ends):
                split.append(name)
            start = joined.find(name, start + 1)
    return split


def _orphan_headline_lines(story, typeset, span):
    measured = next((m for m in typeset.stories if m.story.key == story.key), None)
    if measured is None:
        return 0
    lines = [visible(t) for t in measured.header_lines.get(span, ())]
    headline = visible(story.headline)
    for first in range(len(lines)):
        for last in range(first, len(lines)):
            if "".join(lines[first : last + 1]) == headline:
                return sum(1 for line in lines[first : last + 1] if len(letters(line)) <= 1)
    return 0


def _fill(geometry, page):
    """(filled share, largest hole in lines) of a page's body."""
    covered, hole = page_fill(geometry, page)
    total = geometry.columns * page.slots
    return (covered / total if total else 1.0), hole
