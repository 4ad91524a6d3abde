"""Page make-up for 上街时讯: stories are stacked down each page as bands that
span the page's columns; a story's body lines are balanced across the
columns, photos take whole columns at the top of the body. When a page is
full, the story that does not fit is cut at a line boundary, ends with
（下转X版）, and continues under its short headline and （上接X版） on the page
the editor chose or the next page with room.

Everything here counts in line slots (the body's line pitch), so the plan is
pure arithmetic over measured line counts; ``newspaper_measure`` supplies the
measurements, ``newspaper`` draws the plan.
"""

import math
from dataclasses import dataclass, field

MM = 72 / 25.4

PAGE_SIZES_MM = {"A4": (210, 297), "A3": (297, 420), "tabloid": (265, 390)}

BODY_SIZE_PT = 10  # nominal; the real size is the column's character pitch (≈ 五号 10.5)
LINE_PT = 15
GUTTER_PT = 12
MIN_CUT_LINES = 3  # a story is cut only when at least this many body lines fit


@dataclass(frozen=True)
class Geometry:
    page_width: float
    page_height: float
    columns: int
    margin_top: float = 12 * MM
    margin_bottom: float = 12 * MM
    margin_side: float = 14 * MM
    masthead_height: float = 78 * MM
    running_head_height: float = 11 * MM
    slogan_height: float = 11 * MM
    body_size: float = BODY_SIZE_PT
    line: float = LINE_PT
    gutter: float = GUTTER_PT

    @classmethod
    def for_publication(cls, publication):
        width, height = PAGE_SIZES_MM.get(publication.page_size, PAGE_SIZES_MM["tabloid"])
        columns = max(1, publication.columns or 4)
        return cls(page_width=width * MM, page_height=height * MM, columns=columns)

    @property
    def text_width(self):
        return self.page_width - 2 * self.margin_side

    @property
    def chars_per_line(self):
        column = (self.text_width - (self.columns - 1) * self.gutter) / self.columns
        return max(4, math.floor(column / self.body_size))

    @property
    def pitch(self):
        """Character pitch: the column holds a whole number of characters."""
        column = (self.text_width - (self.columns - 1) * self.gutter) / self.columns
        return column / self.chars_per_line

    @property
    def font_size(self):
        """Body characters are set solid (no letter-spacing) at the pitch, a hair
        under it so that a full line never overflows by a rounding error."""
        return round(self.pitch - 0.002, 3)

    @property
    def column_width(self):
        return self.pitch * self.chars_per_line

    @property
    def column_step(self):
        # Spread what rounding left over into the gutters so the outer edges align.
        if self.columns == 1:
            return 0
        return (self.text_width - self.column_width) / (self.columns - 1)

    def column_x(self, column):
        return self.margin_side + column * self.column_step

    def span_width(self, columns):
        return self.column_width + (columns - 1) * self.column_step

    def photo_columns(self):
        return max(1, self.columns // 2)

    def body_top(self, page_number):
        head = self.masthead_height if page_number == 1 else self.running_head_height
        return self.margin_top + head

    def body_slots(self, page_number, has_slogan):
        bottom = self.page_height - self.margin_bottom - (self.slogan_height if has_slogan else 0)
        return int((bottom - self.body_top(page_number)) // self.line)

    def slots(self, height_pt):
        """Line slots a measured height takes, rounded up."""
        return max(1, math.ceil(height_pt / self.line - 0.01))


# ------------------------------------------------------------------ flow units


@dataclass
class Unit:
    """One unbreakable piece of a story's body flow: a line or a section subhead."""

    kind: str  # "line" (paragraph / byline / marker) or "subhead"
    block: int  # index into story.blocks (-1 for jump markers)
    lines: list  # [Line] the unit prints
    keep_with_next: bool = False

    @property
    def slots(self):
        return len(self.lines) + (1 if self.kind == "subhead" else 0)


@dataclass
class Line:
    runs: list  # [(class, text)]
    first: bool  # first line of its paragraph (indented)
    last: bool  # last line of its paragraph (not justified)
    kind: str = "p"


@dataclass
class PhotoBox:
    index: int  # story.photos[index]
    column: int
    top: int  # slot offset from the body's top
    slots: int  # image + caption
    caption_lines: int
    columns: int


@dataclass
class Placement:
    """One story (or continuation of a story) on one page."""

    story: object
    continued_from: int | None  # page number of the previous piece, or None
    top: int  # first slot on the page
    header_slots: int
    columns: list  # per column: [Unit]
    column_tops: list  # per column: first body slot (after photos)
    photos: list  # [PhotoBox]
    height: int
    jumps_to: int | None = None  # page number the story continues on

    @property
    def body_top(self):
        return self.top + self.header_slots


@dataclass
class PagePlan:
    number: int
    name: str
    slogan: str
    slots: int
    placements: list = field(default_factory=list)
    used: int = 0


@dataclass
class Plan:
    pages: list
    notes: list  # editor-facing remarks (Chinese)

    def page(self, number):
        return next(p for p in self.pages if p.number == number)


# ------------------------------------------------------------------ packing


def fill_columns(units, capacities):
    """Greedy fill of ``units`` into columns of ``capacities`` slots.

    Returns (columns, rest). A unit that must keep with the next one never
    ends a column when more follows.
    """
    columns, index = [], 0
    for capacity in capacities:
        column, used = [], 0
        while index < len(units) and used + units[index].slots <= capacity:
            column.append(units[index])
            used += units[index].slots
            index += 1
        while column and column[-1].keep_with_next and index < len(units):
            index -= 1
            column.pop()
        columns.append(column)
    return columns, units[index:]


def place_photos(geometry, photos, indexes=None):
    """[PhotoBox] laid side by side in rows at the body's top; and per-column occupancy.

    ``photos``: [(slots, caption lines)]; ``indexes``: their indexes in story.photos."""
    width = geometry.photo_columns()
    per_row = max(1, geometry.columns // width)
    boxes, occupancy = [], [0] * geometry.columns
    for index, (slots, caption_lines) in enumerate(photos):
        column = (index % per_row) * width
        top = max(occupancy[column : column + width])
        boxes.append(PhotoBox(indexes[index] if indexes else index, column, top, slots, caption_lines, width))
        for c in range(column, column + width):
            occupancy[c] = top + slots
    return boxes, occupancy


def balanced_band(units, occupancy, max_body):
    """The lowest body height (≤ ``max_body``) that holds all units, or None."""
    start = max([0] + occupancy)
    total = sum(u.slots for u in units)
    for height in range(max(start, 1), max_body + 1):
        capacities = [max(0, height - occ) for occ in occupancy]
        if sum(capacities) < total:
            continue
        columns, rest = fill_columns(units, capacities)
        if not rest:
            return height, columns
    return None


def jump_marker_unit(text):
    return Unit("line", -1, [Line([("jump", text)], first=False, last=True, kind="jump-to")])


def jump_from_unit(text):
    return Unit("line", -1, [Line([("jump", text)], first=False, last=True, kind="jump-from")])


# ------------------------------------------------------------------ pagination


@dataclass
class Measured:
    """A story with everything the packer needs, measured from the real layout."""

    story: object
    header_slots: int
    continuation_header_slots: int
    units: list  # [Unit]
    photos: list  # [(slots, caption_lines)]


@dataclass
class _Piece:
    measured: Measured
    units: list
    continued_from: int | None = None
    photos: list = None  # story photo indexes still to print (None: all)

    def photo_specs(self):
        indexes = range(len(self.measured.photos)) if self.photos is None else self.photos
        return [(i, *self.measured.photos[i]) for i in indexes]


GAP_SLOTS = 1  # between stories: a hairline rule in the middle of one empty line


def page_label(number):
    from ..models import chinese_numeral

    return f"{chinese_numeral(number)}版"


def paginate(geometry, pages, stories_by_page):
    """Lay out every page. ``pages``: [(number, name, slogan)] in order;
    ``stories_by_page``: {number: [Measured]} in print order (lead first)."""
    plans = [PagePlan(n, name, slogan, geometry.body_slots(n, bool(slogan))) for n, name, slogan in pages]
    notes = []
    incoming = {plan.number: [] for plan in plans}
    planned = {plan.number: _estimate(geometry, plan, stories_by_page.get(plan.number, [])) for plan in plans}
    index = 0
    while index < len(plans):
        plan = plans[index]
        pieces = [_Piece(m, list(m.units)) for m in stories_by_page.get(plan.number, [])]
        pieces += incoming[plan.number]
        for piece in pieces:
            leftover, cut = _place(geometry, plan, piece)
            if leftover is None:
                continue
            target = _target_page(geometry, plans, planned, incoming, leftover, plan.number, notes)
            if cut:
                cut.jumps_to = target
                marker = jump_marker_unit(f"（下转{page_label(target)}）")
                cut.columns[_last_filled(cut)].append(marker)
            else:
                notes.append(f"《{piece.measured.story.headline}》在{page_label(plan.number)}排不下，移至{page_label(target)}。")
            incoming[target].append(leftover)
        index += 1
        if index > len(pages) + 50:
            raise RuntimeError("排版无法收敛：稿件过长。")
    return Plan(pages=plans, notes=notes)


def _last_filled(placement):
    return max((c for c, column in enumerate(placement.columns) if column), default=0)


def _band_units(piece):
    if piece.continued_from is None:
        return piece.units
    return [jump_from_unit(f"（上接{page_label(piece.continued_from)}）")] + piece.units


def _place(geometry, plan, piece):
    """Place ``piece`` on ``plan``; return (leftover piece or None, the cut Placement or None)."""
    measured = piece.measured
    gap = GAP_SLOTS if plan.placements else 0
    room = plan.slots - plan.used - gap
    continued = piece.continued_from is not None
    header = measured.continuation_header_slots if continued else measured.header_slots
    photos = piece.photo_specs()
    units = _band_units(piece)
    boxes, occupancy = place_photos(geometry, [(slots, lines) for _, slots, lines in photos], [i for i, _, _ in photos])
    fit = balanced_band(units, occupancy, room - header)
    if fit:
        height, columns = fit
        plan.placements.append(_placement(plan, piece, gap, header, columns, occupancy, boxes, header + height))
        plan.used += gap + header + height
        return None, None
    body = room - header
    lead_in = 1 if continued else 0
    if body < max(occupancy + [0]) or sum(max(0, body - o) for o in occupancy) - 1 - lead_in < MIN_CUT_LINES:
        # The photos do not fit here: they travel on with the rest of the story.
        boxes, occupancy, photos = [], [0] * geometry.columns, []
    capacities = [max(0, body - occ) for occ in occupancy]
    if sum(capacities) - 1 - lead_in < MIN_CUT_LINES:
        # Not even the headline and a few lines fit: the whole piece moves on.
        if not plan.placements:
            raise RuntimeError(f"《{measured.story.headline}》的标题比整个版面还大。")
        return piece, None
    last = max(c for c, cap in enumerate(capacities) if cap)
    capacities[last] -= 1  # room for （下转X版）
    columns, rest = fill_columns(units, capacities)
    rest = [u for u in rest if u.block >= 0]  # a lead-in marker never travels on
    placement = _placement(plan, piece, gap, header, columns, occupancy, boxes, header + body)
    plan.placements.append(placement)
    plan.used += gap + header + body
    printed = {box.index for box in boxes}
    pending = [i for i, _, _ in piece.photo_specs() if i not in printed]
    return _Piece(measured, rest, continued_from=plan.number, photos=pending), placement


def _placement(plan, piece, gap, header, columns, occupancy, boxes, height):
    return Placement(
        story=piece.measured.story,
        continued_from=piece.continued_from,
        top=plan.used + gap,
        header_slots=header,
        columns=columns,
        column_tops=list(occupancy),
        photos=boxes,
        height=height,
    )


def _estimate(geometry, plan, measured_list):
    """Slots a page's own stories take when nothing is cut."""
    used = 0
    for measured in measured_list:
        boxes, occupancy = place_photos(geometry, measured.photos)
        total = sum(u.slots for u in measured.units)
        body = max(max(occupancy + [0]), math.ceil(total / geometry.columns) + 1)
        used += (GAP_SLOTS if used else 0) + measured.header_slots + body
    return used


def _need(geometry, piece):
    """Estimated slots a travelling piece takes on its next page."""
    header = piece.measured.header_slots if piece.continued_from is None else piece.measured.continuation_header_slots
    _, occupancy = place_photos(geometry, [(s, c) for _, s, c in piece.photo_specs()])
    body = max(max(occupancy + [0]), math.ceil(sum(u.slots for u in piece.units) / geometry.columns) + 2)
    return GAP_SLOTS + header + body


def _target_page(geometry, plans, planned, incoming, piece, from_page, notes):
    numbers = [p.number for p in plans]
    wanted = piece.measured.story.jump_to_page
    if wanted and wanted > from_page and wanted in numbers:
        return wanted
    need = _need(geometry, piece)
    for plan in plans:
        if plan.number <= from_page:
            continue
        queued = sum(_need(geometry, p) for p in incoming[plan.number])
        if plan.slots - planned[plan.number] - queued >= need:
            return plan.number
    later = [n for n in numbers if n > from_page]
    if later:
        return later[0]
    number = max(numbers) + 1
    plans.append(PagePlan(number, "", "", geometry.body_slots(number, False)))
    planned[number] = 0
    incoming[number] = []
    notes.append(f"内容超出版面，已自动增加{page_label(number)}。")
    return number
