"""签发 and 印发 bind to the content the page showed: races played through two clients.

A responsible editor opens the sign-off page; meanwhile an editor changes the
issue (its note, an item, the item list, the distribution) and sends it for
sign-off again. The earlier page's 签发 is refused, nothing changes, and the
reloaded page says what changed.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from bulletins import workflow
from bulletins.models import IssueState, RecipientGroup, SignOff

from .issue_helpers import login
from .test_issue_composer import header_post, items_post


def open_form(client, issue, action):
    """Open the sign-off page and return the POST its button would send."""
    text = client.get(reverse("issue_review", args=[issue.pk])).content.decode()
    form = text[text.index(f"transition-{action}"):]
    form = form[: form.index("</form>")]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    assert fields["action"] == action and fields["fingerprint"]
    return fields


@pytest.fixture
def in_review(composed_issue, editor):
    return workflow.apply_transition(composed_issue, "submit_for_review", editor)


@pytest.fixture
def signer(client, responsible_editor):
    return login(client, responsible_editor)


@pytest.fixture
def desk(editor):
    other = Client()
    other.force_login(editor)
    return other


def compose(desk, issue, data):
    issue.refresh_from_db()
    data["version"] = issue.version
    response = desk.post(reverse("issue_compose", args=[issue.pk]), data)
    assert response.status_code == 302


def resend(issue, editor):
    workflow.apply_transition(issue, "submit_for_review", editor)


def assert_stale_signoff_refused(signer, issue, seen):
    issue.refresh_from_db()
    state_before = issue.state
    response = signer.post(reverse("issue_action", args=[issue.pk]), seen)
    issue.refresh_from_db()
    assert issue.state == state_before == IssueState.IN_REVIEW
    assert not SignOff.objects.filter(issue=issue).exists()
    assert response["Location"].startswith(reverse("issue_review", args=[issue.pk]) + "?seen=")
    page = signer.get(response["Location"]).content.decode()
    assert "不一致，未签发" in page
    return page


def editors_post(issue, responsible_editor, **fields):
    return header_post(issue, editor_0=str(responsible_editor.pk), **fields)


def test_a_note_written_during_review_makes_the_earlier_signoff_page_refused(signer, desk, in_review, editor, responsible_editor):
    seen = open_form(signer, in_review, "approve")
    compose(desk, in_review, editors_post(in_review, responsible_editor, editor_note="送签后加的编者按"))
    in_review.refresh_from_db()
    assert in_review.state == IssueState.DRAFTING  # the edit took it back to 编排中
    resend(in_review, editor)
    page = assert_stale_signoff_refused(signer, in_review, seen)
    assert "编者按已修改" in page and "送签后加的编者按" in page


def test_removing_an_item_during_review_refuses_the_earlier_signoff(signer, desk, in_review, editor):
    seen = open_form(signer, in_review, "approve")
    first, second = in_review.ordered_items()
    compose(desk, in_review, items_post(in_review, [first, second], lead=first, op=f"remove:{second.pk}"))
    resend(in_review, editor)
    page = assert_stale_signoff_refused(signer, in_review, seen)
    assert "移出稿件《复工复产稳步开展》" in page


def test_editing_an_items_text_during_review_refuses_the_earlier_signoff(signer, desk, in_review, editor):
    seen = open_form(signer, in_review, "approve")
    item = in_review.ordered_items().last()
    desk.post(reverse("item_edit", args=[item.pk]), {
        "version": item.version, "unit": item.unit_id, "title": item.title, "body": "<p>送签后改过的正文。</p>",
        "attribution": item.attribution,
    })
    item.refresh_from_db()
    assert "送签后改过的正文" in item.body
    resend(in_review, editor)
    page = assert_stale_signoff_refused(signer, in_review, seen)
    assert "《复工复产稳步开展》的正文已修改" in page


def test_changing_the_distribution_during_review_refuses_the_earlier_signoff(signer, desk, in_review, editor, responsible_editor):
    RecipientGroup.objects.create(name="各镇街道")
    seen = open_form(signer, in_review, "approve")
    compose(desk, in_review, editors_post(in_review, responsible_editor, dist_send="各镇街道"))
    resend(in_review, editor)
    page = assert_stale_signoff_refused(signer, in_review, seen)
    assert "发送范围已修改" in page


def test_a_signoff_after_an_edit_without_resending_is_refused_too(signer, desk, in_review, responsible_editor):
    seen = open_form(signer, in_review, "approve")
    compose(desk, in_review, editors_post(in_review, responsible_editor, series_title="改过的总标题"))
    signer.post(reverse("issue_action", args=[in_review.pk]), seen)
    in_review.refresh_from_db()
    assert in_review.state == IssueState.DRAFTING
    assert not SignOff.objects.exists()


def test_a_stale_publish_is_refused(signer, desk, in_review, editor, responsible_editor, renderer):
    signer.post(reverse("issue_action", args=[in_review.pk]), open_form(signer, in_review, "approve"))
    in_review.refresh_from_db()
    assert in_review.state == IssueState.APPROVED
    stale_publish = open_form(desk, in_review, "publish")
    # Someone edits the approved issue; it goes back, is re-sent and re-signed.
    compose(desk, in_review, editors_post(in_review, responsible_editor, series_title="签发后改的总标题"))
    resend(in_review, editor)
    signer.post(reverse("issue_action", args=[in_review.pk]), open_form(signer, in_review, "approve"))
    in_review.refresh_from_db()
    assert in_review.state == IssueState.APPROVED
    response = desk.post(reverse("issue_action", args=[in_review.pk]), stale_publish)
    in_review.refresh_from_db()
    assert in_review.state == IssueState.APPROVED and not in_review.pdf_sha256
    assert "不一致，未印发" in desk.get(response["Location"]).content.decode()


def test_a_signoff_without_a_fingerprint_is_refused(signer, in_review):
    signer.post(reverse("issue_action", args=[in_review.pk]), {"action": "approve"})
    in_review.refresh_from_db()
    assert in_review.state == IssueState.IN_REVIEW


def test_the_signoff_records_the_fingerprint_and_the_pdf_the_editor_saw(signer, in_review, responsible_editor, renderer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        signer.get(reverse("issue_review", args=[in_review.pk]))  # starts the preview render
    seen = open_form(signer, in_review, "approve")
    assert seen["job"]
    signer.post(reverse("issue_action", args=[in_review.pk]), seen)
    signoff = SignOff.objects.get(issue=in_review)
    job = in_review.render_jobs.get()
    import hashlib

    assert signoff.editor == responsible_editor
    assert signoff.fingerprint == seen["fingerprint"]
    assert signoff.pdf_sha256 == hashlib.sha256(job.pdf.read()).hexdigest()


def test_the_signoff_page_states_the_version_and_short_fingerprint(signer, in_review):
    text = signer.get(reverse("issue_review", args=[in_review.pk])).content.decode()
    fingerprint = workflow.issue_fingerprint(in_review)
    assert f"第{in_review.version}版" in text
    assert f">{fingerprint[:8]}</code>" in text
