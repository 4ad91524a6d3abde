"""Text set as a newspaper sets it: no line breaks inside a person's name in a
dateline, byline or photo credit; the author's spaces kept (本报讯（记者　刘洋　
通讯员　陈晨）, full-width brackets); headlines broken between words, never a
headline line of one character."""

import pytest

from bulletins.typesetting.newspaper import typeset_newspaper
from bulletins.typesetting.newspaper.check import check

from .newspaper_stress import names_and_headlines


@pytest.fixture
def typeset(settings, tmp_path, newspaper, unit, contributor):
    settings.MEDIA_ROOT = tmp_path
    return typeset_newspaper(names_and_headlines(newspaper, unit, contributor), final=False)


def test_no_name_is_split_at_a_line_end_and_no_headline_line_is_one_character(typeset):
    figures = check(typeset)
    assert [name for page in figures.pages for name in page.split_names] == []
    assert sum(page.orphan_headline_lines for page in figures.pages) == 0


def test_datelines_keep_their_spaces_and_print_full_width_brackets(typeset):
    datelines = set()
    for page in typeset.plan.pages:
        for placement in page.placements:
            text = "".join(
                t for column in placement.columns for unit in column for line in unit.lines
                for cls, t in line.runs if "dateline" in cls.split()
            )
            if text:
                datelines.add(text.replace(" ", ""))
    assert "本报讯（记者\u3000陈晨\u3000通讯员\u3000周俊英）" in datelines
    assert not any("(" in d or ")" in d for d in datelines)
