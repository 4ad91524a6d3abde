"""The data of a newspaper layout plan, counted in line slots (the body's line
pitch): what the measuring pass hands the packer (``Measured`` stories made of
``Unit``s) and what the packer hands the drawing pass (``Plan`` → ``PagePlan``
→ ``Placement``s and rules).
"""

from dataclasses import dataclass, field


@dataclass
class Line:
    runs: list  # [(class, text)]
    first: bool  # first line of its paragraph (indented)
    last: bool  # last line of its paragraph (not justified)
    kind: str = "p"


@dataclass
class Unit:
    """One unbreakable piece of a story's body flow: a line or a section subhead."""

    kind: str  # "line" (paragraph / byline / marker), "subhead" or "table"
    block: int  # index into story.blocks (-1 for jump markers)
    lines: list  # [Line] the unit prints (none for a table)
    keep_with_next: bool = False
    html: str = ""  # a table: its HTML, drawn as measured
    table_slots: int = 0  # a table: the slots it takes

    @property
    def slots(self):
        if self.kind == "table":
            return self.table_slots
        return len(self.lines) + (1 if self.kind == "subhead" else 0)


def jump_unit(kind, text):
    """A （下转X版） (``kind`` "jump-to") or （上接X版） ("jump-from") line."""
    return Unit("line", -1, [Line([("jump", text)], first=False, last=True, kind=kind)])


@dataclass
class Measured:
    """A story with everything the packer needs, measured from the real layout."""

    story: object
    header_slots: dict  # span (columns) -> slots of the full headline furniture
    continuation_header_slots: dict  # span -> slots of the short headline
    units: list  # [Unit]
    photos: dict  # photo width (columns) -> [(slots, caption lines)] per story photo
    header_lines: dict = field(default_factory=dict)  # span -> measured lines of the headline furniture

    @property
    def body_slots(self):
        return sum(u.slots for u in self.units)


@dataclass
class PhotoBox:
    index: int  # story.photos[index]
    column: int  # the page column its left edge stands on
    top: int  # slot offset from the body's top
    slots: int  # image + caption
    caption_lines: int
    columns: int  # width in columns


@dataclass
class Placement:
    """One story (or continuation of a story) in a rectangular block on one page."""

    story: object
    continued_from: int | None  # page number of the previous piece, or None
    top: int  # first slot on the page
    first_column: int  # the page column the block starts at
    span: int  # the block's width in columns
    header_slots: int
    columns: list  # per block column: [Unit]
    column_tops: list  # per block column: first body slot (after photos)
    photos: list  # [PhotoBox]
    height: int
    jumps_to: int | None = None  # page number the story continues on
    jump_marker: Unit | None = None  # the （下转X版） line, rewritten if the target changes

    @property
    def body_top(self):
        return self.top + self.header_slots

    def page_column(self, column):
        """The page column of the block's ``column``-th column."""
        return self.first_column + column


@dataclass
class Rule:
    """A hairline between stories: across the text block between rows
    (``vertical`` False, at ``top``), or down a gutter between side-by-side
    blocks (left of page column ``column``, from ``top`` for ``height`` slots)."""

    vertical: bool
    top: int
    column: int = 0
    height: int = 0
    span: int = 0  # a horizontal rule under one block only: its columns from ``column`` (0: across the page)


@dataclass
class PagePlan:
    number: int
    name: str
    slogan: str
    slots: int
    placements: list = field(default_factory=list)
    rules: list = field(default_factory=list)
    used: int = 0


@dataclass
class Plan:
    pages: list
    notes: list  # editor-facing remarks (Chinese), one per story or page, problems included
    problems: list = field(default_factory=list)  # the notes the editor must decide on before printing

    def note(self, text):
        if text not in self.notes:
            self.notes.append(text)

    def problem(self, text):
        self.note(text)
        if text not in self.problems:
            self.problems.append(text)

    def page(self, number):
        return next(p for p in self.pages if p.number == number)
