"""A save conflict does not drop what the user uploaded: the new photo with its
caption and credit, and the original file, are held on the server until the
user decides on the conflict page."""

from django.core.files.storage import default_storage
from django.urls import reverse

from bulletins.models import Item

from . import factories
from .upload_files import docx, jpeg

MANAGEMENT = {"photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "1000"}


def _text(unit, body, version):
    return {"unit": unit.pk, "title": "区发改委召开会议", "attribution": "", "body": body, "version": version}


def _conflict(client, contributor, unit):
    """Two windows on one draft: the first saves, the second adds a photo and the original, with the old version."""
    item = factories.make_item(unit, contributor, title="区发改委召开会议", body="<p>第一稿。</p>")
    client.force_login(contributor)
    opened_at = item.version
    client.post(reverse("item_edit", args=[item.pk]), {
        **_text(unit, "<p>另一个窗口的修改。</p>", opened_at), "photos-TOTAL_FORMS": "0", **MANAGEMENT,
    })
    response = client.post(reverse("item_edit", args=[item.pk]), {
        **_text(unit, "<p>我的修改。</p>", opened_at), "photos-TOTAL_FORMS": "1", **MANAGEMENT,
        "photos-0-image": jpeg("会场.jpg"), "photos-0-caption": "会议现场", "photos-0-credit": "李明", "photos-0-order": "0",
        "original_file": docx("原稿正文。", name="原稿.docx"),
    })
    return Item.objects.get(pk=item.pk), response


def _held_token(page):
    return page.split('name="held_uploads" value="')[1].split('"')[0]


def test_the_conflict_page_says_which_uploads_it_holds(client, contributor, unit):
    item, response = _conflict(client, contributor, unit)

    page = response.content.decode()
    assert response.status_code == 409
    assert "已暂存在服务器上" in page
    assert "图片 会场.jpg（说明：会议现场；摄影：李明）" in page
    assert "原稿附件 原稿.docx" in page
    assert not item.images.exists() and not item.original_file


def test_saving_my_version_saves_the_held_photo_caption_credit_and_original(client, contributor, unit):
    item, response = _conflict(client, contributor, unit)
    token = _held_token(response.content.decode())

    saved = client.post(reverse("item_edit", args=[item.pk]), {
        **_text(unit, "<p>我的修改。</p>", item.version), "held_uploads": token, "replace_theirs": "1",
    })

    assert saved.status_code == 302
    item.refresh_from_db()
    assert item.body == "<p>我的修改。</p>"
    photo = item.images.get()
    assert (photo.caption, photo.credit) == ("会议现场", "李明")
    assert item.original_file.name.endswith(".docx")
    assert not default_storage.exists(f"held/{contributor.pk}/{token}/原稿.docx")


def test_taking_their_version_drops_the_held_uploads(client, contributor, unit):
    item, response = _conflict(client, contributor, unit)
    token = _held_token(response.content.decode())
    assert default_storage.exists(f"held/{contributor.pk}/{token}/原稿.docx")

    response = client.post(reverse("item_edit", args=[item.pk]), {
        **_text(unit, "<p>我的修改。</p>", item.version), "held_uploads": token, "decision": "theirs",
    }, follow=True)

    item.refresh_from_db()
    assert "已放弃您的修改" in response.content.decode()
    assert item.body == "<p>另一个窗口的修改。</p>"
    assert not item.images.exists() and not item.original_file
    assert not default_storage.exists(f"held/{contributor.pk}/{token}/原稿.docx")


def test_another_user_cannot_use_someone_elses_held_uploads(client, contributor, unit):
    item, response = _conflict(client, contributor, unit)
    token = _held_token(response.content.decode())
    colleague = factories.make_user("tx99", "通讯员", units=[unit])
    client.force_login(colleague)

    client.post(reverse("item_edit", args=[item.pk]), {
        **_text(unit, "<p>同事的修改。</p>", item.version), "held_uploads": token,
    })

    item.refresh_from_db()
    assert not item.images.exists() and not item.original_file
