"""Item pages are closed to strangers: login, object-level checks, CSRF, sanitised rich text, CSP."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from bulletins.models import Item, ItemState

from . import factories

ITEM_URLS = ["item_detail", "item_edit", "item_review"]
POST_URLS = ["item_action", "item_import"]


@pytest.fixture
def foreign_item(other_unit, other_contributor):
    return factories.make_item(other_unit, other_contributor, title="外单位的内部稿件", state=ItemState.SUBMITTED)


@pytest.mark.parametrize("name", ["item_list", "item_create", "inbox"])
def test_every_item_page_needs_a_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ITEM_URLS + POST_URLS)
def test_every_page_of_one_item_needs_a_login(client, foreign_item, name):
    response = client.post(reverse(name, args=[foreign_item.pk])) if name in POST_URLS else client.get(reverse(name, args=[foreign_item.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ITEM_URLS)
def test_a_contributor_guessing_another_units_item_url_gets_not_found(client, contributor, foreign_item, name):
    client.force_login(contributor)
    response = client.get(reverse(name, args=[foreign_item.pk]))
    assert response.status_code == 404
    assert "外单位的内部稿件" not in response.content.decode()


@pytest.mark.parametrize("action", ["withdraw", "submit", "accept", "return", "decline"])
def test_a_contributor_cannot_act_on_another_units_item(client, contributor, foreign_item, action):
    client.force_login(contributor)
    response = client.post(reverse("item_action", args=[foreign_item.pk]), {"action": action, "comment": "x"})
    assert response.status_code == 404
    foreign_item.refresh_from_db()
    assert foreign_item.state == ItemState.SUBMITTED


def test_a_contributor_cannot_edit_another_units_item_by_posting(client, contributor, foreign_item, unit):
    client.force_login(contributor)
    response = client.post(reverse("item_edit", args=[foreign_item.pk]), {"unit": unit.pk, "title": "改掉", "body": "<p>x</p>"})
    assert response.status_code == 404
    assert client.post(reverse("item_import", args=[foreign_item.pk])).status_code == 404
    foreign_item.refresh_from_db()
    assert foreign_item.title == "外单位的内部稿件"


def test_an_item_url_for_a_missing_item_is_not_found(client, editor, db):
    client.force_login(editor)
    assert client.get(reverse("item_detail", args=[99999])).status_code == 404


def test_forms_without_a_csrf_token_are_refused(contributor, unit):
    client = Client(enforce_csrf_checks=True)
    client.force_login(contributor)
    item = factories.make_item(unit, contributor)
    assert client.post(reverse("item_action", args=[item.pk]), {"action": "submit"}).status_code == 403
    assert client.post(reverse("item_create"), {"unit": unit.pk, "title": "x"}).status_code == 403
    item.refresh_from_db()
    assert item.state == ItemState.DRAFT
    page = client.get(reverse("item_create")).content.decode()
    assert "csrfmiddlewaretoken" in page


XSS_BODY = (
    '<p>正文<script>alert(1)</script></p>'
    '<img src="x" onerror="alert(2)">'
    '<p><a href="javascript:alert(3)">链接</a></p>'
    '<p style="background:url(javascript:alert(4))" onclick="alert(5)">样式</p>'
    '<iframe src="https://evil.example/"></iframe>'
    '<svg onload="alert(6)"></svg>'
)


def test_script_and_event_handlers_posted_through_the_form_are_removed(client, contributor, unit):
    client.force_login(contributor)
    client.post(reverse("item_create"), {
        "unit": unit.pk, "title": '<script>alert("t")</script>标题', "body": XSS_BODY,
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0",
    })
    item = Item.objects.get()
    for bad in ("<script", "onerror", "javascript:", "onclick", "style=", "<iframe", "<svg", "onload"):
        assert bad not in item.body.lower()
    assert "正文" in item.body and "样式" in item.body
    page = client.get(reverse("item_detail", args=[item.pk])).content.decode()
    assert '<script>alert("t")</script>' not in page
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;标题" in page


def test_an_editors_save_is_sanitised_too(client, editor, unit, contributor):
    item = factories.make_item(unit, contributor, state=ItemState.SUBMITTED)
    client.force_login(editor)
    client.post(reverse("item_review", args=[item.pk]), {
        "unit": unit.pk, "title": item.title, "body": XSS_BODY, "attribution": "", "version": item.version,
    })
    item.refresh_from_db()
    assert "<script" not in item.body and "onerror" not in item.body
    assert "<script" not in item.revisions.get(reason="edit").body


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, contributor, unit):
    item = factories.make_item(unit, contributor)
    client.force_login(contributor)
    for url in (reverse("home"), reverse("item_create"), reverse("item_edit", args=[item.pk]), reverse("item_detail", args=[item.pk])):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        for tag in re.findall(r"<script\b[^>]*>", response.content.decode()):
            # only external files, or JSON data (the editor's configuration), which is never executed
            assert "src=" in tag or 'type="application/json"' in tag, tag


def test_refusals_are_explained_in_chinese(client, contributor, unit):
    client.force_login(contributor)
    assert "只有编辑可以处理来稿" in client.get(reverse("inbox")).content.decode()
    assert "找不到页面" in client.get(reverse("item_detail", args=[424242])).content.decode()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(contributor)
    assert "页面已过期" in strict.post(reverse("item_create"), {}).content.decode()
