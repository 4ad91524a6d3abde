"""The item form's text is autosaved as a copy on the server (per user and item)
and offered back when the writer returns; saving the item drops the copy."""

from django.test import Client
from django.urls import reverse

from bulletins.drafts.models import DraftCopy
from bulletins.models import ItemState

from . import factories

PHOTOS = {"photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "1000"}


def _autosave(client, unit, item=None, **fields):
    data = {"item": item.pk if item else "", "unit": unit.pk, "title": "区发改委部署复工复产",
            "attribution": "", "body": "<p>打到一半的正文</p>", **fields}
    return client.post(reverse("draft_autosave"), data)


def test_a_new_items_text_is_kept_and_offered_back_on_return(client, contributor, unit):
    client.force_login(contributor)

    answer = _autosave(client, unit)
    assert answer.status_code == 200 and "saved_at" in answer.json()
    offer = client.get(reverse("item_create")).content.decode()
    assert "自动保存了一份副本" in offer and "恢复这份副本" in offer

    restored = client.get(reverse("item_create"), {"restore": "draft"}).content.decode()
    assert "已恢复" in restored
    assert 'value="区发改委部署复工复产"' in restored
    assert "打到一半的正文" in restored


def test_an_items_copy_is_offered_only_to_its_writer_and_dropped_when_the_item_is_saved(client, contributor, unit):
    item = factories.make_item(unit, contributor, title="原标题", body="<p>原正文。</p>")
    client.force_login(contributor)
    _autosave(client, unit, item, title="改到一半的标题")
    colleague = Client()
    colleague.force_login(factories.make_user("tx2", "通讯员", units=[unit]))

    assert "恢复这份副本" in client.get(reverse("item_edit", args=[item.pk])).content.decode()
    assert "恢复这份副本" not in colleague.get(reverse("item_edit", args=[item.pk])).content.decode()

    client.post(reverse("item_edit", args=[item.pk]), {
        "unit": unit.pk, "title": "改好的标题", "attribution": "", "body": "<p>原正文。</p>", "version": item.version, **PHOTOS,
    })
    assert not DraftCopy.objects.exists()
    assert "恢复这份副本" not in client.get(reverse("item_edit", args=[item.pk])).content.decode()


def test_a_copy_equal_to_the_saved_item_is_not_offered(client, contributor, unit):
    item = factories.make_item(unit, contributor, title="原标题", body="<p>原正文。</p>", attribution="区发改委")
    client.force_login(contributor)
    _autosave(client, unit, item, title="原标题", body="<p>原正文。</p>", attribution="区发改委")

    assert "恢复这份副本" not in client.get(reverse("item_edit", args=[item.pk])).content.decode()


def test_the_copy_can_be_discarded(client, contributor, unit):
    client.force_login(contributor)
    _autosave(client, unit)

    client.post(reverse("draft_discard"), {"item": "", "next": reverse("item_create")})

    assert not DraftCopy.objects.exists()


def test_no_copy_is_kept_for_an_item_the_user_may_not_edit(client, contributor, other_contributor, other_unit, unit):
    others = factories.make_item(other_unit, other_contributor)
    submitted = factories.make_item(unit, contributor, state=ItemState.SUBMITTED)
    client.force_login(contributor)

    assert _autosave(client, unit, others).status_code == 403
    refused = _autosave(client, unit, submitted)

    assert refused.status_code == 403 and "不能修改" in refused.json()["error"]
    assert not DraftCopy.objects.exists()


def test_an_expired_session_is_told_in_chinese(client, unit):
    answer = _autosave(client, unit)

    assert answer.status_code == 403
    assert "登录已过期" in answer.json()["error"]


def test_the_form_carries_the_autosave_and_the_unsaved_changes_guard(client, contributor):
    client.force_login(contributor)

    page = client.get(reverse("item_create")).content.decode()

    assert 'data-unsaved-guard="稿件的修改"' in page
    assert f'data-autosave-url="{reverse("draft_autosave")}"' in page
    assert "js/autosave.js" in page and "<script>" not in page
