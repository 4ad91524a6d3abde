"""Series and lead titles wrap in balanced lines between words, never inside one."""

from bulletins.typesetting import cjk
from bulletins.typesetting.bulletin import render_bulletin
from bulletins.typesetting.specimen import make_specimen_issue

from .bulletin_pdf_reading import lines_of, open_pdf

SERIES = "精准服务 主动作为 夺取疫情防控和经济社会发展“双胜利”（一）"
LEAD = "区委常委会召开扩大会议传达学习省委全会精神研究部署我区贯彻落实工作"


def _printed_titles(issue):
    with open_pdf(render_bulletin(issue, final=True)) as pdf:
        lines = lines_of(pdf)
    series = [line.text for line in lines if line.size == 22]  # the ideographic spaces print as blank
    lead_start = next(i for i, line in enumerate(lines) if line.text.startswith("区委常委会"))
    return series, [lines[lead_start].text, lines[lead_start + 1].text]


def test_a_series_title_breaks_between_words_not_inside_防控(db):
    issue = make_specimen_issue()
    issue.series_title = SERIES
    issue.save()
    lead = issue.ordered_items()[0]
    lead.title = LEAD
    lead.save()
    series, lead_lines = _printed_titles(issue)
    assert series == ["精准服务主动作为夺取疫情防控", "和经济社会发展“双胜利”（一）"]
    assert lead_lines == ["区委常委会召开扩大会议传达学习省委", "全会精神研究部署我区贯彻落实工作"]


def test_balanced_titles_keep_the_authors_phrase_breaks_first():
    assert cjk.balance_lines("坚定信心 众志成城 全力打赢春季攻坚战（五）", 20) == ["坚定信心\u3000众志成城", "全力打赢春季攻坚战（五）"]


def test_a_word_is_cut_only_when_no_break_between_words_fits():
    # One 30-character "word" of digits and letters cannot move whole: it is cut where it must be.
    lines = cjk.balance_lines("全区" + "一" * 30, 20)
    assert all(cjk.text_width(line) <= 20 for line in lines)
