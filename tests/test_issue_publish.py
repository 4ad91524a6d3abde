"""印发: the final PDF is stored with its SHA-256 and the issue's content is frozen."""

import hashlib

import pytest
from django.urls import reverse

from bulletins.models import IssueState

from .issue_helpers import action_post, login
from .test_issue_composer import header_post, items_post


@pytest.fixture
def approved(composed_issue):
    composed_issue.state = IssueState.APPROVED
    composed_issue.save()
    return composed_issue


def publish(client, user, issue):
    return login(client, user).post(reverse("issue_action", args=[issue.pk]), action_post(issue, "publish"))


def test_publishing_stores_the_final_pdf_with_its_checksum(client, editor, approved, renderer):
    response = publish(client, editor, approved)
    approved.refresh_from_db()
    assert approved.state == IssueState.PUBLISHED
    stored = approved.pdf.read()
    assert stored.startswith(b"%PDF")
    assert approved.pdf_sha256 == hashlib.sha256(stored).hexdigest()
    assert renderer.calls == [(approved.pk, True)]
    text = client.get(response["Location"]).content.decode()
    assert "本期已印发，定稿PDF已存档" in text
    assert approved.pdf_sha256 in text


def test_publishing_marks_the_items_published(client, editor, approved, renderer):
    publish(client, editor, approved)
    assert {i.state for i in approved.items.all()} == {"published"}


def test_a_failed_final_render_leaves_the_issue_unpublished_and_says_why(client, editor, approved, renderer):
    renderer.fail_with = RuntimeError("字体缺失")
    with pytest.raises(RuntimeError):
        publish(client, editor, approved)
    approved.refresh_from_db()
    assert approved.state == IssueState.APPROVED and not approved.pdf_sha256


def test_a_drafting_issue_cannot_be_published(client, editor, composed_issue, renderer):
    response = publish(client, editor, composed_issue)
    assert "当前状态为“编排中”，不能印发" in client.get(response["Location"]).content.decode()
    assert renderer.calls == []


def test_after_publishing_header_edits_are_refused_with_a_clear_message(client, editor, approved, renderer):
    publish(client, editor, approved)
    approved.refresh_from_db()
    response = client.post(reverse("issue_compose", args=[approved.pk]), header_post(approved, series_title="印发后改标题"))
    assert "本期已印发，内容已冻结，不能修改" in client.get(response["Location"]).content.decode()
    approved.refresh_from_db()
    assert approved.series_title == ""


def test_after_publishing_the_items_cannot_be_rearranged(client, editor, approved, renderer):
    publish(client, editor, approved)
    approved.refresh_from_db()
    placed = list(approved.ordered_items())
    client.post(reverse("issue_compose", args=[approved.pk]), items_post(approved, placed[::-1]))
    assert [i.title for i in approved.ordered_items()] == ["春耕备耕有序推进", "复工复产稳步开展"]


def test_the_composer_of_a_published_issue_offers_no_editing(client, editor, approved, renderer):
    publish(client, editor, approved)
    text = client.get(reverse("issue_compose", args=[approved.pk])).content.decode()
    assert "内容已冻结" in text
    assert "保存刊头" not in text and "保存编排" not in text


def test_a_responsible_editor_may_publish_too(client, responsible_editor, approved, renderer):
    publish(client, responsible_editor, approved)
    approved.refresh_from_db()
    assert approved.state == IssueState.PUBLISHED


def test_contributors_cannot_publish(client, contributor, approved, renderer):
    assert publish(client, contributor, approved).status_code == 403
    approved.refresh_from_db()
    assert approved.state == IssueState.APPROVED
