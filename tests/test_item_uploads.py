"""Photos and original files are checked by content; images are re-encoded without EXIF; the editor's upload endpoint is guarded."""

import io
import json

import pytest
from django.urls import reverse
from PIL import Image

from bulletins.models import Item, ItemImage

from . import upload_files


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _create(client, unit, photos=(), **extra):
    data = {
        "unit": unit.pk, "title": "带图片的稿件", "body": "<p>正文。</p>",
        "photos-TOTAL_FORMS": str(max(len(photos), 1)), "photos-INITIAL_FORMS": "0",
        "photos-0-order": "0",  # an untouched photo row, as the browser sends it
    }
    for i, (upload, caption, credit) in enumerate(photos):
        data.update({f"photos-{i}-image": upload, f"photos-{i}-caption": caption, f"photos-{i}-credit": credit, f"photos-{i}-order": i})
    data.update(extra)
    return client.post(reverse("item_create"), data)


def test_several_photos_are_saved_with_caption_and_credit_and_without_exif(client, contributor, unit):
    client.force_login(contributor)
    response = _create(client, unit, photos=[
        (upload_files.jpeg(exif_maker="SecretCam"), "会议现场", "王晓"),
        (upload_files.png(), "数据图", ""),
    ])
    assert response.status_code == 302
    item = Item.objects.get()
    photos = list(item.images.order_by("order"))
    assert [(p.caption, p.credit) for p in photos] == [("会议现场", "王晓"), ("数据图", "")]
    with photos[0].image.open("rb") as f:
        data = f.read()
    assert b"SecretCam" not in data
    assert not Image.open(io.BytesIO(data)).getexif()
    assert "photo" not in photos[0].image.name.rsplit("/", 1)[1]  # stored under a random name, not the uploader's
    assert photos[1].image.name.endswith(".png")  # transparency kept


def test_a_huge_photo_is_scaled_down_and_turned_upright(client, contributor, unit):
    client.force_login(contributor)
    # EXIF orientation 6: the camera was held sideways; the stored picture is upright.
    _create(client, unit, photos=[(upload_files.jpeg(size=(4000, 1000), orientation=6), "", "")])
    with Item.objects.get().images.get().image.open("rb") as f:
        image = Image.open(f)
        assert max(image.size) == 3000
        assert image.height > image.width


def test_a_file_that_is_not_an_image_is_refused_with_a_message_and_nothing_is_saved(client, contributor, unit):
    client.force_login(contributor)
    response = _create(client, unit, photos=[(upload_files.fake_image(), "说明", "")])
    assert response.status_code == 200
    assert "有效的图片" in response.content.decode()
    assert not Item.objects.exists() and not ItemImage.objects.exists()


def test_an_oversized_photo_is_refused(client, contributor, unit, settings):
    settings.NEWSROOM_MAX_IMAGE_BYTES = 1000
    client.force_login(contributor)
    response = _create(client, unit, photos=[(upload_files.jpeg(), "", "")])
    assert "超过" in response.content.decode()
    assert not Item.objects.exists()


@pytest.mark.parametrize("upload", [
    lambda: upload_files.docx("第一段。"),
    lambda: upload_files.pdf(),
    lambda: upload_files.text(),
])
def test_genuine_original_files_are_accepted(client, contributor, unit, upload):
    client.force_login(contributor)
    assert _create(client, unit, original_file=upload()).status_code == 302
    assert Item.objects.get().original_file.name.startswith("originals/")


@pytest.mark.parametrize("upload,message", [
    (lambda: upload_files.text(name="tool.exe"), "原稿附件只能是"),
    (lambda: upload_files.text(name="fake.docx"), "内容与扩展名.docx不符"),
    (lambda: upload_files.text(name="fake.pdf"), "内容与扩展名.pdf不符"),
    (lambda: upload_files.pdf(name="fake.doc"), "内容与扩展名.doc不符"),
    (lambda: upload_files.jpeg(name="binary.txt"), "内容与扩展名.txt不符"),
])
def test_bad_original_files_are_refused_with_a_reason(client, contributor, unit, upload, message):
    client.force_login(contributor)
    response = _create(client, unit, original_file=upload())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Item.objects.exists()


def test_an_oversized_original_file_is_refused(client, contributor, unit, settings):
    settings.NEWSROOM_MAX_ATTACHMENT_BYTES = 10
    client.force_login(contributor)
    assert "原稿附件超过" in _create(client, unit, original_file=upload_files.pdf()).content.decode()


# ---- the rich-text editor's upload endpoint

UPLOAD_URL = "/ckeditor5/image_upload/"


def test_the_editor_widget_posts_to_our_guarded_upload_view():
    assert reverse("ck_editor_5_upload_file") == UPLOAD_URL
    from django.urls import resolve
    from bulletins.views.media import editor_image_upload
    assert resolve(UPLOAD_URL).func is editor_image_upload


def test_anonymous_users_cannot_upload_into_the_editor(client, db):
    response = client.post(UPLOAD_URL, {"upload": upload_files.jpeg()})
    assert response.status_code == 403
    assert json.loads(response.content)["error"]["message"] == "请先登录。"


@pytest.mark.parametrize("who", ["responsible_editor", "administrator"])
def test_users_who_do_not_write_items_cannot_upload(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.post(UPLOAD_URL, {"upload": upload_files.jpeg()})
    assert response.status_code == 403


def test_a_contributor_uploads_an_image_which_is_re_encoded_into_their_folder(client, contributor, settings, tmp_path):
    client.force_login(contributor)
    response = client.post(UPLOAD_URL, {"upload": upload_files.jpeg(exif_maker="SecretCam")})
    assert response.status_code == 200
    url = json.loads(response.content)["url"]
    assert url.startswith(f"/media/inline/{contributor.pk}/") and url.endswith(".jpg")
    stored = (tmp_path / url.removeprefix("/media/")).read_bytes()
    assert b"SecretCam" not in stored
    assert client.get(url).status_code == 200


def test_a_non_image_upload_into_the_editor_is_refused(client, contributor):
    client.force_login(contributor)
    response = client.post(UPLOAD_URL, {"upload": upload_files.fake_image(name="x.png")})
    assert response.status_code == 400
    assert "不是有效的图片文件" in json.loads(response.content)["error"]["message"]
