"""Stories in rectangular blocks, and rows of blocks side by side.

A block is a story set across ``span`` page columns: its headline furniture on
top across the span, photos in whole columns at the top of the body, the body
lines balanced across the block's columns. A row is one or more blocks whose
spans add up to the page's columns at most; the row is as tall as its tallest
block. ``choose_row`` picks how many of the next stories share a row and how
wide each is, so that the row wastes little space and short news stays narrow.

When the page has no room for a whole row, the row is the page's last: a
story that does not fit is cut at a line boundary (``Fit.rest`` is what
continues elsewhere).
"""

import math
from dataclasses import dataclass

from .plan import PhotoBox, jump_unit

MIN_CUT_LINES = 4  # a story is cut only when at least this many body lines fit
MIN_REMAINDER_LINES = 5  # nor when fewer than this many would jump
SHORT_STORY_LINES = 30  # a story shorter than this moves whole instead of jumping

# Automatic spans: a story is set in the spans that make it between these many
# lines deep (short news: one or two columns).
MIN_DEPTH = 8
MAX_DEPTH = 45

# Row costs, added to the fraction of the row's area left empty.
SPAN_PENALTY = 0.2  # per column away from the story's preferred spans
AVOIDABLE_CUT_PENALTY = 0.6  # per cut when the stories waiting might all fit whole
EXTRA_CUT_PENALTY = 0.3  # per story cut beyond the first
MOVE_PENALTY = 0.4  # per story that a cut row pushes off the page
PACKING = 0.85  # the share of a page's area rows of blocks fill in practice


@dataclass
class Piece:
    """A story, or the part of it still to print, waiting for a page."""

    measured: object  # plan.Measured
    units: list
    continued_from: int | None = None
    photos: list | None = None  # story photo indexes still to print (None: all)
    previous: object = None  # the Placement it was cut from
    photo_step: int = 0  # photo size step the page is tried with (see layout._pack_best)

    @property
    def story(self):
        return self.measured.story

    @property
    def continued(self):
        return self.continued_from is not None

    def header_slots(self, span):
        table = self.measured.continuation_header_slots if self.continued else self.measured.header_slots
        return table[span]

    @property
    def photo_count(self):
        return len(self.measured.photos.get(1, [])) if self.photos is None else len(self.photos)

    @property
    def portrait(self):
        """Whether the photos still to print are upright (the first one decides)."""
        indexes = range(len(self.story.photos)) if self.photos is None else self.photos
        return any(self.story.photos[i].aspect < 1 for i in list(indexes)[:1])

    def photo_specs(self, width):
        """[(story photo index, slots, caption lines)] at ``width`` columns."""
        measured = self.measured.photos.get(width, [])
        indexes = range(len(measured)) if self.photos is None else self.photos
        return [(i, *measured[i]) for i in indexes]

    def band_units(self):
        """The body units, led by （上接X版） on a continuation."""
        if not self.continued:
            return self.units
        from .layout import page_label

        return [jump_unit("jump-from", f"（上接{page_label(self.continued_from)}）")] + self.units


@dataclass
class Fit:
    """A piece set in a block of ``span`` columns."""

    span: int
    header: int
    height: int  # header + body, in slots
    columns: list  # per block column: [Unit]
    occupancy: list  # per block column: slots taken by photos
    boxes: list  # [PhotoBox], columns relative to the block
    rest: list | None = None  # units continuing elsewhere (None: the piece is complete)
    pending: tuple = ()  # photo indexes continuing elsewhere

    @property
    def cut(self):
        return self.rest is not None


@dataclass
class Row:
    fits: list  # [(Piece, Fit)] left to right
    height: int
    final: bool  # something was cut: nothing follows on this page


# ------------------------------------------------------------------ one block


MAX_PHOTO_COLUMNS = 3


def photo_width(geometry, span, count=1, portrait=False, lead=False, step=0):
    """Columns a story's photos print across, by orientation and weight: a
    portrait one column (two for a lead at least three columns wide), a
    landscape two; never wider than the
    block, and narrower ones side by side when that would stack them."""
    if portrait:
        width = 2 if lead and span >= 3 else 1
    else:
        width = 2
    if step > 0 and span >= 3:
        width += 1  # a size step up, for a page with room to spare
    elif step < 0 and not lead:
        width = 1  # a size step down, before a story is cut
    width = max(1, min(width, span, geometry.columns, MAX_PHOTO_COLUMNS))
    if count > span // width:
        width = max(1, span // min(count, span))
    return width


def piece_photo_width(geometry, piece, span):
    return photo_width(
        geometry, span, piece.photo_count, piece.portrait, piece.story.is_lead and not piece.continued, piece.photo_step
    )


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


def place_photos(span, width, specs):
    """[PhotoBox] (columns relative to the block) side by side in rows at the
    top of the body's last columns, so that the text (its dateline or byline
    first) starts at the top of the first column, never under a photo; and
    the per-column occupancy. ``specs``: [(index, slots, caption lines)]."""
    per_row = max(1, span // width)
    boxes, occupancy = [], [0] * span
    for n, (index, slots, caption_lines) in enumerate(specs):
        column = span - (n % per_row + 1) * width
        top = max(occupancy[column : column + width])
        boxes.append(PhotoBox(index, column, top, slots, caption_lines, width))
        for c in range(column, column + width):
            occupancy[c] = top + slots
    return boxes, occupancy


def balanced_body(units, occupancy):
    """(height, columns): the lowest body height that holds all units."""
    start = max([0] + occupancy)
    total = sum(u.slots for u in units)
    span = len(occupancy)
    height = max(start, math.ceil((total + sum(occupancy)) / span), 1 if units else 0)
    while True:
        columns, rest = fill_columns(units, [max(0, height - occ) for occ in occupancy])
        if not rest:
            return height, columns
        height += 1


def complete_fit(geometry, piece, span):
    """The piece whole in ``span`` columns, columns balanced."""
    width = piece_photo_width(geometry, piece, span)
    boxes, occupancy = place_photos(span, width, piece.photo_specs(width))
    body, columns = balanced_body(piece.band_units(), occupancy)
    header = piece.header_slots(span)
    return Fit(span, header, header + body, columns, occupancy, boxes)


MAX_PHOTO_CROP = 1 / 3  # a photo grown taller loses at most this share of its width


def growth_limit(geometry, piece, index, width):
    """Slots a photo may grow taller by, cropped at its sides."""
    aspect = min(max(piece.story.photos[index].aspect, 0.75), 2.2)
    width_pt = geometry.span_width(width)
    tallest = width_pt / max(0.75, aspect * (1 - MAX_PHOTO_CROP))
    return max(0, int((tallest - width_pt / aspect) // geometry.line))


def grown_fit(geometry, piece, fit, extra):
    """A complete ``fit`` with every photo ``extra`` slots taller (cropped at the
    sides), the text rebalanced; None past the crop limit. The means a layout
    editor uses to close a hole under a block or at the foot of a page."""
    if fit.cut or not fit.boxes:
        return None
    width = fit.boxes[0].columns
    specs = piece.photo_specs(width)
    if len(specs) != len(fit.boxes) or any(extra > growth_limit(geometry, piece, i, width) for i, _, _ in specs):
        return None
    boxes, occupancy = place_photos(fit.span, width, [(i, slots + extra, lines) for i, slots, lines in specs])
    body, columns = balanced_body(piece.band_units(), occupancy)
    if any(body - occ - sum(u.slots for u in column) > 2 for occ, column in zip(occupancy, columns)):
        return None  # the photo would stand taller than its text: a hole beside it
    return Fit(fit.span, fit.header, fit.header + body, columns, occupancy, boxes)


def cut_fit(geometry, piece, span, room):
    """The piece filling a block ``room`` slots tall, cut where the room ends
    (one line kept for （下转X版））; None when too little of it would fit."""
    if not piece.continued and sum(u.slots for u in piece.units) < SHORT_STORY_LINES:
        return None  # short news is never cut and jumped: it moves whole
    header = piece.header_slots(span)
    body = room - header
    lead_in = 1 if piece.continued else 0
    width = piece_photo_width(geometry, piece, span)
    specs = piece.photo_specs(width)
    boxes, occupancy = place_photos(span, width, specs)
    while width > 1 and (body < max(occupancy + [0]) or sum(max(0, body - o) for o in occupancy) - 1 - lead_in < MIN_CUT_LINES):
        width -= 1  # a photo size step before the photo travels on
        specs = piece.photo_specs(width)
        boxes, occupancy = place_photos(span, width, specs)
    if body < max(occupancy + [0]) or sum(max(0, body - o) for o in occupancy) - 1 - lead_in < MIN_CUT_LINES:
        # The photos do not fit here even at one column: the story is not cut
        # here (its photos print with its first part, never after it).
        return None
    capacities = [max(0, body - occ) for occ in occupancy]
    if sum(capacities) - 1 - lead_in < MIN_CUT_LINES:
        return None
    units = piece.band_units()
    columns, rest = fill_columns(units, capacities)
    if not rest:
        if len(boxes) < len(specs):
            return None  # the text would fit only by leaving its photo out: never
        height, columns = balanced_body(units, occupancy)  # all of it fits after all: balanced
        return Fit(span, header, header + height, columns, occupancy, boxes)
    last = max(c for c, cap in enumerate(capacities) if cap)
    capacities[last] -= 1  # room for （下转X版）
    columns, rest = fill_columns(units, capacities)
    rest = [u for u in rest if u.block >= 0]  # a lead-in marker never travels on
    if not rest:
        return Fit(span, header, room, columns, occupancy, boxes)
    short = MIN_REMAINDER_LINES - sum(u.slots for u in rest)
    while short > 0:  # never jump a remainder of a few lines: hold more back
        column = max(c for c, cap in enumerate(capacities) if cap)
        taken = min(short, capacities[column])
        capacities[column] -= taken
        short -= taken
    if sum(capacities) - lead_in < MIN_CUT_LINES:
        return None
    columns, rest = fill_columns(units, capacities)
    rest = [u for u in rest if u.block >= 0]
    printed = {box.index for box in boxes}
    pending = tuple(i for i, _, _ in specs if i not in printed)
    return Fit(span, header, room, columns, occupancy, boxes, rest=rest, pending=pending)


# ------------------------------------------------------------------ spans and rows


def span_choices(geometry, piece):
    """[(span, penalty)] the piece may take: the editor's span or the lead's
    full width exactly; otherwise any width, cheapest at the preferred ones."""
    columns = geometry.columns
    if not piece.continued:
        fixed = piece.story.column_span
        if fixed:
            return [(min(fixed, columns), 0)]
        if piece.story.is_lead:
            return [(columns, 0)]
    preferred = preferred_spans(columns, _depth_slots(geometry, piece))
    return [(s, SPAN_PENALTY * min(abs(s - p) for p in preferred)) for s in range(1, columns + 1)]


def preferred_spans(columns, slots):
    """Spans that set ``slots`` single-column lines MIN_DEPTH to MAX_DEPTH deep,
    short of the full width (that is the lead's)."""
    if columns == 1:
        return [1]
    spans = [s for s in range(1, columns) if MIN_DEPTH <= slots / s <= MAX_DEPTH]
    if spans:
        return spans
    return [1] if slots < MIN_DEPTH else [columns - 1, columns]


def _depth_slots(geometry, piece):
    photos = sum(slots for _, slots, _ in piece.photo_specs(1))
    return sum(u.slots for u in piece.units) + photos


def choose_row(geometry, queue, room, cache, width=None):
    """The cheapest Row of the first stories in ``queue`` within ``room`` slots, or None.

    With ``width`` (columns), the row fills the hole under a narrower block:
    only whole stories, none cut."""
    columns = width or geometry.columns
    best, best_cost = None, None
    crowded = _crowded(geometry, queue, room, cache) if width is None else False
    for k in range(1, min(columns, len(queue)) + 1):
        pieces = queue[:k]
        for combo in _combinations([span_choices(geometry, p) for p in pieces], columns):
            fits = [_fit(geometry, p, span, room, cache, cut=width is None) for p, (span, _) in zip(pieces, combo)]
            if any(f is None for f in fits):
                continue
            cost = _cost(columns, fits, sum(pen for _, pen in combo), crowded, len(queue) - k)
            cost += _jump_choice(pieces, fits, queue)
            if best_cost is None or cost < best_cost - 1e-9:
                best_cost = cost
                best = Row(list(zip(pieces, fits)), max(f.height for f in fits), any(f.cut for f in fits))
    return best


def _combinations(choices, width):
    """Every pick of one (span, penalty) per story whose spans add up to ``width`` at most."""
    if not choices:
        yield ()
        return
    for span, penalty in choices[0]:
        if span <= width:
            for rest in _combinations(choices[1:], width - span):
                yield ((span, penalty),) + rest


def _whole(geometry, piece, span, cache):
    key = (id(piece), span)
    if key not in cache:
        cache[key] = complete_fit(geometry, piece, span)
    return cache[key]


def _fit(geometry, piece, span, room, cache, cut=True):
    fit = _whole(geometry, piece, span, cache)
    if fit.height <= room:
        return fit
    return cut_fit(geometry, piece, span, room) if cut else None


def _crowded(geometry, queue, room, cache):
    """Whether the stories waiting need more area than the room has (even set
    at their most compact), so that one of them must be cut or moved."""
    need = sum(min(_whole(geometry, p, span, cache).height * span for span, _ in span_choices(geometry, p)) for p in queue)
    return need > PACKING * room * geometry.columns


JUMP_CHOICE_PENALTY = 0.5  # cutting a story other than the one the editor marked 转X版 (or the longest)


def _jump_choice(pieces, fits, queue):
    """The editor's 转X版 story jumps first; without one, the page's longest story."""
    marked = [p for p in queue if p.story.jump_to_page and not p.continued]
    chosen = marked[0] if marked else max(queue, key=lambda p: sum(u.slots for u in p.units))
    return sum(JUMP_CHOICE_PENALTY for p, f in zip(pieces, fits) if f.cut and p is not chosen and not p.continued)


def _cost(columns, fits, span_penalty, crowded, left_behind):
    """Empty fraction of the row plus penalties. On a crowded page the first
    cut costs nothing: it is the page's jump."""
    height = max(f.height for f in fits)
    used = sum(f.span for f in fits)
    empty = sum(f.span * (height - f.height) for f in fits) + (columns - used) * height
    cost = empty / (columns * height) + span_penalty
    cuts = sum(1 for f in fits if f.cut)
    if cuts:
        cost += EXTRA_CUT_PENALTY * (cuts - 1) + MOVE_PENALTY * left_behind
        if not crowded:
            cost += AVOIDABLE_CUT_PENALTY * cuts
    return cost
