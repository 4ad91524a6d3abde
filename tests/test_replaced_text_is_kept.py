"""Nothing typed is lost: a save that replaces an item's text wholesale first
keeps the text it replaces as a revision, drafts included."""

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bulletins import actions, workflow
from bulletins.models import ItemRevision

from . import factories


def _docx(text):
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _previous(item):
    return list(item.revisions.filter(reason=ItemRevision.Reason.PREVIOUS).values_list("body", flat=True))


def test_importing_the_attachment_into_a_draft_keeps_the_typed_body_in_the_history(client, contributor, unit):
    item = factories.make_item(
        unit, contributor, body="<p>我手工录入的正文。</p>",
        original_file=SimpleUploadedFile("原稿.docx", _docx("附件里的正文。")),
    )
    client.force_login(contributor)

    client.post(reverse("item_import", args=[item.pk]), {"version": item.version})

    item.refresh_from_db()
    assert "附件里的正文" in item.body
    assert _previous(item) == ["<p>我手工录入的正文。</p>"]
    history = client.get(reverse("item_detail", args=[item.pk])).content.decode()
    assert "被替换前的文本" in history and "我手工录入的正文" in history


def test_saving_my_version_on_the_conflict_page_keeps_the_other_persons_text(client, contributor, unit):
    item = factories.make_item(unit, contributor, title="会议", body="<p>第一稿。</p>")
    client.force_login(contributor)
    form = {"unit": unit.pk, "title": "会议", "attribution": "", "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "1000"}
    opened_at = item.version
    client.post(reverse("item_edit", args=[item.pk]), {**form, "body": "<p>另一个窗口的修改。</p>", "version": opened_at})
    conflict = client.post(reverse("item_edit", args=[item.pk]), {**form, "body": "<p>我的修改。</p>", "version": opened_at})
    assert conflict.status_code == 409
    item.refresh_from_db()

    client.post(reverse("item_edit", args=[item.pk]), {
        **form, "body": "<p>我的修改。</p>", "version": item.version, "replace_theirs": "1",
    })

    item.refresh_from_db()
    assert item.body == "<p>我的修改。</p>"
    assert _previous(item) == ["<p>另一个窗口的修改。</p>"]


def test_an_editors_save_over_a_returned_draft_keeps_the_units_text(client, editor, contributor, unit):
    item = factories.make_item(unit, contributor, body="<p>单位的原文。</p>")
    item = workflow.apply_transition(item, "submit", contributor)
    item = workflow.apply_transition(item, "return", editor, "请补充数据")
    item = actions.save_item(item, contributor, body="<p>单位补充后的稿子。</p>")  # not yet resubmitted

    actions.save_item(item, editor, body="<p>编辑改过的稿子。</p>")

    assert "<p>单位补充后的稿子。</p>" in _previous(item)


def test_a_contributor_saving_their_own_draft_again_adds_no_revision(client, contributor, unit):
    item = factories.make_item(unit, contributor, body="<p>第一稿。</p>")

    actions.save_item(item, contributor, body="<p>第二稿。</p>")

    assert not item.revisions.exists()


def test_an_unchanged_text_is_not_stored_twice(editor, contributor, unit):
    item = workflow.apply_transition(factories.make_item(unit, contributor, body="<p>原文。</p>"), "submit", contributor)

    actions.save_item(item, editor, body="<p>原文。</p>", keep_previous=True)

    assert _previous(item) == []
