"""Measuring pass: every body block, headline and caption of an issue is typeset
by WeasyPrint at its real width, and the layout is read back from the boxes
(``HTML(...).render()`` before any PDF is written): which characters each
line holds, how tall each headline and caption is.

Each thing measured is a ``Probe``; its result depends only on the
stylesheet and the probe itself, so results are kept per process, keyed by a
hash of both: a warm render of unchanged stories measures nothing, an edited
story measures only what changed.
"""

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from html import escape

from ..cjk import BREAK
from .blocks import MAX_PHOTO_COLUMNS
from .plan import Line, Measured, Unit
from .story import PARAGRAPH, SUBHEAD, TABLE, TOP_BYLINE

CAPTION_GAP_PT = 3  # between a photo and its caption
PHOTO_FOOT_PT = 7  # between a caption and the text below

# The measuring document is one tall page, so that no probe is split across
# pages (a split would cut margins and change heights with the probe's place).
MEASURING_PAGE_HEIGHT_PT = 200_000
_CACHE_SIZE = 5_000  # probe results (up to a few kB each; some 250 stories)


@dataclass
class PhotoFrame:
    width: float
    image_height: float
    caption_height: float
    slots: int
    caption_lines: int
    caption_texts: tuple = ()  # the caption's measured lines (checks read them)


@dataclass(frozen=True)
class Probe:
    """One element to measure: ``element_id`` names it for ``measure_stories``."""

    element_id: str
    classes: str
    width: float | None  # pt; None: the width the stylesheet gives
    inner: str  # HTML

    def html(self):
        style = f' style="width:{self.width:.3f}pt"' if self.width is not None else ""
        return f'<div class="{self.classes}" id="{self.element_id}"{style}>{self.inner}</div>'


def measuring_probes(geometry, stories, header_html, caption_html):
    """[Probe] for ``stories``: one per thing to measure, ids carry the keys.

    Headlines are measured at every span a story may take (they wrap
    differently), captions at every photo width; body lines at the column width.
    """
    probes = []
    for story in stories:
        key = story.key
        for span in range(1, geometry.columns + 1):
            width = geometry.span_width(span)
            classes = f"m-header {header_class(span)}"
            probes.append(Probe(f"h-{key}-{span}", classes, width, header_html(story, False, span)))
            probes.append(Probe(f"c-{key}-{span}", classes, width, header_html(story, True, span)))
        for index, block in enumerate(story.blocks):
            if block.kind == TABLE:
                probes.append(Probe(f"b-{key}-{index}", "table-box", geometry.column_width, table_html(block.rows)))
                continue
            probes.append(Probe(f"b-{key}-{index}", f"text {_kind_class(block.kind)}", None, runs_html(block.runs)))
        for width in photo_widths(geometry):
            for index, photo in enumerate(story.photos):
                probes.append(Probe(f"p-{key}-{index}-{width}", "m-header", geometry.span_width(width), caption_html(photo)))
    return probes


class _Results:
    """Probe results by content hash, least recently used dropped first; thread-safe."""

    def __init__(self, size):
        self.size = size
        self.lock = threading.Lock()
        self.entries = OrderedDict()

    def get(self, key):
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        return None

    def put(self, key, value):
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


_results = _Results(_CACHE_SIZE)


def clear_cache():
    _results.clear()


def measure_probes(css, probes, page_width, render):
    """{element id: (height, [line texts])} for ``probes`` set with ``css``.

    Only probes not measured before (same stylesheet, same content) are
    typeset, in one document drawn by ``render(html, css) -> Document``.
    """
    css_hash = hashlib.sha256(css.encode()).hexdigest()
    keys = {p.element_id: _probe_key(css_hash, p) for p in probes}
    found = {}
    missing = {}
    for probe in probes:
        result = _results.get(keys[probe.element_id])
        if result is None:
            missing.setdefault(keys[probe.element_id], probe)  # identical probes are measured once
        else:
            found[probe.element_id] = result
    if missing:
        page = f"@page {{ size: {page_width}pt {MEASURING_PAGE_HEIGHT_PT}pt; }}"
        body = "".join(p.html() for p in missing.values())
        layout = read_layout(render(f"<html><head><style>{page}</style></head><body>{body}</body></html>", css))
        for key, probe in missing.items():
            height, lines = layout[probe.element_id]
            _results.put(key, (height, tuple(lines)))
        for probe in probes:
            if probe.element_id not in found:
                found[probe.element_id] = _results.get(keys[probe.element_id]) or _own(layout, missing, keys[probe.element_id])
    return found


def _own(layout, missing, key):
    # The cache may already have dropped it (a very large issue): read it back directly.
    height, lines = layout[missing[key].element_id]
    return (height, tuple(lines))


def _probe_key(css_hash, probe):
    text = f"{css_hash}\0{probe.classes}\0{probe.width!r}\0{probe.inner}"
    return hashlib.sha256(text.encode()).digest()


def header_class(span):
    """Headline furniture is sized by the story's width: see newspaper.css."""
    return f"header span-{min(span, 3)}"


def photo_widths(geometry):
    """Every width (in columns) a photo may print at: one column up to ``blocks.photo_width``'s widest."""
    return range(1, min(MAX_PHOTO_COLUMNS, geometry.columns) + 1)


def _kind_class(kind):
    return {PARAGRAPH: "p", SUBHEAD: "subhead", TOP_BYLINE: "byline"}.get(kind, kind)


def table_html(rows):
    """A body table: a header row in 黑体 over a rule, rules above and below."""
    out = []
    for header, cells in rows:
        tag = "th" if header else "td"
        out.append("<tr>" + "".join(f"<{tag}>{escape(cell, quote=False)}</{tag}>" for cell in cells) + "</tr>")
    return f'<table>{"".join(out)}</table>'


def runs_html(runs):
    return "".join(f'<span class="{cls}">{escape(text, quote=False)}</span>' for cls, text in runs)


def read_layout(document):
    """{element id: (heights summed over pages, [line texts])} from a rendered document."""
    found = {}
    for page in document.pages:
        _walk(page._page_box, found)
    return found


def _walk(box, found):
    element_id = None
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", None) == "div" and not _is_inline(box):
        element_id = element.get("id")
    if element_id and element_id[:2] in ("h-", "c-", "b-", "p-"):
        height, lines = found.get(element_id, (0.0, []))
        found[element_id] = (height + box.margin_height(), lines + list(_line_texts(box)))
        return
    for child in getattr(box, "children", ()):
        _walk(child, found)


def _is_inline(box):
    return type(box).__name__ in ("InlineBox", "TextBox", "LineBox")


def _line_texts(box):
    if type(box).__name__ == "LineBox":
        yield "".join(_texts(box))
        return
    for child in getattr(box, "children", ()):
        yield from _line_texts(child)


def _texts(box):
    if hasattr(box, "text"):
        yield box.text
    for child in getattr(box, "children", ()):
        yield from _texts(child)


def split_lines(runs, line_texts):
    """Cut ``runs`` where the measured lines break. Returns [[(class, text)]] per line."""
    counts = [sum(1 for ch in text if ch != BREAK) for text in line_texts]
    counts = [c for c in counts if c] or [0]
    total = sum(1 for _, text in runs for ch in text if ch != BREAK)
    if sum(counts) != total:
        raise ValueError(f"measured {sum(counts)} characters, expected {total}")
    lines, line, index, seen = [], [], 0, 0
    for cls, text in runs:
        chunk = ""
        for ch in text:
            if ch != BREAK and seen == counts[index] and index + 1 < len(counts):
                if chunk:
                    line.append((cls, chunk))
                lines.append(line)
                line, chunk, seen, index = [], "", 0, index + 1
            chunk += ch
            if ch != BREAK:
                seen += 1
        if chunk:
            line.append((cls, chunk))
    lines.append(line)
    return [_trim(line) for line in lines]


def _trim(line):
    """Drop break spaces at the line's two ends (they are where the line broke)."""
    line = [list(run) for run in line]
    while line and not line[0][1].lstrip(BREAK):
        line.pop(0)
    if line:
        line[0][1] = line[0][1].lstrip(BREAK)
    while line and not line[-1][1].rstrip(BREAK):
        line.pop()
    if line:
        line[-1][1] = line[-1][1].rstrip(BREAK)
    return [tuple(run) for run in line]


def _letter_count(text):
    from ..cjk import CLOSING, OPENING

    return sum(1 for ch in text if not ch.isspace() and ch not in CLOSING and ch not in OPENING and ch not in "\u200b\u2060")


def avoid_lonely_characters(stories, layout):
    """Probes re-measuring each paragraph whose last line holds one character
    (孤字) with its last two characters bound together (a looser line above
    gives one up); the stories' blocks are rewritten to match. Returns the probes."""
    probes = []
    for story in stories:
        for index, block in enumerate(story.blocks):
            if block.kind != PARAGRAPH:
                continue
            _, texts = layout.get(f"b-{story.key}-{index}", (0, ()))
            if len(texts) < 2 or _letter_count(texts[-1]) != 1:
                continue
            runs = _bind_tail(block.runs)
            if runs is None:
                continue
            block.runs = runs
            probes.append(Probe(f"b-{story.key}-{index}", f"text {_kind_class(block.kind)}", None, runs_html(runs)))
    return probes


def _bind_tail(runs):
    """``runs`` with the paragraph's last two letters (and what follows them) in one unbreakable run."""
    if not runs:
        return None
    cls, text = runs[-1]
    if "nobr" in cls.split():
        return None
    seen, cut = 0, None
    for position in range(len(text) - 1, -1, -1):
        if _letter_count(text[position]):
            seen += 1
            if seen == 2:
                cut = position
                break
    if cut is None or cut == 0:
        return None
    head, tail = text[:cut], text[cut:]
    return runs[:-1] + [(cls, head), (f"{cls} nobr", tail)]


def measure_stories(geometry, stories, layout):
    """[Measured] for ``stories`` from ``layout`` (see ``read_layout``); and photo frames by (key, index, width)."""
    measured, frames = [], {}
    for story in stories:
        key = story.key
        units = []
        for index, block in enumerate(story.blocks):
            if block.kind == TABLE:
                height, _ = layout[f"b-{key}-{index}"]
                slots = geometry.slots(height)
                box = f'<div class="table-box" style="height:{slots * geometry.line:.3f}pt;box-sizing:border-box">'
                units.append(Unit("table", index, [], html=box + table_html(block.rows) + "</div>", table_slots=slots))
                continue
            _, texts = layout[f"b-{key}-{index}"]
            lines = split_lines(block.runs, texts)
            kind = _kind_class(block.kind)
            if block.kind == SUBHEAD:
                units.append(Unit("subhead", index, [Line(r, False, True, kind) for r in lines], keep_with_next=True))
                continue
            for number, runs in enumerate(lines):
                first = number == 0 and block.kind == PARAGRAPH
                units.append(Unit("line", index, [Line(runs, first, number == len(lines) - 1, kind)]))
        photos = {}
        for width in photo_widths(geometry):
            photos[width] = []
            for index, photo in enumerate(story.photos):
                caption_height, caption_texts = layout[f"p-{key}-{index}-{width}"]
                frame = _photo_frame(geometry, geometry.span_width(width), photo.aspect, caption_height, len(caption_texts))
                frame.caption_texts = tuple(caption_texts)
                frames[(key, index, width)] = frame
                photos[width].append((frame.slots, frame.caption_lines))
        spans = range(1, geometry.columns + 1)
        measured.append(
            Measured(
                story=story,
                header_slots={s: geometry.slots(layout[f"h-{key}-{s}"][0] + 6) for s in spans},
                continuation_header_slots={s: geometry.slots(layout[f"c-{key}-{s}"][0] + 4) for s in spans},
                units=units,
                photos=photos,
                header_lines={s: tuple(layout[f"h-{key}-{s}"][1]) for s in spans},
            )
        )
    return measured, frames


def _photo_frame(geometry, width, aspect, caption_height, caption_lines):
    aspect = min(max(aspect, 0.75), 2.2)  # very tall or wide photos are cropped
    wanted = width / aspect
    slots = geometry.slots(wanted + CAPTION_GAP_PT + caption_height + PHOTO_FOOT_PT)
    image_height = slots * geometry.line - CAPTION_GAP_PT - caption_height - PHOTO_FOOT_PT
    return PhotoFrame(width, image_height, caption_height, slots, caption_lines)
