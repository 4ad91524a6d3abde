"""The printed newspaper's furniture: masthead with the lunar date, running heads, slogans, watermark."""

import io

import pdfplumber
import pytest

from .newspaper_builders import render_once, render_test_newspaper, squeeze


@pytest.fixture(scope="module")
def draft(rendered_newspaper):
    """The test issue rendered once as a draft; the tests below only read it."""
    return rendered_newspaper.typeset


@pytest.fixture(scope="module")
def pages_text(draft):
    with pdfplumber.open(io.BytesIO(draft.pdf)) as pdf:
        return [squeeze(page.extract_text()) for page in pdf.pages]


def masthead_text(result):
    """The masthead read zone by zone (title, date block, registration block), left to right."""
    g = result.geometry
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        page = pdf.pages[0]
        zones = [(0, 0.53), (0.53, 0.77), (0.77, 1.0)]
        return "".join(
            squeeze(page.within_bbox((g.margin_side + a * g.text_width - 1, 0, g.margin_side + b * g.text_width + 1, g.body_top(1))).extract_text())
            for a, b in zones
        )


def test_the_masthead_prints_name_issuer_date_lunar_date_and_registration(draft):
    front = masthead_text(draft)
    for expected in [
        "上街时讯", "SHANGJIENEWSLETTER", "中共上街区委宣传部传媒中心出版",
        "2020年2月", "29", "星期六", "庚子年二月初七",
        "河南省连续性内资【审郑州连】00015号", "第7期(总第634期)", "内部资料免费交流", "监督电话67180000",
    ]:
        assert expected in front, expected


def test_inner_pages_carry_a_running_head_with_name_date_and_page(pages_text):
    for number, (label, name) in enumerate([("二版", "综合"), ("三版", "民生"), ("四版", "文化")], start=2):
        text = pages_text[number - 1]
        assert "上街时讯" in text and "2020年2月29日" in text
        assert f"{label}·{name}" in text


def test_the_page_slogan_is_printed_at_the_foot(pages_text):
    assert "创建文明城市共建美好家园" in pages_text[1]


def watermark_chars(pdf_bytes):
    """Per page, the large (rotated) characters of the 样稿 watermark."""
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return ["".join(sorted(c["text"] for c in page.chars if c["size"] > 100)) for page in pdf.pages]


def test_a_draft_carries_the_watermark_and_the_final_print_does_not(draft, django_db_setup, django_db_blocker, tmp_path):
    assert all(chars == "样稿" for chars in watermark_chars(draft.pdf))
    final = render_once(django_db_blocker, tmp_path, final=True).typeset
    assert not any(watermark_chars(final.pdf))


def test_the_watermark_is_light_and_drawn_under_the_text(draft):
    with pdfplumber.open(io.BytesIO(draft.pdf)) as pdf:
        for page in pdf.pages:
            order = [c["size"] > 100 for c in page.chars]  # content-stream order
            assert order.index(True) < order.index(False), "the watermark comes first, so text prints over it"
            for char in page.chars:
                if char["size"] > 100:
                    *cmy, k = char["non_stroking_color"]
                    assert not any(cmy) and k <= 0.08


def test_rendering_the_same_issue_twice_gives_the_same_bytes(settings, tmp_path, newspaper, unit, contributor):
    issue, first = render_test_newspaper(settings, tmp_path, newspaper, unit, contributor)
    _, second = render_test_newspaper(settings, tmp_path, newspaper, unit, contributor, issue=issue)
    assert first.pdf == second.pdf


def masthead_lines(result):
    """The registration block's printed lines, top to bottom."""
    g = result.geometry
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        zone = pdf.pages[0].within_bbox((g.margin_side + 0.77 * g.text_width, 0, g.page_width - 1, g.body_top(1)))
        return [squeeze(line) for line in zone.extract_text().splitlines()]


def test_the_registration_number_breaks_before_its_bracket_as_in_print(draft):
    lines = masthead_lines(draft)
    assert lines[:2] == ["河南省连续性内资", "【审郑州连】00015号"]


def test_no_empty_band_between_the_masthead_and_its_red_rule(draft):
    g = draft.geometry
    with pdfplumber.open(io.BytesIO(draft.pdf)) as pdf:
        page = pdf.pages[0]
        text_bottom = max(c["bottom"] for c in page.chars if c["top"] < g.body_top(1) - 20)
    rule_top = g.body_top(1) - 14  # the thick red rule stands 14 pt above the body
    assert rule_top - text_bottom < 12 * 72 / 25.4, "at most 12 mm of white under the masthead text"
