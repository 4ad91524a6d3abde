"""A character the 仿宋 face lacks, drawn from another face, leaves its line on the 28.99 pt grid."""

from bulletins.typesetting.bulletin import render_bulletin
from bulletins.typesetting.specimen import make_specimen_issue

from .bulletin_pdf_reading import body_lines, open_pdf

LINE = 225 * 72 / 25.4 / 22


def test_lines_holding_rare_name_characters_keep_the_line_pitch(db):
    issue = make_specimen_issue()
    lead = issue.ordered_items()[0]
    # Rare characters in several lines of one paragraph, as names in a report would be.
    lead.body = "<p>" + "区领导张志堃、韩喆、王堃、李喆参加调研并讲话，强调要抓好各项工作落实。" * 6 + "</p>" + lead.body
    lead.save()
    with open_pdf(render_bulletin(issue, final=True)) as pdf:
        lines = [line for line in body_lines(pdf) if line.page == 1]
    rare = [i for i, line in enumerate(lines) if "堃" in line.text and "区长" not in line.text]
    assert len(rare) >= 5
    paragraph = lines[rare[0]:rare[-1] + 2]  # the paragraph's lines and the line after them
    for above, below in zip(paragraph, paragraph[1:]):
        pitch = _baseline(above) - _baseline(below)
        assert abs(pitch - LINE) < 0.3, (above.text, below.text, pitch)


def _baseline(line):
    """The line's exact baseline (PDF y, upwards): the body face's characters, not a fallback's."""
    return max(c["matrix"][5] for c in line.chars)
