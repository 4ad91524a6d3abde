"""No paragraph ends on a line of one character (孤字): the line above is set
a character looser so that two characters share the last line."""

from bulletins.typesetting.newspaper.check import check


def test_no_paragraph_of_the_test_issue_ends_on_a_single_character(rendered_newspaper):
    figures = check(rendered_newspaper.typeset)
    assert [page.lonely_characters for page in figures.pages] == [0] * len(figures.pages)
