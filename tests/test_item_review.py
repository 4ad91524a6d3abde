"""The editor's review page: edit the text, accept / return / decline, and a readable diff against the original."""

import pytest
from django.urls import reverse

from bulletins import workflow
from bulletins.models import Item, ItemRevision, ItemState

from . import factories


@pytest.fixture
def submitted(unit, contributor):
    item = factories.make_item(unit, contributor, title="区发改委召开会议", body="<p>区发改委召开会议，部署复工复产。</p>")
    return workflow.apply_transition(item, "submit", contributor)


def _edit(client, item, **changes):
    data = {"unit": item.unit_id, "title": item.title, "body": item.body, "attribution": item.attribution, "version": item.version}
    data.update(changes)
    return client.post(reverse("item_review", args=[item.pk]), data)


def test_an_editor_edits_the_text_and_the_edit_is_kept_as_a_revision(client, editor, submitted):
    client.force_login(editor)
    response = _edit(client, submitted, body="<p>区发改委召开专题会议，安排复工复产工作。</p>")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert "专题会议" in submitted.body
    assert submitted.revisions.filter(reason=ItemRevision.Reason.EDIT, author=editor).exists()


def test_the_review_page_shows_what_the_editor_changed_character_by_character(client, editor, submitted):
    client.force_login(editor)
    _edit(client, submitted, title="区发改委部署复工复产", body="<p>区发改委召开专题会议，安排复工复产。</p>")
    page = client.get(reverse("item_review", args=[submitted.pk])).content.decode()
    assert '<ins class="diff-ins">专题</ins>' in page
    assert '<del class="diff-del">部署</del>' in page
    assert '<ins class="diff-ins">安排</ins>' in page
    assert "区发改委召开会议</del>" in page  # the old title, struck through


def test_an_unchanged_item_says_so(client, editor, submitted):
    client.force_login(editor)
    assert "正文与来稿原文一致" in client.get(reverse("item_review", args=[submitted.pk])).content.decode()


def test_accepting_shows_the_workflow_confirmation(client, editor, submitted):
    client.force_login(editor)
    response = client.post(reverse("item_action", args=[submitted.pk]), {"action": "accept"}, follow=True)
    submitted.refresh_from_db()
    assert submitted.state == ItemState.ACCEPTED
    assert "稿件已采用，可以编入期刊。" in response.content.decode()


@pytest.mark.parametrize("action,state,label", [("return", ItemState.RETURNED, "退回原因"), ("decline", ItemState.DECLINED, "不采用原因")])
def test_returning_or_declining_needs_a_reason_which_the_unit_then_sees(client, editor, contributor, submitted, action, state, label):
    client.force_login(editor)
    response = client.post(reverse("item_action", args=[submitted.pk]), {"action": action, "comment": "  "}, follow=True)
    submitted.refresh_from_db()
    assert submitted.state == ItemState.SUBMITTED
    assert f"请填写{label}。" in response.content.decode()
    client.post(reverse("item_action", args=[submitted.pk]), {"action": action, "comment": "与本期主题不符。"})
    submitted.refresh_from_db()
    assert submitted.state == state
    client.force_login(contributor)
    assert "与本期主题不符。" in client.get(reverse("item_detail", args=[submitted.pk])).content.decode()


def test_a_contributor_cannot_accept_their_own_item_through_the_views(client, contributor, submitted):
    client.force_login(contributor)
    response = client.post(reverse("item_action", args=[submitted.pk]), {"action": "accept"}, follow=True)
    submitted.refresh_from_db()
    assert submitted.state == ItemState.SUBMITTED
    assert "您没有权限采用。" in response.content.decode()
    assert client.get(reverse("item_review", args=[submitted.pk])).status_code == 403
    assert _edit(client, submitted, body="<p>改了</p>").status_code == 403


def test_a_responsible_editor_cannot_return_an_item(client, responsible_editor, submitted):
    client.force_login(responsible_editor)
    response = client.post(reverse("item_action", args=[submitted.pk]), {"action": "return", "comment": "不行"}, follow=True)
    submitted.refresh_from_db()
    assert submitted.state == ItemState.SUBMITTED
    assert "您没有权限退回。" in response.content.decode()


def test_an_internal_or_unknown_action_is_refused(client, editor, submitted):
    client.force_login(editor)
    for action in ("publish", "explode"):
        response = client.post(reverse("item_action", args=[submitted.pk]), {"action": action}, follow=True)
        assert "未知的操作。" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == ItemState.SUBMITTED


def test_a_transition_from_the_wrong_state_explains_the_state(client, editor, submitted):
    client.force_login(editor)
    client.post(reverse("item_action", args=[submitted.pk]), {"action": "accept"})
    response = client.post(reverse("item_action", args=[submitted.pk]), {"action": "accept"}, follow=True)
    assert "当前状态为“已采用”，不能采用。" in response.content.decode()


def test_an_editor_writes_an_item_and_accepts_it_straight_from_draft(client, editor, unit):
    client.force_login(editor)
    response = client.post(reverse("item_create"), {
        "unit": unit.pk, "title": "编辑部自采稿件", "body": "<p>编辑自己写的稿子。</p>", "then": "accept",
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0",
    }, follow=True)
    item = Item.objects.get()
    assert item.state == ItemState.ACCEPTED and item.author == editor
    assert "稿件已采用" in response.content.decode()


def test_a_published_item_cannot_be_edited_on_the_review_page(client, editor, unit, contributor):
    item = factories.make_item(unit, contributor, state=ItemState.PUBLISHED)
    client.force_login(editor)
    response = _edit(client, item, body="<p>印发后再改</p>")
    assert response.status_code == 302
    item.refresh_from_db()
    assert "印发后再改" not in item.body
