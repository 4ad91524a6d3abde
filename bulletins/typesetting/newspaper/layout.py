"""Page make-up for 上街时讯: each page is filled with rows of stories set
side by side in rectangular blocks (``blocks``): the page's lead
across all columns first, then shorter stories one to three columns wide,
hairlines between rows and down the gutters between blocks. When a page is
full, the story that does not fit is cut at a line boundary, ends with
（下转X版）, and continues under its short headline and （上接X版） on the page
the editor chose or the next page with room.

Everything here counts in line slots (the body's line pitch), so the plan is
pure arithmetic over measured line counts; ``measure`` supplies the
measurements, ``newspaper`` draws the plan.
"""

import dataclasses
import math
from dataclasses import dataclass

from .blocks import Piece, choose_row, grown_fit, piece_photo_width
from .plan import PagePlan, Placement, Plan, Rule, jump_unit

MM = 72 / 25.4

PAGE_SIZES_MM = {"A4": (210, 297), "A3": (297, 420), "tabloid": (265, 390)}

BODY_SIZE_PT = 10  # nominal; the real size is the column's character pitch (≈ 五号 10.5)
LINE_PT = 15
GUTTER_PT = 12


@dataclass(frozen=True)
class Geometry:
    page_width: float
    page_height: float
    columns: int
    margin_top: float = 12 * MM
    margin_bottom: float = 12 * MM
    margin_side: float = 14 * MM
    masthead_height: float = 60 * MM  # name, date block and registration, then the red double rule: no empty band
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

    def gutter_x(self, column):
        """The middle of the gutter left of page ``column``."""
        return self.column_x(column) - (self.column_step - self.column_width) / 2

    def body_top(self, page_number):
        head = self.masthead_height if page_number == 1 else self.running_head_height
        return self.margin_top + head

    def body_slots(self, page_number, has_slogan):
        bottom = self.page_height - self.margin_bottom - (self.slogan_height if has_slogan else 0)
        return int((bottom - self.body_top(page_number)) // self.line)

    def slots(self, height_pt):
        """Line slots a measured height takes, rounded up."""
        return max(1, math.ceil(height_pt / self.line - 0.01))


GAP_SLOTS = 1  # between rows: a hairline rule in the middle of one empty line


def page_label(number):
    from ...models import chinese_numeral

    return f"{chinese_numeral(number)}版"


def paginate(geometry, pages, stories_by_page):
    """Lay out every page. ``pages``: [(number, name, slogan)] in order;
    ``stories_by_page``: {number: [Measured]} in print order (lead first).

    No page is ever added: what does not fit on the pages the editor set up is
    left out and said in the plan's ``problems`` (which stories, how many
    lines), for the editor to decide.
    """
    plans = [PagePlan(n, name, slogan, geometry.body_slots(n, bool(slogan))) for n, name, slogan in pages]
    incoming = {plan.number: [] for plan in plans}
    planned = {plan.number: sum(_need(geometry, Piece(m, m.units)) for m in stories_by_page.get(plan.number, [])) for plan in plans}
    left_out = {}  # story key -> (story, lines, photo indexes, last page it printed on or None)
    for plan in plans:
        queue = [Piece(m, list(m.units)) for m in stories_by_page.get(plan.number, [])] + incoming[plan.number]
        for piece, cut, fit in _pack_best(geometry, plan, queue):
            target = _target_page(geometry, plans, planned, incoming, piece, plan.number)
            if cut:
                if target is None:
                    _drop_jump(cut)
                    left_out[piece.story.key] = (piece.story, sum(u.slots for u in fit.rest), fit.pending, plan.number)
                    continue
                _point_jump(cut, target)
                piece = Piece(piece.measured, fit.rest, continued_from=plan.number, photos=list(fit.pending), previous=cut)
            elif target is None:
                if piece.previous is not None:
                    _drop_jump(piece.previous)
                photos = tuple(range(len(piece.story.photos))) if piece.photos is None else tuple(piece.photos)
                left_out[piece.story.key] = (piece.story, sum(u.slots for u in piece.units), photos, piece.continued_from)
                continue
            elif piece.previous is not None:
                # A continuation that found no room here: its （下转X版） now names the new page.
                _point_jump(piece.previous, target)
            incoming[target].append(piece)
    plan = Plan(pages=plans, notes=[])
    _write_notes(plan, stories_by_page, left_out)
    return plan


CHOICES = "可选择：增加两个版面，把稿件移到其他版，删减稿件，或缩短篇幅。"


def _write_notes(plan, stories_by_page, left_out):
    """One note per story (where it ended), one per empty page; ``problems``
    are the notes the editor must decide on before the issue is printed."""
    printed = {}  # story key -> [page numbers]
    placed_photos = {}
    for page in plan.pages:
        for placement in page.placements:
            pages = printed.setdefault(placement.story.key, [])
            if page.number not in pages:
                pages.append(page.number)
            placed_photos.setdefault(placement.story.key, set()).update(p.index for p in placement.photos)
    for page in plan.pages:
        if not stories_by_page.get(page.number) and not page.placements:
            plan.problem(f"{page_label(page.number)}没有稿件，将印成空白版。")
    for number, stories in stories_by_page.items():
        for measured in stories:
            story = measured.story
            pages = printed.get(story.key, [])
            if story.key in left_out:
                _, lines, _, last = left_out[story.key]
                where = f"已排至{page_label(last)}" if last and pages else "未能排入任何版面"
                plan.problem(f"《{story.headline}》排不下：还差{lines}行（{where}）。{CHOICES}")
            elif pages and pages[0] != number:
                plan.note(f"《{story.headline}》在{page_label(number)}排不下，移至{page_label(pages[0])}。")
            for index, photo in enumerate(story.photos):
                if index not in placed_photos.get(story.key, set()):
                    caption = f"“{photo.caption}”" if photo.caption else f"第{index + 1}张"
                    plan.problem(f"《{story.headline}》的照片{caption}未能排入，请决定缩小照片、移动稿件或删去照片。")


def _drop_jump(placement):
    """A cut with nowhere to continue: no （下转X版） promising a page that is not there."""
    for column in placement.columns:
        if placement.jump_marker in column:
            column.remove(placement.jump_marker)
    placement.jump_marker = None


PHOTO_STEPS = (0, 1, -1)  # photo sizes a page is tried with: as designed, a step larger, a step smaller


def _pack_best(geometry, plan, queue):
    """Pack the page with each photo size step and keep the best: most of its
    stories placed, then the fullest page; ties go to the designed sizes. A
    small exhaustive search, deterministic (the same input, the same page)."""
    best = None
    has_photos = any(p.story.photos for p in queue)
    for step in PHOTO_STEPS if has_photos else (0,):
        trial = PagePlan(plan.number, plan.name, plan.slogan, plan.slots)
        out = _pack_page(geometry, trial, [dataclasses.replace(p, photo_step=step) for p in queue])
        left = sum(sum(u.slots for u in (fit.rest if cut else piece.units)) for piece, cut, fit in out)
        score = (left, -page_fill(geometry, trial)[0])
        if best is None or score < best[0]:
            best = (score, trial, out)
    _, trial, out = best
    plan.placements, plan.rules, plan.used = trial.placements, trial.rules, trial.used
    return out


def page_fill(geometry, page):
    """(column-slots covered, largest hole in slots) of a page's body: text,
    photos, headlines and rules."""
    columns = geometry.columns
    filled = [[False] * page.slots for _ in range(columns)]

    def cover(column, start, count):
        for slot in range(max(0, start), min(page.slots, start + count)):
            filled[column][slot] = True

    for rule in page.rules:
        if not rule.vertical:
            for column in range(rule.column, rule.column + (rule.span or columns)):
                cover(column, rule.top, 1)
    for placement in page.placements:
        for column in range(placement.span):
            page_column = placement.page_column(column)
            cover(page_column, placement.top, placement.header_slots)
            units = placement.columns[column] if column < len(placement.columns) else []
            cover(page_column, placement.body_top + placement.column_tops[column], sum(u.slots for u in units))
        for photo in placement.photos:
            for column in range(photo.column, photo.column + photo.columns):
                cover(column, placement.body_top + photo.top, photo.slots)
    hole = 0
    for column in filled:
        run = 0
        for slot in column:
            run = 0 if slot else run + 1
            hole = max(hole, run)
    return sum(sum(column) for column in filled), hole


def _pack_page(geometry, plan, queue):
    """Fill ``plan`` with rows from ``queue``. Returns what goes on elsewhere:
    [(piece, cut Placement, its Fit)] for a cut story, (piece, None, None) for a whole piece."""
    leftovers, cache, rows = [], {}, []
    while queue:
        gap = GAP_SLOTS if plan.placements else 0
        row = choose_row(geometry, queue, plan.slots - plan.used - gap, cache)
        if row is None:
            if not plan.placements:
                raise RuntimeError(f"《{queue[0].story.headline}》的标题比整个版面还大。")
            break
        top = plan.used + gap
        if gap:
            plan.rules.append(Rule(vertical=False, top=plan.used))
        column = 0
        placed = []
        for n, (piece, fit) in enumerate(row.fits):
            if n:
                plan.rules.append(Rule(vertical=True, top=top, column=column, height=row.height))
            placement = _placement(piece, fit, top, column)
            plan.placements.append(placement)
            placed.append([placement, piece, fit])
            if fit.cut:
                leftovers.append((piece, placement, fit))
            column += fit.span
        queue = queue[len(row.fits) :]
        for block in list(placed):
            queue = _stack_under(geometry, plan, block, top + row.height, queue, cache, placed)
        rows.append(_Row(top, row.height, placed))
        plan.used = top + row.height
        if row.final:
            break
    _close_holes(geometry, plan, rows, foot=not leftovers and not queue)
    return leftovers + [(piece, None, None) for piece in queue]


MIN_STACK_SLOTS = 6  # a hole under a block at least this tall takes the next short stories


def _stack_under(geometry, plan, block, bottom, queue, cache, placed):
    """Set the next whole stories in the hole under a block shorter than its row
    (across the block's columns, a hairline between), as a layout editor stacks
    short news. Returns the queue left."""
    placement, _, fit = block
    if fit.cut:
        return queue
    top = placement.top + placement.height + GAP_SLOTS
    while queue and bottom - top >= MIN_STACK_SLOTS:
        sub = choose_row(geometry, queue, bottom - top, cache, width=placement.span)
        if sub is None:
            break
        plan.rules.append(Rule(vertical=False, top=top - GAP_SLOTS, column=placement.first_column, span=placement.span))
        column = placement.first_column
        for n, (piece, sub_fit) in enumerate(sub.fits):
            if n:
                plan.rules.append(Rule(vertical=True, top=top, column=column, height=sub.height))
            stacked = _placement(piece, sub_fit, top, column)
            plan.placements.append(stacked)
            placed.append([stacked, piece, sub_fit])
            column += sub_fit.span
        queue = queue[len(sub.fits) :]
        top += sub.height + GAP_SLOTS
    return queue


@dataclass
class _Row:
    top: int
    height: int
    blocks: list  # [[Placement, Piece, Fit]]

    def room(self, placement, placements):
        """The slots a block may grow to: down to the row's foot unless a
        block stacked under it stands in the way."""
        below = [p.top for p in placements if p.top > placement.top and p.first_column < placement.first_column + placement.span
                 and placement.first_column < p.first_column + p.span]
        limit = min(below) - GAP_SLOTS if below else self.top + self.height
        return limit - placement.top


def _close_holes(geometry, plan, rows, foot):
    """Photos grown taller (cropped at the sides) close the holes under blocks
    shorter than their row and, when nothing waits for this page (``foot``),
    the empty lines at its foot: the rows below move down."""
    for row in rows:
        _fill_row(geometry, row)
    if not foot:
        return
    for index, row in enumerate(rows):
        slack = plan.slots - plan.used
        if slack <= 0:
            break
        grown = 0
        placements = [b[0] for b in row.blocks]
        for block in row.blocks:
            placement, piece, fit = block
            room = row.room(placement, placements)
            if placement.top + room < row.top + row.height:
                continue  # a block with stories stacked under it
            better = _tallest_growth(geometry, piece, fit, room + slack)
            if better is not None and better.height > room:
                grown = max(grown, better.height - room)
        if not grown:
            continue
        for later in rows[index + 1 :]:
            later.top += grown
            for placement, _, _ in later.blocks:
                placement.top += grown
        foot = row.top + row.height
        for rule in plan.rules:
            if rule.top >= foot:
                rule.top += grown  # the rows below move down
            elif rule.vertical and rule.top + rule.height == foot:
                rule.height += grown
        row.height += grown
        plan.used += grown
        _fill_row(geometry, row)


def _fill_row(geometry, row):
    placements = [b[0] for b in row.blocks]
    for block in row.blocks:
        placement, piece, fit = block
        room = row.room(placement, placements)
        if fit.height >= room:
            continue
        better = _tallest_growth(geometry, piece, fit, room)
        if better is not None:
            _refit(placement, better)
            block[2] = better


def _tallest_growth(geometry, piece, fit, height):
    """The tallest grown fit of ``fit`` no taller than ``height``, or None."""
    best, extra = None, 1
    while True:
        grown = grown_fit(geometry, piece, fit, extra) if not fit.cut else None
        if grown is None or grown.height > height:
            return best
        if grown.height > fit.height:
            best = grown
        extra += 1


def _refit(placement, fit):
    placement.columns = [list(column) for column in fit.columns]
    placement.column_tops = list(fit.occupancy)
    placement.photos = [
        type(box)(box.index, placement.first_column + box.column, box.top, box.slots, box.caption_lines, box.columns)
        for box in fit.boxes
    ]
    placement.height = fit.height


def _placement(piece, fit, top, first_column):
    boxes = [
        type(box)(box.index, first_column + box.column, box.top, box.slots, box.caption_lines, box.columns)
        for box in fit.boxes
    ]
    placement = Placement(
        story=piece.story,
        continued_from=piece.continued_from,
        top=top,
        first_column=first_column,
        span=fit.span,
        header_slots=fit.header,
        columns=[list(column) for column in fit.columns],
        column_tops=list(fit.occupancy),
        photos=boxes,
        height=fit.height,
    )
    if fit.cut:
        placement.jump_marker = jump_unit("jump-to", "")
        last = max((c for c, column in enumerate(placement.columns) if column), default=0)
        placement.columns[last].append(placement.jump_marker)
    return placement


def _point_jump(placement, target):
    placement.jumps_to = target
    placement.jump_marker.lines[0].runs = [("jump", f"（下转{page_label(target)}）")]


def _need(geometry, piece):
    """Estimated area (in column-slots) a piece takes: its lines, its photos,
    a two-column headline and a share of the rules."""
    span = min(2, geometry.columns)
    width = piece_photo_width(geometry, piece, span)
    photos = sum(slots for _, slots, _ in piece.photo_specs(width)) * width
    header = piece.header_slots(span) * span
    return sum(u.slots for u in piece.units) + photos + header + GAP_SLOTS * geometry.columns


def _target_page(geometry, plans, planned, incoming, piece, from_page):
    """The page a piece continues on: the editor's 转X版, else the first later
    page with room, else the next page; None after the last page."""
    numbers = [p.number for p in plans]
    wanted = piece.story.jump_to_page
    if wanted and wanted > from_page and wanted in numbers:
        return wanted
    need = _need(geometry, piece) * 1.15  # rows never pack perfectly
    for plan in plans:
        if plan.number <= from_page:
            continue
        queued = sum(_need(geometry, p) for p in incoming[plan.number])
        if plan.slots * geometry.columns - planned[plan.number] - queued >= need:
            return plan.number
    later = [n for n in numbers if n > from_page]
    return later[0] if later else None
