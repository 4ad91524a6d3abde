"""The hostile-input corpus (tests/fixtures/hostile_inputs.json: XSS, SSRF
addresses and redirects, huge spans, long bodies, bidi controls, Extension B
characters, emoji, whitespace-only bodies) sent through every text field a
writer or editor fills in, and then through rendering both publications:

- the form either saves clean text or refuses in Chinese, keeping what was typed;
- what is stored carries no script, no bidi control, no empty paragraph, no
  span over 20;
- rendering makes no request at all (a local listener counts them), stays
  within its time limit, and every character printed as a box is named in a
  layout note.
"""

import json
import logging
import re
import time
import unicodedata
from pathlib import Path

import pytest
from django.urls import reverse

from bulletins import actions
from bulletins.models import Item, ItemImage, ItemState
from bulletins.sanitize import KEPT_FORMAT_CHARACTERS, MAX_SPAN
from bulletins.typesetting import render_issue_pdf

from . import factories
from .test_rendering_reads_only_own_files import CountingListener

CORPUS = json.loads((Path(__file__).parent / "fixtures" / "hostile_inputs.json").read_text(encoding="utf-8"))["payloads"]
TEXT_FIELDS = ("title", "attribution", "kicker", "subhead", "dateline", "byline", "column_label", "short_headline")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
RENDER_LIMIT_SECONDS = 20


@pytest.fixture
def listener():
    with CountingListener() as server:
        yield server


def _expand(text, listener):
    text = text.replace("{listener_localhost}", listener.url.replace("127.0.0.1", "localhost"))
    text = text.replace("{listener}", listener.url)
    text = re.sub(r"REPEAT_CELLS_(\d+)", lambda m: "".join(f"<td>{n}</td>" for n in range(int(m.group(1)))), text)
    return re.sub(r"REPEAT_TEXT_(\d+)", lambda m: "<p>" + "长" * int(m.group(1)) + "</p>", text)


def _form(unit, text):
    # Plain fields get as much of the payload as they hold (longer is refused, as it should be).
    data = {name: text[: Item._meta.get_field(name).max_length] for name in TEXT_FIELDS}
    data.update({
        "unit": unit.pk, "body": text, "byline_position": "",
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "1000",
    })
    return data


def _invisible(text):
    return [ch for ch in text if unicodedata.category(ch) in ("Cf", "Cc") and ch not in KEPT_FORMAT_CHARACTERS and ch not in "\n\t"]


def _assert_stored_clean(item):
    for name in (*TEXT_FIELDS, "body"):
        value = getattr(item, name)
        assert not _invisible(value), (name, value[:80])
    body = item.body.lower()
    for dangerous in ("<script", "onerror", "onclick", "javascript:", "style=", "<svg", "<math", "<style", "@import"):
        assert dangerous not in body, body[:200]
    assert not re.search(r"<p>(\s|&nbsp;|\u00a0|\u3000)*</p>", item.body)
    for span in re.findall(r'(?:colspan|rowspan)="(\d+)"', item.body):
        assert int(span) <= MAX_SPAN


@pytest.fixture
def stored_items(client, contributor, unit, listener):
    """Every payload through the writer's form; returns the items that were saved."""
    client.force_login(contributor)
    saved = []
    refused = []
    for payload in CORPUS:
        text = _expand(payload["text"], listener)
        before = set(Item.objects.values_list("pk", flat=True))
        response = client.post(reverse("item_create"), _form(unit, text))
        page = response.content.decode()
        assert response.status_code in (200, 302), (payload["name"], response.status_code)
        assert 'alert("hostile-xss")</script>' not in page and "alert('hostile-xss')</script>" not in page
        created = Item.objects.exclude(pk__in=before)
        if response.status_code == 200:  # refused: a Chinese reason, nothing saved
            assert CHINESE.search(re.sub(r"<[^>]+>", "", page)), payload["name"]
            assert "error" in page, payload["name"]
            assert not created.exists(), payload["name"]
            refused.append(payload["name"])
            continue
        item = created.get()
        _assert_stored_clean(item)
        saved.append(item)
    # Refused with a reason: too deep, too wide, too long, a NUL; the others are storable once cleaned.
    assert refused == ["deep nesting", "wide table", "long body", "null character"]
    return saved


def test_every_payload_through_the_writers_form_is_stored_clean_or_refused_in_chinese(stored_items):
    assert len(stored_items) == len(CORPUS) - 4


def test_the_over_long_payloads_are_refused_and_what_was_typed_stays_on_the_form(client, contributor, unit, listener):
    client.force_login(contributor)
    long_body = _expand("REPEAT_TEXT_60000", listener)
    response = client.post(reverse("item_create"), {**_form(unit, "区发改委稿件"), "body": long_body})
    page = response.content.decode()
    assert "正文过长" in page and "长" * 60000 in page
    wide = _expand("<table><tr>REPEAT_CELLS_60</tr></table>", listener)
    response = client.post(reverse("item_create"), {**_form(unit, "区发改委稿件"), "body": wide})
    assert "表格过大" in response.content.decode()


def test_a_whitespace_only_payload_saved_as_a_draft_cannot_be_submitted(stored_items, contributor):
    from bulletins import workflow

    blank = [item for item in stored_items if not item.body]
    assert blank, "the whitespace-only payloads must be stored as empty bodies"
    for item in blank:
        with pytest.raises(workflow.WorkflowError, match="没有正文"):
            workflow.apply_transition(item, "submit", contributor)


@pytest.mark.parametrize("kind", ["bulletin", "newspaper"])
def test_rendering_the_corpus_makes_no_request_stays_within_its_limit_and_names_every_box(
    kind, request, settings, stored_items, editor, listener, caplog
):
    settings.NEWSROOM_RENDER_TIME_LIMIT = RENDER_LIMIT_SECONDS
    publication = request.getfixturevalue(kind)
    issue = factories.make_issue(publication, number=11, year=2026)
    items = [item for item in stored_items if item.body]
    Item.objects.filter(pk__in=[i.pk for i in items]).update(state=ItemState.ACCEPTED)
    items = list(Item.objects.filter(pk__in=[i.pk for i in items]).order_by("pk"))
    factories.place(issue, items, lead=items[0])
    hostile = "\u202e𠀀🧌<script>alert('hostile-xss')</script>"
    issue = actions.update_issue(issue, editor, series_title=f"总标题{hostile}", editor_note=f"编者按{hostile}")
    for item in items[:2]:
        photo = ItemImage(item=item, caption=f"图注{hostile}"[:300], credit="摄影\u202e者🧌")
        photo.image.save("hostile.png", _png(), save=True)
        photo.refresh_from_db()
        assert not _invisible(photo.caption) and not _invisible(photo.credit)

    caplog.set_level(logging.WARNING, logger="weasyprint")
    started = time.monotonic()
    pdf = render_issue_pdf(issue, final=False)
    seconds = time.monotonic() - started
    print(f"\n{kind}: corpus of {len(items)} items rendered in {seconds:.2f} s, {len(pdf) // 1024} KB")

    assert listener.requests == []
    assert seconds < RENDER_LIMIT_SECONDS + 1  # the limit held (it raises otherwise)
    boxes = {record.args[1] for record in caplog.records if str(record.msg).startswith(".notdef") and record.args}
    assert boxes, "the corpus holds characters no font has (🧌): their boxes must be seen"
    for codepoint in boxes:
        assert any(f"U+{codepoint:04X}" in note for note in pdf.notes), (hex(codepoint), pdf.notes)


def _png():
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (600, 400), (120, 120, 120)).save(out, "PNG")
    return ContentFile(out.getvalue())
