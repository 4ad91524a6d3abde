"""The bulletin's layout notes (a 版记 set tighter or moved to a page of its own) reach the preview and the sign-off page."""

import pytest
from django.urls import reverse

from bulletins.models import IssueEditor, RenderJob
from bulletins.typesetting.specimen import make_specimen_issue

from .issue_helpers import login


@pytest.fixture(autouse=True)
def _eager(eager_celery):
    return eager_celery


def test_the_preview_and_the_sign_off_page_show_the_bulletins_layout_notes(
    client, editor, responsible_editor, django_capture_on_commit_callbacks
):
    issue = make_specimen_issue()  # its text ends on line 20 of its last page: the 版记 is set tighter
    IssueEditor.objects.create(issue=issue, user=responsible_editor, order=5)
    login(client, editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("render_job_create", args=[issue.pk]), HTTP_ACCEPT="application/json")
    notes = RenderJob.objects.get(issue=issue).notes.splitlines()
    assert notes and "版记" in notes[0]
    page = client.get(reverse("issue_compose", args=[issue.pk])).content.decode()
    assert "排版提示" in page and notes[0] in page
    issue.state = "in_review"
    issue.save()
    login(client, responsible_editor)
    page = client.get(reverse("issue_review", args=[issue.pk])).content.decode()
    assert "排版提示" in page and notes[0] in page
