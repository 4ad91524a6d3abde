"""Tables in a newspaper body print as tables (a header row, one row per table
row, inside the story's column), and list items keep their markers."""

import io

import pdfplumber
import pytest

from bulletins.typesetting.newspaper import typeset_newspaper

from .newspaper_stress import table_and_list


@pytest.fixture
def typeset(settings, tmp_path, newspaper, unit, contributor):
    settings.MEDIA_ROOT = tmp_path
    return typeset_newspaper(table_and_list(newspaper, unit, contributor), final=False)


def printed_lines(pdf_bytes, page=0):
    """{rounded top: text} of a PDF page, words on one baseline joined."""
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        lines = {}
        for word in pdf.pages[page].extract_words(keep_blank_chars=True):
            lines.setdefault(round(word["top"]), []).append(word["text"])
    return {top: "".join(words).replace(" ", "") for top, words in lines.items()}


def test_a_table_prints_its_header_and_each_row_on_a_line_of_its_own(typeset):
    units = [u for page in typeset.plan.pages for p in page.placements for c in p.columns for u in c]
    assert any(u.kind == "table" for u in units)
    lines = printed_lines(typeset.pdf).values()
    for row in ("项目一季度同比增长", "地区生产总值86.5亿元6.8%", "固定资产投资22.7亿元11.5%"):
        assert any(row in line for line in lines), row


def test_list_items_keep_their_bullets(typeset):
    text = "".join(printed_lines(typeset.pdf).values())
    for item in ("●加快项目建设进度", "●推动产业转型升级", "●持续优化营商环境"):
        assert item in text
