"""The printed bulletin follows GB/T 9704: grid, flush lines, furniture where the standard puts it."""

import pytest

from bulletins.typesetting import cjk
from bulletins.typesetting.bulletin import render_bulletin
from bulletins.typesetting.specimen import make_specimen_issue

from .bulletin_pdf_reading import (
    MM,
    PITCH,
    TEXT_BOTTOM,
    TEXT_LEFT,
    TEXT_RIGHT,
    CLOSING_HALF_BLANK,
    body_lines,
    has_compressed_pair,
    lines_of,
    open_pdf,
    paragraph_lines,
)

RED = (0.0, 0.8, 0.8, 0.0)


@pytest.fixture
def pdf(db):
    issue = make_specimen_issue(repeat=2)
    with open_pdf(render_bulletin(issue, final=False)) as document:
        yield document


def _all_wide(text):
    return all(cjk.text_width(ch) == 1 for ch in text)


def _unbreakable_start(text):
    """How many characters open ``text`` before the first place a line may break."""
    for index in range(1, len(text)):
        if cjk.can_break(text[index - 1], text[index]):
            return index
    return len(text)


def test_full_lines_of_chinese_hold_28_characters(pdf):
    """28 per line, fewer only when the next characters may not be split (况， “我要干”。)."""
    lines = paragraph_lines(pdf)
    checked = exact = 0
    for (line, last), (following, _) in zip(lines, lines[1:]):
        if last or abs(line.left - TEXT_LEFT) > 1 or not _all_wide(line.text):
            continue
        checked += 1
        if len(line.text) == 28:
            exact += 1
        else:
            assert len(line.text) < 28, line.text
            assert len(line.text) + _unbreakable_start(following.text) > 28, (line.text, following.text)
    assert checked >= 10 and exact >= checked * 0.6


def test_characters_of_full_lines_sit_on_the_character_grid(pdf):
    """Each character of a full line of Chinese starts a whole number of pitches in (within 0.2 pt),
    but for lines holding a pair of punctuation marks set in one and a half ems (标点挤压)."""
    checked = 0
    for line in body_lines(pdf):
        if len(line.text) != 28 or abs(line.left - TEXT_LEFT) > 1 or not _all_wide(line.text) or has_compressed_pair(line.text):
            continue
        printed = [c for c in line.chars if not c["text"].isspace()]
        for index, char in enumerate(printed):
            assert abs(char["x0"] - (TEXT_LEFT + index * PITCH)) < 0.2, (line.page, line.text, index)
        checked += 1
    assert checked >= 10


def _body_line_texts(issue, body):
    item = issue.ordered_items()[0]
    item.body = body
    item.save()
    with open_pdf(render_bulletin(issue, final=True)) as document:
        return [line.text for line in body_lines(document)]


def test_bold_and_italic_phrases_inside_a_paragraph_break_its_lines_like_plain_text(db):
    words = ["加粗文字", "，示例和", "楷体强调", "。混排在同一段落之中", "检查网格", "是否对齐", "、两端是否", "对齐", "第二句话", "，继续"]
    tagged = "".join(
        f"<strong>{word}</strong>" if index % 3 == 0 else f"<em>{word}</em>" if index % 3 == 1 else word
        for index, word in enumerate(words * 3)
    )
    plain = "".join(words * 3)
    issue = make_specimen_issue()
    assert _body_line_texts(issue, f"<p>{tagged}</p>") == _body_line_texts(issue, f"<p>{plain}</p>")


def test_paragraphs_open_with_a_two_character_indent(pdf):
    firsts = [line for line in body_lines(pdf) if line.left - TEXT_LEFT > 1 and line.left - TEXT_LEFT < 3 * PITCH]
    assert firsts
    assert all(abs(line.left - TEXT_LEFT - 2 * PITCH) < 1 for line in firsts)


def test_every_line_but_the_last_of_a_paragraph_is_flush_at_both_edges(pdf):
    checked = 0
    for line, last in paragraph_lines(pdf):
        if last:
            continue
        # A closing mark set half an em at the line's end (标点挤压) has its ink in the half it keeps.
        half_at_end = line.text[-1] in CLOSING_HALF_BLANK and abs(line.right - PITCH / 2 - TEXT_RIGHT) < 1
        assert abs(line.right - TEXT_RIGHT) < 1 or half_at_end, (line.page, line.text)
        checked += 1
    assert checked >= 30


def test_pages_between_the_first_and_the_last_hold_22_body_lines(pdf):
    """22, or 21 when a line moved on to keep a run-in title, or a paragraph's short last line, with its text."""
    pages = len(pdf.pages)
    assert pages >= 4
    lines = body_lines(pdf)
    counts = [sum(1 for line in lines if line.page == number) for number in range(2, pages)]
    assert all(count in (21, 22) for count in counts), counts
    assert counts.count(22) >= len(counts) - 1, counts


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(pdf):
    for line in lines_of(pdf):
        assert line.text[0] not in cjk.CLOSING, (line.page, line.text)
        assert line.text[-1] not in cjk.OPENING, (line.page, line.text)


def test_masthead_name_and_rule_are_printed_in_cmyk_red(pdf):
    first = pdf.pages[0]
    name = [c for c in first.chars if c["text"] in "上街信息" and c["size"] > 40]
    assert len(name) == 4
    assert all(tuple(c["non_stroking_color"]) == RED for c in name)
    rules = [r for r in first.rects if tuple(r["non_stroking_color"] or ()) == RED]
    assert rules and all(abs(r["x0"] - TEXT_LEFT) < 1 and abs(r["x1"] - TEXT_RIGHT) < 1 for r in rules)


def test_footer_block_last_rule_sits_on_the_bottom_of_the_text_block(pdf):
    last = pdf.pages[-1]
    rules = [r for r in last.rects if abs(r["x1"] - r["x0"] - (TEXT_RIGHT - TEXT_LEFT)) < 1 and r["height"] < 2]
    assert len(rules) >= 3
    assert abs(max(r["bottom"] for r in rules) - TEXT_BOTTOM) < 2
    widths = sorted(round(r["height"] / MM, 2) for r in rules)
    assert widths[0] == pytest.approx(0.25, abs=0.02) and widths[-1] == pytest.approx(0.35, abs=0.02)


def test_page_numbers_sit_7mm_below_the_text_block_right_on_odd_and_left_on_even_pages(pdf):
    for number, page in enumerate(pdf.pages, start=1):
        marks = [c for c in page.chars if c["top"] > TEXT_BOTTOM]
        text = "".join(c["text"] for c in sorted(marks, key=lambda c: c["x0"]))
        assert text.replace(" ", "") == f"—{number}—"
        assert abs(min(c["top"] for c in marks) - TEXT_BOTTOM - 7 * MM) < 4
        if number % 2:
            assert abs(max(c["x1"] for c in marks) - (TEXT_RIGHT - 14)) < 2
        else:
            assert abs(min(c["x0"] for c in marks) - (TEXT_LEFT + 14)) < 2
