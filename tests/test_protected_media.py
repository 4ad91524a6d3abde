"""Uploaded files are served only to users who may see the object they belong to."""

import json

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from bulletins.models import ItemImage, ItemState

from . import factories, upload_files


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def item_with_files(unit, contributor):
    item = factories.make_item(unit, contributor, state=ItemState.SUBMITTED)
    item.original_file.save("report.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    photo = ItemImage(item=item, caption="现场")
    photo.image.save("p.jpg", ContentFile(upload_files.jpeg().read()), save=True)
    return item, photo


def test_media_urls_go_through_the_protected_view(item_with_files):
    item, photo = item_with_files
    assert photo.image.url.startswith("/media/photos/")
    assert reverse("protected_media", args=[photo.image.name]) == photo.image.url


def test_the_units_own_contributor_and_the_editors_see_the_photo_and_the_original(client, item_with_files, contributor, editor):
    item, photo = item_with_files
    for user in (contributor, editor):
        client.force_login(user)
        response = client.get(photo.image.url)
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"].startswith("private")
        original = client.get(item.original_file.url)
        assert original.status_code == 200
        assert b"".join(original.streaming_content).startswith(b"%PDF")


def test_another_units_contributor_gets_not_found(client, item_with_files, other_contributor):
    item, photo = item_with_files
    client.force_login(other_contributor)
    assert client.get(photo.image.url).status_code == 404
    assert client.get(item.original_file.url).status_code == 404


def test_anonymous_visitors_are_sent_to_login(client, item_with_files):
    item, photo = item_with_files
    response = client.get(photo.image.url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("path", ["../newsroom.sqlite3", "photos/../../secret", "photos//x.jpg", "unknown/file.txt", "photos/missing.jpg"])
def test_odd_or_unknown_paths_are_not_found(client, editor, path):
    client.force_login(editor)
    assert client.get("/media/" + path).status_code == 404


def test_an_inline_editor_image_is_seen_by_its_uploader_the_desk_and_readers_of_the_item(client, contributor, other_contributor, editor, unit):
    client.force_login(contributor)
    url = json.loads(client.post("/ckeditor5/image_upload/", {"upload": upload_files.jpeg()}).content)["url"]
    client.force_login(other_contributor)
    assert client.get(url).status_code == 404
    client.force_login(editor)
    assert client.get(url).status_code == 200
    factories.make_item(unit, contributor, body=f'<p>图</p><img src="{url}">')
    client.force_login(contributor)
    assert client.get(url).status_code == 200


def test_an_uploaded_non_image_is_sent_as_a_download_in_a_sandbox(client, unit, contributor):
    item = factories.make_item(unit, contributor)
    item.original_file.save("note.txt", ContentFile("<script>alert(1)</script>".encode()), save=True)
    client.force_login(contributor)
    response = client.get(item.original_file.url)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"].startswith("sandbox")
