"""从附件导入正文: an attached .docx becomes the body, sanitised; other files are refused with a reason."""

import pytest
from django.urls import reverse

from bulletins.docx_import import ImportFailed, docx_to_html
from bulletins.models import Item

from . import factories, upload_files


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _item_with(unit, contributor, upload):
    item = factories.make_item(unit, contributor, body="<p>旧正文。</p>")
    item.original_file.save(upload.name, upload, save=True)
    return Item.objects.get(pk=item.pk)


def test_importing_a_docx_replaces_the_body_with_its_paragraphs(client, unit, contributor):
    item = _item_with(unit, contributor, upload_files.docx("区发改委召开会议。", "会议强调&lt;script&gt;要落实。"))
    client.force_login(contributor)
    response = client.post(reverse("item_import", args=[item.pk]), {"version": item.version}, follow=True)
    item.refresh_from_db()
    assert item.body.startswith("<p>区发改委召开会议。</p>")
    assert "<script>" not in item.body
    assert "已从附件导入正文" in response.content.decode()


def test_the_writing_page_offers_import_only_for_a_docx(client, unit, contributor):
    docx_item = _item_with(unit, contributor, upload_files.docx("一段。"))
    pdf_item = _item_with(unit, contributor, upload_files.pdf())
    client.force_login(contributor)
    assert "从附件导入正文" in client.get(reverse("item_edit", args=[docx_item.pk])).content.decode()
    assert "从附件导入正文" not in client.get(reverse("item_edit", args=[pdf_item.pk])).content.decode()
    response = client.post(reverse("item_import", args=[pdf_item.pk]), follow=True)
    assert "只有 .docx 格式的原稿附件可以导入正文" in response.content.decode()


def test_a_broken_docx_is_refused_with_a_message(client, unit, contributor):
    item = _item_with(unit, contributor, upload_files.text(name="broken.docx"))
    client.force_login(contributor)
    response = client.post(reverse("item_import", args=[item.pk]), follow=True)
    assert "附件无法读取" in response.content.decode()
    item.refresh_from_db()
    assert item.body == "<p>旧正文。</p>"


def test_docx_to_html_refuses_an_empty_document():
    with pytest.raises(ImportFailed, match="没有可导入的正文"):
        docx_to_html(upload_files.docx())
