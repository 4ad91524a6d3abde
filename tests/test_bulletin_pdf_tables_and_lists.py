"""Lists are numbered in the 公文 levels, tables leave the line grid intact, run-in form and attribution hold for any body."""

import pytest

from bulletins.typesetting import edge_issues
from bulletins.typesetting.bulletin import render_bulletin

from .bulletin_pdf_reading import body_lines, open_pdf

LINE = 225 * 72 / 25.4 / 22


@pytest.fixture
def lines(db):
    with open_pdf(render_bulletin(edge_issues.tables_and_lists(), final=True)) as pdf:
        return body_lines(pdf)


def _baseline(line):
    return max(c["matrix"][5] for c in line.chars)


def test_an_item_starting_with_a_list_keeps_its_run_in_title_and_numbers_the_list_in_gongwen_levels(lines):
    texts = [line.text for line in lines]
    opening = next(text for text in texts if text.startswith("区发改委三项举措推动项目落地"))
    assert opening.startswith("区发改委三项举措推动项目落地一、强化组织领导")
    starts = [text[:3] for text in texts]
    assert "二、压" in starts and "三、加" in starts
    assert "（一）" in starts and "（二）" in starts
    assert not any(text.startswith(("•", "1.", "2.")) for text in texts)


def test_lines_after_a_table_are_back_on_the_line_grid(lines):
    page = [line for line in lines if line.page == lines[-1].page]
    after = next(line for line in page if line.text.startswith("各项指标均好于预期"))
    first = page[0]
    steps = (_baseline(first) - _baseline(after)) / LINE
    assert abs(steps - round(steps)) * LINE < 0.3, steps


def test_an_item_that_is_only_a_table_prints_its_attribution_with_its_title(lines):
    texts = [line.text for line in lines]
    assert not any(text.startswith("（") and text.endswith("）") and len(text) < 10 for text in texts)
    assert any(text.startswith("区统计局发布主要指标") and text.endswith("）") for text in texts)
