"""The demo data holds a 排版样张 issue that shows the bulletin's typesetting points."""

from django.core.management import call_command

from bulletins import demo_content
from bulletins.models import Issue
from bulletins.typesetting.bulletin import LOOSE_LIMIT_PT, typeset_bulletin


def test_seed_demo_creates_the_typesetting_specimen_once_and_it_prints_cleanly(db):
    call_command("seed_demo", "--quiet-logins")
    call_command("seed_demo", "--quiet-logins")  # idempotent
    issue = Issue.objects.get(series_title=demo_content.SPECIMEN_SERIES_TITLE)
    assert issue.state == "drafting" and issue.print_run == demo_content.SPECIMEN_PRINT_RUN
    assert [i.printed_attribution for i in issue.ordered_items()][0] == ""
    assert issue.ordered_items().last().printed_attribution == ""  # 不署名
    result = typeset_bulletin(issue, final=False)
    figures = result.layout.figures(LOOSE_LIMIT_PT)
    assert figures["lines_off_grid"] == 0 and figures["loose_lines"] == 0
    assert figures["footer_only_pages"] == 0 and figures["widows"] == 0
    assert any("版记" in note for note in result.pdf.notes)
