"""Publishing a newspaper whose final layout has problems (a story that does
not fit, an empty page, a photo left out) is refused until the 责任编辑
accepts them explicitly (接受版面提示); a new sign-off asks again."""

import pytest

from bulletins.models import IssueState
from bulletins.workflow import WorkflowError, apply_transition, available_actions

from .newspaper_stress import empty_page


@pytest.fixture
def approved_with_an_empty_page(settings, tmp_path, newspaper, unit, contributor):
    settings.MEDIA_ROOT = tmp_path
    issue = empty_page(newspaper, unit, contributor)
    issue.state = IssueState.APPROVED
    issue.save()
    return issue


def test_publishing_is_refused_naming_the_problem(approved_with_an_empty_page, editor):
    with pytest.raises(WorkflowError, match="三版没有稿件"):
        apply_transition(approved_with_an_empty_page, "publish", editor)
    approved_with_an_empty_page.refresh_from_db()
    assert approved_with_an_empty_page.state == IssueState.APPROVED and not approved_with_an_empty_page.pdf


def test_the_responsible_editor_accepts_the_problems_then_the_issue_publishes(approved_with_an_empty_page, editor, responsible_editor):
    issue = approved_with_an_empty_page
    assert "accept_layout" not in [a.action for a in available_actions(editor, issue)], "only the 责任编辑 accepts"
    issue = apply_transition(issue, "accept_layout", responsible_editor)
    issue = apply_transition(issue, "publish", editor)
    assert issue.state == IssueState.PUBLISHED and issue.pdf
