"""A form sent twice (a double-click, the browser's resend after a slow answer)
is carried out once; the second sending is shown the first one's result."""

import uuid

from django.urls import reverse

from bulletins.models import Issue, Item, ItemState, WorkflowLog

from . import factories

PHOTOS = {"photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "1000"}


def test_resending_save_and_submit_of_a_new_item_makes_one_item(client, contributor, unit):
    client.force_login(contributor)
    form = {"unit": unit.pk, "title": "区发改委部署复工复产", "body": "<p>正文。</p>", "attribution": "",
            "then": "submit", "form_token": str(uuid.uuid4()), **PHOTOS}

    first = client.post(reverse("item_create"), form)
    again = client.post(reverse("item_create"), form, follow=True)

    assert Item.objects.count() == 1
    assert again.redirect_chain[0][0] == first["Location"]
    assert "这份表单刚才已经提交并处理过，没有重复保存。" in again.content.decode()


def test_resending_an_edit_and_submit_shows_the_result_not_a_conflict(client, contributor, unit):
    item = factories.make_item(unit, contributor, title="会议", body="<p>第一稿。</p>")
    client.force_login(contributor)
    form = {"unit": unit.pk, "title": "会议", "body": "<p>第二稿。</p>", "attribution": "", "version": item.version,
            "then": "submit", "form_token": str(uuid.uuid4()), **PHOTOS}

    client.post(reverse("item_edit", args=[item.pk]), form)
    again = client.post(reverse("item_edit", args=[item.pk]), form)

    assert again.status_code == 302
    assert WorkflowLog.objects.filter(item=item, action="submit").count() == 1
    assert Item.objects.get(pk=item.pk).state == ItemState.SUBMITTED


def test_resending_new_issue_makes_one_issue(client, editor, bulletin):
    client.force_login(editor)
    form = {"publication": bulletin.pk, "issue_date": "2026-03-02", "form_token": str(uuid.uuid4())}

    first = client.post(reverse("issue_create"), form)
    again = client.post(reverse("issue_create"), form)

    assert Issue.objects.count() == 1
    assert again["Location"] == first["Location"]


def test_resending_a_bulk_accept_reports_no_failures(client, editor, contributor, unit):
    items = [factories.make_item(unit, contributor, title=f"稿件{n}", state=ItemState.SUBMITTED) for n in range(2)]
    client.force_login(editor)
    form = {"items": [str(i.pk) for i in items], "form_token": str(uuid.uuid4())}

    client.post(reverse("inbox_bulk_accept"), form)
    again = client.post(reverse("inbox_bulk_accept"), form, follow=True)

    page = again.content.decode()
    assert "这份表单刚才已经提交并处理过" in page
    assert "未采用 《" not in page  # no “未采用《稿件0》：already accepted” for the second sending
    assert WorkflowLog.objects.filter(action="accept").count() == 2
