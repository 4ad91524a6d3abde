"""A justified line stretches at most ⅛ em per break point: an attribution that does not fit breaks inside."""

from bulletins.typesetting import edge_issues
from bulletins.typesetting.bulletin import render_bulletin
from bulletins.typesetting.specimen import make_specimen_issue

from .bulletin_pdf_reading import PITCH, open_pdf, paragraph_lines

EIGHTH_EM = 16 / 8


def _largest_gap(data):
    """The widest step between two characters of a justified, all-Chinese line, less the pitch."""
    widest = 0.0
    with open_pdf(data) as pdf:
        for line, last in paragraph_lines(pdf):
            chars = [c for c in line.chars if not c["text"].isspace()]
            if last or any(c["x1"] - c["x0"] < 12 for c in chars):
                continue  # the last line of a paragraph, or one with Latin letters and digits
            steps = [b["x0"] - a["x0"] for a, b in zip(chars, chars[1:])]
            widest = max([widest] + [s - PITCH for s in steps if s < 1.5 * PITCH])
    return widest


def test_an_attribution_that_does_not_fit_breaks_inside_its_brackets_rather_than_stretch_the_line(db):
    data = render_bulletin(edge_issues.loose_before_attribution(), final=True)
    assert _largest_gap(data) <= EIGHTH_EM + 0.1
    with open_pdf(data) as pdf:
        texts = [line.text for line, _ in paragraph_lines(pdf)]
    attribution = "（区市场监管局）"
    splits = [(attribution[:k], attribution[k:]) for k in range(2, len(attribution) - 1)]
    assert any(
        text.endswith(head) and following == tail
        for text, following in zip(texts, texts[1:]) for head, tail in splits
    ), texts[-3:]


def test_the_specimen_has_no_line_stretched_beyond_an_eighth_em(db):
    assert _largest_gap(render_bulletin(make_specimen_issue(repeat=2), final=True)) <= EIGHTH_EM + 0.1
