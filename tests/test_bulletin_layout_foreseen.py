"""What a paragraph's lines need is known before the layout: a 5-page issue is typeset in one pass."""

from bulletins.typesetting.bulletin import LOOSE_LIMIT_PT, typeset_bulletin
from bulletins.typesetting.specimen import make_specimen_issue


def test_the_five_page_specimen_needs_no_second_pass_and_has_no_loose_line_or_widow(db):
    result = typeset_bulletin(make_specimen_issue(repeat=2), final=False)
    figures = result.layout.figures(LOOSE_LIMIT_PT)
    assert figures["pages"] == 5
    assert figures["loose_lines"] == 0 and figures["widows"] == 0
    assert result.passes == 1
