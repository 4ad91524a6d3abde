"""``render_issue --final`` prints the layout notes and fails (non-zero exit)
when the layout has problems for the editor: a declared page left empty, a
story that does not fit; no page is added behind the editor's back."""

import pytest
from django.core.management import CommandError, call_command

from .newspaper_stress import empty_page


def test_final_render_of_an_issue_with_an_empty_page_fails_with_the_note(settings, tmp_path, newspaper, unit, contributor, capsys):
    settings.MEDIA_ROOT = tmp_path
    issue = empty_page(newspaper, unit, contributor)
    output = tmp_path / "issue.pdf"
    with pytest.raises(CommandError, match="三版没有稿件"):
        call_command("render_issue", "--id", str(issue.pk), "--final", "-o", str(output))
    assert "排版提示：三版没有稿件，将印成空白版。" in capsys.readouterr().out
    assert not output.exists(), "no final file of an undecided layout"

    call_command("render_issue", "--id", str(issue.pk), "--draft", "-o", str(output))  # a draft still renders
    assert output.read_bytes().startswith(b"%PDF")
