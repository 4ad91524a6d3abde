"""Measuring pass: every body block, headline and caption of an issue is typeset
once by WeasyPrint at its real width, and the layout is read back from the
boxes (``HTML(...).render()`` before any PDF is written): which characters
each line holds, how tall each headline and caption is.
"""

from dataclasses import dataclass
from html import escape

from .cjk import BREAK
from .newspaper_blocks import photo_width
from .newspaper_plan import Line, Measured, Unit
from .newspaper_story import PARAGRAPH, SUBHEAD, TOP_BYLINE

CAPTION_GAP_PT = 3  # between a photo and its caption
PHOTO_FOOT_PT = 7  # between a caption and the text below


@dataclass
class PhotoFrame:
    width: float
    image_height: float
    caption_height: float
    slots: int
    caption_lines: int


def measuring_html(geometry, stories, header_html, caption_html):
    """The measuring document: one element per thing to measure, ids carry the keys.

    Headlines are measured at every span a story may take (they wrap
    differently), captions at every photo width; body lines at the column width.
    """
    parts = []
    for story in stories:
        key = story.key
        for span in range(1, geometry.columns + 1):
            style = f'style="width:{geometry.span_width(span):.3f}pt"'
            parts.append(f'<div class="m-header {header_class(span)}" id="h-{key}-{span}" {style}>{header_html(story, False, span)}</div>')
            parts.append(f'<div class="m-header {header_class(span)}" id="c-{key}-{span}" {style}>{header_html(story, True, span)}</div>')
        for index, block in enumerate(story.blocks):
            parts.append(f'<div class="text {_kind_class(block.kind)}" id="b-{key}-{index}">{runs_html(block.runs)}</div>')
        for width in photo_widths(geometry):
            for index, photo in enumerate(story.photos):
                style = f'style="width:{geometry.span_width(width):.3f}pt"'
                parts.append(f'<div class="m-header" id="p-{key}-{index}-{width}" {style}>{caption_html(photo)}</div>')
    return "".join(parts)


def header_class(span):
    """Headline furniture is sized by the story's width: see newspaper.css."""
    return f"header span-{min(span, 3)}"


def photo_widths(geometry):
    """Every width (in columns) a photo may print at: one column up to ``photo_width``'s widest."""
    return range(1, photo_width(geometry, geometry.columns) + 1)


def _kind_class(kind):
    return {PARAGRAPH: "p", SUBHEAD: "subhead", TOP_BYLINE: "byline"}.get(kind, kind)


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


def measure_stories(geometry, stories, layout):
    """[Measured] for ``stories`` from ``layout`` (see ``read_layout``); and photo frames by (key, index, width)."""
    measured, frames = [], {}
    for story in stories:
        key = story.key
        units = []
        for index, block in enumerate(story.blocks):
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
            )
        )
    return measured, frames


def _photo_frame(geometry, width, aspect, caption_height, caption_lines):
    aspect = min(max(aspect, 0.75), 2.2)  # very tall or wide photos are cropped
    wanted = width / aspect
    slots = geometry.slots(wanted + CAPTION_GAP_PT + caption_height + PHOTO_FOOT_PT)
    image_height = slots * geometry.line - CAPTION_GAP_PT - caption_height - PHOTO_FOOT_PT
    return PhotoFrame(width, image_height, caption_height, slots, caption_lines)
