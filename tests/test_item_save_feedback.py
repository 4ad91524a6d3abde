"""Saving an item says one clear thing; a form with mistakes says what to fix, beside the field."""

from django.contrib.messages import get_messages
from django.urls import reverse

from bulletins.models import Item, ItemState

from . import factories, upload_files


def _post(client, url, **fields):
    data = {
        "title": "区发改委部署复工复产", "body": "<p>区发改委召开会议。</p>", "attribution": "",
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return client.post(url, data)


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_save_and_submit_confirms_the_submission_only(client, contributor, unit):
    client.force_login(contributor)
    response = _post(client, reverse("item_create"), unit=unit.pk, then="submit")
    assert _messages(response) == ["稿件已报送，等待编辑处理。"]


def test_a_plain_save_confirms_the_save(client, contributor, unit):
    client.force_login(contributor)
    response = _post(client, reverse("item_create"), unit=unit.pk)
    assert _messages(response) == ["稿件已保存为草稿。"]


def test_a_save_whose_submission_is_refused_says_both(client, contributor, unit):
    client.force_login(contributor)
    response = _post(client, reverse("item_create"), unit=unit.pk, body="", then="submit")
    [message] = _messages(response)
    assert message.startswith("稿件已保存为草稿。但未能报送：")
    assert Item.objects.get().state == ItemState.DRAFT


def test_a_missing_title_is_explained_beside_the_field_and_nothing_is_saved(client, contributor, unit):
    client.force_login(contributor)
    response = _post(client, reverse("item_create"), unit=unit.pk, title="", then="submit")
    text = response.content.decode()
    assert response.status_code == 200
    assert not Item.objects.exists()
    assert "稿件尚未保存：请按红字提示修改后再保存。" in text
    # the reason follows the title input, before the next field
    title_at, reason_at, unit_at = text.index('name="title"'), text.index("请填写标题。"), text.index('name="unit"')
    assert title_at < reason_at < unit_at


def test_an_existing_photo_row_shows_the_picture_not_its_storage_path(client, contributor, unit):
    item = factories.make_item(unit, contributor)
    client.force_login(contributor)
    edit = reverse("item_edit", args=[item.pk])
    photo = upload_files.jpeg("会场.jpg")
    client.post(edit, {
        "unit": unit.pk, "title": item.title, "body": item.body, "attribution": "", "version": item.version,
        "photos-TOTAL_FORMS": "1", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "1000",
        "photos-0-image": photo, "photos-0-caption": "会议现场", "photos-0-credit": "李明", "photos-0-order": "0",
    })
    stored = item.images.get().image.name
    text = client.get(edit).content.decode()
    assert "更换图片" in text and 'class="thumb"' in text
    assert f">{stored}<" not in text
