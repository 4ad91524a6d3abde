"""Only the responsible editors listed on an issue sign it off; a publication may require all of them."""

import pytest
from django.urls import reverse

from bulletins import workflow
from bulletins.models import IssueEditor, IssueState, Publication, SignOff

from .issue_helpers import action_post, login


@pytest.fixture
def in_review(composed_issue, editor):
    return workflow.apply_transition(composed_issue, "submit_for_review", editor)


def approve(client, user, issue):
    return login(client, user).post(reverse("issue_action", args=[issue.pk]), action_post(issue, "approve"))


def test_a_responsible_editor_not_listed_on_the_issue_is_refused(client, other_responsible_editor, in_review):
    response = approve(client, other_responsible_editor, in_review)
    in_review.refresh_from_db()
    assert in_review.state == IssueState.IN_REVIEW
    assert not SignOff.objects.exists()
    assert "您没有权限签发" in client.get(response["Location"]).content.decode()


def test_the_workflow_itself_refuses_a_non_listed_signer(other_responsible_editor, in_review):
    with pytest.raises(workflow.PermissionDenied):
        workflow.apply_transition(in_review, "approve", other_responsible_editor)


def test_a_non_listed_responsible_editor_is_not_offered_the_buttons(client, other_responsible_editor, in_review):
    text = login(client, other_responsible_editor).get(reverse("issue_review", args=[in_review.pk])).content.decode()
    assert "transition-approve" not in text and "transition-reject" not in text
    assert "尚需签发：郝婕" in text


def test_when_all_must_sign_the_issue_waits_for_the_second_editor(client, bulletin, responsible_editor, other_responsible_editor, in_review):
    Publication.objects.filter(pk=bulletin.pk).update(signoff_rule=Publication.SignoffRule.ALL)
    IssueEditor.objects.create(issue=in_review, user=other_responsible_editor, order=1)
    approve(client, responsible_editor, in_review)
    in_review.refresh_from_db()
    assert in_review.state == IssueState.IN_REVIEW
    queue = client.get(reverse("signoff_queue")).content.decode()
    assert "王建国" in queue[queue.index("尚需签发"):] and "已签：郝婕" in queue
    again = approve(client, responsible_editor, in_review)
    assert "您已签发过本期" in client.get(again["Location"]).content.decode()
    approve(client, other_responsible_editor, in_review)
    in_review.refresh_from_db()
    assert in_review.state == IssueState.APPROVED
    assert [s.editor for s in SignOff.objects.filter(issue=in_review)] == [responsible_editor, other_responsible_editor]
    assert list(in_review.logs.order_by("created_at", "id").values_list("action", flat=True)) == [
        "submit_for_review", "countersign", "approve",
    ]


def test_by_default_one_listed_editor_is_enough(client, bulletin, responsible_editor, other_responsible_editor, in_review):
    IssueEditor.objects.create(issue=in_review, user=other_responsible_editor, order=1)
    approve(client, other_responsible_editor, in_review)
    in_review.refresh_from_db()
    assert in_review.state == IssueState.APPROVED


def test_an_administrator_can_neither_sign_nor_publish(client, administrator, in_review, renderer):
    IssueEditor.objects.create(issue=in_review, user=administrator, order=1)
    with pytest.raises(workflow.PermissionDenied):
        workflow.apply_transition(in_review, "approve", administrator)
    in_review.state = IssueState.APPROVED
    in_review.save()
    with pytest.raises(workflow.PermissionDenied):
        workflow.apply_transition(in_review, "publish", administrator)
