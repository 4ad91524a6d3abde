"""Reading a produced bulletin PDF back with pdfplumber: lines, positions, colours.

Shared by the tests/test_bulletin_pdf_*.py files. Coordinates are in pt from
the page's top-left corner, as pdfplumber gives them.
"""

import io
from dataclasses import dataclass

import pdfplumber

MM = 72 / 25.4
PAGE_HEIGHT = 297 * MM
TEXT_LEFT = 28 * MM
TEXT_RIGHT = (210 - 26) * MM
TEXT_TOP = 37 * MM
TEXT_BOTTOM = (297 - 35) * MM
PITCH = 156 * MM / 28
BODY_SIZE = 16
WATERMARK_MIN_SIZE = 60


@dataclass
class Line:
    page: int  # 1-based
    baseline: float
    chars: list

    @property
    def text(self):
        """The printed characters (break spaces dropped)."""
        return "".join(c["text"] for c in self.chars if not c["text"].isspace())

    @property
    def left(self):
        return self.chars[0]["x0"]

    @property
    def right(self):
        return self.chars[-1]["x1"]

    @property
    def top(self):
        return min(c["top"] for c in self.chars)

    @property
    def size(self):
        return max(round(c["size"]) for c in self.chars)


def open_pdf(data):
    return pdfplumber.open(io.BytesIO(data))


def is_watermark(char):
    return char["size"] >= WATERMARK_MIN_SIZE and not char["upright"] or char["size"] >= 100


def lines_of(pdf, *, within_text_block=True):
    """Every printed line (watermark excluded), page by page, top to bottom."""
    lines = []
    for number, page in enumerate(pdf.pages, start=1):
        rows = {}
        for char in page.chars:
            if is_watermark(char):
                continue
            if within_text_block and char["top"] > TEXT_BOTTOM:
                continue
            baseline = round(char["matrix"][5], 0)
            rows.setdefault(baseline, []).append(char)
        for baseline in sorted(rows, reverse=True):  # PDF y grows upwards
            chars = sorted(rows[baseline], key=lambda c: c["x0"])
            lines.append(Line(number, baseline, chars))
    return lines


def masthead_bottom(pdf):
    """Bottom of the masthead's red rule on page 1."""
    rules = [r for r in pdf.pages[0].rects if r["height"] < 5 and len(r["non_stroking_color"] or ()) == 4]
    return max(r["bottom"] for r in rules)


def body_lines(pdf):
    """Lines of 3号 body text (16 pt) under the masthead, in reading order."""
    below = masthead_bottom(pdf)
    return [
        line for line in lines_of(pdf)
        if line.size == BODY_SIZE and not (line.page == 1 and line.top < below)
    ]


def paragraph_lines(pdf):
    """(line, is_last_of_paragraph) for 16 pt text set flush left or indented two characters.

    A line is the last of its paragraph when the next body line starts a new
    paragraph (indented) or is not body text (a title, the footer block).
    """
    lines = body_lines(pdf)
    result = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        continues = following is not None and abs(following.left - TEXT_LEFT) < 1 and following.size == BODY_SIZE
        result.append((line, not continues))
    return result


def all_text(pdf):
    return "".join(line.text for line in lines_of(pdf, within_text_block=False))


CLOSING_HALF_BLANK = "，。、；：）」』”’》〉】〕"
OPENING_MARKS = "（「『“‘《〈【〔"


def has_compressed_pair(text):
    """Does ``text`` hold two adjacent punctuation marks, the first set half an em narrower (标点挤压)?"""
    return any(
        (a in CLOSING_HALF_BLANK and b in CLOSING_HALF_BLANK + OPENING_MARKS) or (a in OPENING_MARKS and b in OPENING_MARKS)
        for a, b in zip(text, text[1:])
    )
