"""Break points for Chinese text: kinsoku, quotation marks, digit runs, balanced titles."""

from bulletins.typesetting import cjk


def test_no_break_before_closing_or_after_opening_punctuation():
    assert not cjk.can_break("作", "，")
    assert not cjk.can_break("字", "”")
    assert not cjk.can_break("（", "区")
    assert not cjk.can_break("“", "两")


def test_breaks_are_allowed_before_opening_and_after_closing_quotation_marks():
    assert cjk.can_break("抓", "“")
    assert cjk.can_break("”", "两")


def test_digit_and_latin_runs_stay_whole():
    marked = cjk.mark_breaks("复工率85.1%，热线12315受理")
    assert "85.1%" in marked and "12315" in marked


def test_source_spaces_next_to_chinese_are_dropped_and_break_spaces_removable():
    marked = cjk.mark_breaks("复工 101 家")
    assert cjk.strip_breaks(marked) == "复工101家"


def test_a_break_at_the_start_of_an_inline_element_goes_before_its_tag():
    marked = cjk.mark_breaks_html('<p>完成。<span class="a">（区发改委）</span></p>')
    assert f"。{cjk.BREAK}<span" in marked


def test_zero_width_break_spaces_from_the_measured_space_advance():
    spacing = cjk.grid_spacing(16, 15.79, 0.333)
    assert spacing["letter_spacing"] * 16 == -0.21 or abs(spacing["letter_spacing"] * 16 + 0.21) < 1e-9
    assert abs(0.333 + spacing["letter_spacing"] + spacing["word_spacing"]) < 1e-9


def test_series_titles_wrap_in_balanced_lines_preferring_the_authors_phrase_breaks():
    lines = cjk.balance_lines("坚定信心 众志成城 全力打赢春季攻坚战（五）", 20)
    assert lines == ["坚定信心\u3000众志成城", "全力打赢春季攻坚战（五）"]
    assert cjk.balance_lines("短标题", 20) == ["短标题"]


def test_zero_width_marks_follow_every_character_but_the_last_and_break_only_where_allowed():
    text = "确保“开工一批”，复工率85.1%。"
    marked = cjk.mark_breaks(text, zero_width=True)
    printed, marks = marked[0::2], marked[1::2]
    assert printed == text
    assert set(marks) <= {cjk.ZW_BREAK, cjk.ZW_KEEP} and len(marks) == len(text) - 1
    for before, after, mark in zip(text, text[1:], marks):
        assert (mark == cjk.ZW_BREAK) == cjk.can_break(before, after), (before, after)
    assert cjk.BREAK not in marked
    assert cjk.strip_breaks(marked) == text


def test_zero_width_marks_cross_inline_tags_and_a_break_goes_before_the_tag():
    marked = cjk.mark_breaks_html('<p><span class="t">标题</span>正文。<span class="a">（区发改委）</span></p>', zero_width=True)
    assert f"题{cjk.ZW_BREAK}</span>正" in marked
    assert f"。{cjk.ZW_BREAK}<span" in marked


def test_a_character_and_its_zero_width_mark_never_take_more_than_one_pitch():
    units_per_pt = 1024 * 4 / 3  # WeasyPrint gives Pango letter-spacing in 1/1024 CSS px, truncated
    full = cjk.grid_spacing(16, 15.79, 0.333)["letter_spacing"] * 16 * units_per_pt
    half = int(cjk.zero_width_letter_spacing(16, 15.79) * 16 * units_per_pt)
    assert int(full) - 1 <= 2 * half <= int(full)


def test_zero_width_characters_pasted_into_the_source_do_not_shift_the_marks():
    assert cjk.mark_breaks("复\u200b工\u2060率", zero_width=True) == cjk.mark_breaks("复工率", zero_width=True)
