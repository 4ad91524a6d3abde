"""The final pass draws a paragraph's plain justified lines in one shared box
(a faster render): every character still prints exactly where it does when
each line has a box of its own, the way the lines were measured."""

import io

import pdfplumber

from bulletins.typesetting.newspaper import draw as layout
from bulletins.typesetting.newspaper import lines as newspaper_lines

from .newspaper_builders import render_test_newspaper


def printed_characters(pdf_bytes):
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return [
            [(c["text"], round(c["x0"], 2), round(c["top"], 2), c["fontname"]) for c in page.chars]
            for page in pdf.pages
        ]


def test_shared_line_boxes_print_every_character_where_one_box_per_line_does(
    settings, tmp_path, newspaper, unit, contributor, monkeypatch
):
    issue, shared = render_test_newspaper(settings, tmp_path, newspaper, unit, contributor, final=False)
    assert 'class="lines' in newspaper_lines.column_html(
        next(p for page in shared.plan.pages for p in page.placements if any(p.columns)).columns[0]
    ), "the test issue has paragraphs whose lines share a box"

    monkeypatch.setattr(layout, "column_html", lambda units, merge: newspaper_lines.column_html(units, merge=False))
    _, separate = render_test_newspaper(settings, tmp_path, newspaper, unit, contributor, final=False, issue=issue)

    assert printed_characters(shared.pdf) == printed_characters(separate.pdf)
