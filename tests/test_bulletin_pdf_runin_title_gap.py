"""The space after a run-in title is dropped at a line's end; a long title breaks between words."""

from bulletins.typesetting import edge_issues
from bulletins.typesetting.bulletin import render_bulletin

from .bulletin_pdf_reading import body_lines, open_pdf


def _lines(issue):
    with open_pdf(render_bulletin(issue, final=True)) as pdf:
        return [line.text for line in body_lines(pdf)]


def test_a_run_in_title_that_just_fits_keeps_its_last_character_and_the_text_starts_the_next_line(db):
    issue = edge_issues.runin_title_just_fits()
    title = issue.ordered_items()[1].title
    lines = _lines(issue)
    start = next(i for i, text in enumerate(lines) if text.startswith(title[:6]))
    assert lines[start] == title
    assert lines[start + 1].startswith(edge_issues.FILLER[:10])


def test_a_run_in_title_longer_than_a_line_breaks_between_words(db):
    issue = edge_issues.runin_title_just_fits()
    item = issue.ordered_items()[1]
    item.title = "区发改委聚焦重点项目建设持续优化营商环境推动全区经济社会高质量发展"
    item.save()
    lines = _lines(issue)
    start = next(i for i, text in enumerate(lines) if text.startswith("区发改委聚焦"))
    assert lines[start] == "区发改委聚焦重点项目建设持续优化营商环境推动全区"
    assert lines[start + 1].startswith("经济社会高质量发展")
