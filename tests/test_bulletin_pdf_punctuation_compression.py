"""标点挤压: of two adjacent punctuation marks the first gives up its blank half (W3C clreq)."""

from bulletins.typesetting.bulletin import render_bulletin
from bulletins.typesetting.specimen import make_specimen_issue

from .bulletin_pdf_reading import PITCH, TEXT_LEFT, body_lines, has_compressed_pair, open_pdf


def _steps(issue):
    """(pair, advance of its first mark) for every adjacent pair of marks on a line."""
    with open_pdf(render_bulletin(issue, final=True)) as pdf:
        lines = body_lines(pdf)
    found = []
    for line in lines:
        chars = [c for c in line.chars if not c["text"].isspace()]
        for a, b in zip(chars, chars[1:]):
            found.append((a["text"] + b["text"], b["x0"] - a["x0"], line))
    return found, lines


def test_adjacent_punctuation_takes_one_and_a_half_ems(db):
    issue = make_specimen_issue()
    item = issue.ordered_items()[1]
    item.body = "<p>会议强调“稳中求进”，要求“件件有回音”（见附件）、“事事有着落”。（会议纪要）各单位抓好落实。</p>"
    item.save()
    steps, _ = _steps(issue)
    pairs = {pair: step for pair, step, _ in steps}
    for pair in ("”，", "”（", "）、", "”。", "。（"):
        assert abs(pairs[pair] - PITCH / 2) < 0.2, (pair, pairs[pair])


def test_lines_without_such_pairs_stay_on_the_character_grid(db):
    steps, lines = _steps(make_specimen_issue())
    checked = 0
    for line in lines:
        text = line.text
        if len(text) != 28 or abs(line.left - TEXT_LEFT) > 1 or has_compressed_pair(text) or any(ch.isascii() for ch in text):
            continue
        chars = [c for c in line.chars if not c["text"].isspace()]
        for index, char in enumerate(chars):
            assert abs(char["x0"] - (TEXT_LEFT + index * PITCH)) < 0.2, (text, index)
        checked += 1
    assert checked >= 10
