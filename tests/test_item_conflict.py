"""Two people saving the same item: the second sees the other change and keeps their own text."""

import pytest
from django.urls import reverse

from bulletins import workflow
from bulletins.models import Role

from . import factories


@pytest.fixture
def second_editor(db):
    return factories.make_user("bianji2", Role.EDITOR, full_name="张敏")


@pytest.fixture
def submitted(unit, contributor):
    item = factories.make_item(unit, contributor, title="区发改委召开会议", body="<p>区发改委召开会议。</p>")
    return workflow.apply_transition(item, "submit", contributor)


def _review_post(client, item, version, body):
    return client.post(reverse("item_review", args=[item.pk]), {
        "unit": item.unit_id, "title": item.title, "body": body, "attribution": item.attribution, "version": version,
    })


def test_the_second_editor_gets_a_conflict_page_with_the_other_change_and_their_own_text(client, editor, second_editor, submitted):
    opened_at = submitted.version
    client.force_login(second_editor)
    _review_post(client, submitted, opened_at, "<p>区发改委召开专题会议。</p>")
    client.force_login(editor)
    response = _review_post(client, submitted, opened_at, "<p>区发改委召开全体干部会议。</p>")
    page = response.content.decode()
    assert response.status_code == 409
    assert "保存冲突" in page and "尚未保存" in page
    assert "张敏" in page  # who made the other change
    assert '<ins class="diff-ins">专题</ins>' in page
    assert "全体干部会议" in page  # the user's own text is still in the form
    submitted.refresh_from_db()
    assert "专题会议" in submitted.body
    assert f'name="version" value="{submitted.version}"' in page


def test_saving_again_from_the_conflict_page_keeps_the_users_version(client, editor, second_editor, submitted):
    opened_at = submitted.version
    client.force_login(second_editor)
    _review_post(client, submitted, opened_at, "<p>区发改委召开专题会议。</p>")
    submitted.refresh_from_db()
    client.force_login(editor)
    _review_post(client, submitted, opened_at, "<p>区发改委召开全体干部会议。</p>")
    response = _review_post(client, submitted, submitted.version, "<p>区发改委召开全体干部会议。</p>")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert "全体干部会议" in submitted.body
    assert submitted.revisions.filter(reason="edit").count() == 2  # both changes are in the history


def test_a_contributor_editing_a_draft_opened_twice_gets_the_conflict_page(client, contributor, unit):
    item = factories.make_item(unit, contributor, body="<p>第一稿。</p>")
    form = {"unit": unit.pk, "title": item.title, "attribution": item.attribution, "version": item.version,
            "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"}
    client.force_login(contributor)
    assert client.post(reverse("item_edit", args=[item.pk]), {**form, "body": "<p>在电脑上改的。</p>"}).status_code == 302
    response = client.post(reverse("item_edit", args=[item.pk]), {**form, "body": "<p>在手机上改的。</p>"})
    assert response.status_code == 409
    assert "在手机上改的" in response.content.decode()
    # The conflict form has no photo rows; saving it again must still work.
    item.refresh_from_db()
    retry = {k: v for k, v in form.items() if not k.startswith("photos-")}
    response = client.post(reverse("item_edit", args=[item.pk]), {**retry, "version": item.version, "body": "<p>在手机上改的。</p>"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert "在手机上改的" in item.body
