"""On the review page an editor saves the edit and accepts in one click, and the diff is
measured against what the unit last submitted (not against a text it has since replaced)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from bulletins import actions, workflow
from bulletins.models import ItemRevision, ItemState

from . import factories


@pytest.fixture
def submitted(unit, contributor):
    item = factories.make_item(unit, contributor, title="区发改委召开会议", body="<p>区发改委召开会议，部署复工复产。</p>")
    return workflow.apply_transition(item, "submit", contributor)


def _review_post(client, item, **changes):
    data = {"unit": item.unit_id, "title": item.title, "body": item.body, "attribution": item.attribution, "version": item.version}
    data.update(changes)
    return client.post(reverse("item_review", args=[item.pk]), data)


def test_save_and_accept_keeps_the_edit_and_accepts(client, editor, submitted):
    client.force_login(editor)
    response = _review_post(client, submitted, body="<p>区发改委召开专题会议，部署复工复产。</p>", then="accept")
    submitted.refresh_from_db()
    assert submitted.state == ItemState.ACCEPTED
    assert "专题会议" in submitted.body
    assert submitted.revisions.filter(reason=ItemRevision.Reason.EDIT, author=editor).exists()
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["稿件已采用，可以编入期刊。"]


def test_the_review_page_offers_save_and_accept_only_for_a_submitted_item(client, editor, submitted):
    client.force_login(editor)
    assert "保存并采用" in client.get(reverse("item_review", args=[submitted.pk])).content.decode()
    workflow.apply_transition(submitted, "accept", editor)
    assert "保存并采用" not in client.get(reverse("item_review", args=[submitted.pk])).content.decode()


def test_the_diff_is_against_the_latest_submission(client, editor, contributor, submitted):
    workflow.apply_transition(submitted, "return", editor, "请补充数据")
    submitted.refresh_from_db()
    actions.save_item(submitted, contributor, expected_version=submitted.version,
                      body="<p>区发改委召开会议，部署复工复产，共86个项目。</p>")
    workflow.apply_transition(submitted, "submit", contributor)
    client.force_login(editor)
    text = client.get(reverse("item_review", args=[submitted.pk])).content.decode()
    # the unit's own addition is its original now, not an editor's change
    assert "正文与来稿原文一致" in text
    submitted.refresh_from_db()
    _review_post(client, submitted, body="<p>区发改委召开专题会议，部署复工复产，共86个项目。</p>")
    text = client.get(reverse("item_review", args=[submitted.pk])).content.decode()
    comparison = text[text.index("与来稿原文对比"):text.index('id="h-history"')]
    assert "第2次报送的版本" in comparison
    assert '<ins class="diff-ins">专题</ins>' in comparison
    assert "共86个项目</ins>" not in comparison
