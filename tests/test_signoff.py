"""The responsible editor's queue and sign-off page: approve, or return with a comment."""

import pytest
from django.urls import reverse

from bulletins.models import IssueState

from . import factories
from .issue_helpers import action_post, login


@pytest.fixture
def in_review(composed_issue):
    composed_issue.state = IssueState.IN_REVIEW
    composed_issue.save()
    return composed_issue


def test_the_queue_lists_issues_awaiting_signoff_mine_first(client, responsible_editor, in_review, bulletin):
    other = factories.make_issue(bulletin, number=8, state=IssueState.IN_REVIEW, series_title="别人签的那期")
    factories.make_issue(bulletin, number=9, series_title="还在编排的那期")
    text = login(client, responsible_editor).get(reverse("signoff_queue")).content.decode()
    assert "由您签发" in text
    assert text.index(str(in_review)) < text.index(str(other))
    assert "还在编排的那期" not in text


def test_contributors_may_not_see_the_queue_or_the_signoff_page(client, contributor, in_review):
    login(client, contributor)
    assert client.get(reverse("signoff_queue")).status_code == 403
    assert client.get(reverse("issue_review", args=[in_review.pk])).status_code == 403


def test_the_signoff_page_shows_the_issue_text_and_a_pdf_preview_frame(client, responsible_editor, in_review, renderer, django_capture_on_commit_callbacks):
    login(client, responsible_editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("render_job_create", args=[in_review.pk]))
    text = client.get(reverse("issue_review", args=[in_review.pk])).content.decode()
    assert "春耕备耕有序推进" in text
    assert '<iframe class="pdf-frame"' in text
    job = in_review.render_jobs.get()
    assert f'src="{reverse("render_job_download", args=[job.pk])}#' in text
    assert "签发" in text and "退回修改" in text


def test_opening_the_signoff_page_starts_the_pdf_preview_without_a_click(client, responsible_editor, in_review, renderer, django_capture_on_commit_callbacks):
    login(client, responsible_editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("issue_review", args=[in_review.pk]))
    job = in_review.render_jobs.get()
    assert job.state == "done"
    text = client.get(reverse("issue_review", args=[in_review.pk])).content.decode()
    assert f'src="{reverse("render_job_download", args=[job.pk])}#' in text
    assert in_review.render_jobs.count() == 1


def test_approving_confirms_and_marks_the_issue_approved(client, responsible_editor, in_review):
    response = login(client, responsible_editor).post(reverse("issue_action", args=[in_review.pk]), action_post(in_review, "approve"))
    in_review.refresh_from_db()
    assert in_review.state == IssueState.APPROVED
    assert "本期已签发，可以印发" in client.get(response["Location"]).content.decode()


def test_returning_needs_a_comment(client, responsible_editor, in_review):
    response = login(client, responsible_editor).post(reverse("issue_action", args=[in_review.pk]), {"action": "reject", "comment": "  "})
    assert "请填写退回意见" in client.get(response["Location"]).content.decode()
    in_review.refresh_from_db()
    assert in_review.state == IssueState.IN_REVIEW


def test_returning_with_a_comment_sends_the_issue_back_and_the_editor_sees_why(client, responsible_editor, editor, in_review):
    login(client, responsible_editor).post(reverse("issue_action", args=[in_review.pk]),
                                           {"action": "reject", "comment": "第二条数据请核实"})
    in_review.refresh_from_db()
    assert in_review.state == IssueState.DRAFTING
    text = login(client, editor).get(reverse("issue_compose", args=[in_review.pk])).content.decode()
    assert "第二条数据请核实" in text


def test_an_editor_cannot_approve(client, editor, in_review):
    response = login(client, editor).post(reverse("issue_action", args=[in_review.pk]), action_post(in_review, "approve"))
    assert "您没有权限签发" in client.get(response["Location"]).content.decode()
    in_review.refresh_from_db()
    assert in_review.state == IssueState.IN_REVIEW


def test_an_unknown_action_is_refused_with_a_reason(client, responsible_editor, in_review):
    response = login(client, responsible_editor).post(reverse("issue_action", args=[in_review.pk]), {"action": "resubmit_after_edit"})
    assert "未知的操作" in client.get(response["Location"]).content.decode()


def test_actions_must_be_posted(client, responsible_editor, in_review):
    assert login(client, responsible_editor).get(reverse("issue_action", args=[in_review.pk])).status_code == 405


def test_next_may_not_point_off_site(client, responsible_editor, in_review):
    response = login(client, responsible_editor).post(
        reverse("issue_action", args=[in_review.pk]), action_post(in_review, "approve", next="https://evil.example/")
    )
    assert response["Location"] == reverse("issue_review", args=[in_review.pk])
