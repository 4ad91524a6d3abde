"""Bold and italic marked inside a body paragraph print in 黑体 and 楷体, not flattened to 宋体."""

import io

import pdfplumber

from .newspaper_builders import BOLD_TEXT, ITALIC_TEXT


def font_of(pdf, text):
    """The font names of the characters that spell ``text`` (found in reading order)."""
    for page in pdf.pages:
        chars = [c for c in page.chars if c["size"] < 30 and c["text"].strip()]
        spelled = "".join(c["text"] for c in chars)
        at = spelled.find(text)
        if at >= 0:
            return {c["fontname"].split("+")[-1] for c in chars[at : at + len(text)]}
    raise AssertionError(f"{text} not printed")


def test_bold_and_italic_keep_their_faces_in_print(rendered_newspaper):
    with pdfplumber.open(io.BytesIO(rendered_newspaper.typeset.pdf)) as pdf:
        body = font_of(pdf, "活动期间")
        bold = font_of(pdf, BOLD_TEXT)
        italic = font_of(pdf, ITALIC_TEXT)
    assert len(body) == len(bold) == len(italic) == 1
    assert len(body | bold | italic) == 3, (body, bold, italic)
