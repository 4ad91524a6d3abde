"""Nothing a user can type produces an English Django page: hand-edited
parameters get a 400 that says in Chinese what was wrong, and the 400 and 500
pages themselves are Chinese."""

import pytest
from django.test import Client
from django.urls import reverse

from bulletins.models import Item, ItemState

from . import factories


@pytest.fixture
def editor_client(editor):
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    return client


def test_an_unknown_state_in_the_item_list_is_a_400_naming_it(client, contributor):
    client.force_login(contributor)

    response = client.get(reverse("item_list"), {"state": "x"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "稿件状态“x”不存在" in page
    assert "Bad Request" not in page


def test_an_out_of_range_item_id_in_a_bulk_accept_is_a_400_and_accepts_nothing(editor_client, contributor, unit):
    item = factories.make_item(unit, contributor, state=ItemState.SUBMITTED)

    response = editor_client.post(reverse("inbox_bulk_accept"), {"items": [str(item.pk), "99999999999999999999"]})

    assert response.status_code == 400
    assert "稿件编号“99999999999999999999”超出范围" in response.content.decode()
    assert Item.objects.get(pk=item.pk).state == ItemState.SUBMITTED


def test_bad_input_is_answered_in_chinese_in_development_mode_too(settings, contributor):
    settings.DEBUG = True  # make run serves with DEBUG=1; Django would show its English technical page
    client = Client(raise_request_exception=False)
    client.force_login(contributor)

    response = client.get(reverse("item_list"), {"state": "x"})

    assert response.status_code == 400
    assert "稿件状态“x”不存在" in response.content.decode()


def test_a_non_numeric_item_id_in_a_bulk_accept_is_a_400(editor_client):
    response = editor_client.post(reverse("inbox_bulk_accept"), {"items": "abc"})

    assert response.status_code == 400
    assert "稿件编号“abc”无效：应为正整数。" in response.content.decode()


@pytest.mark.parametrize("debug", [False, True], ids=["production", "development"])
def test_a_request_larger_than_the_server_accepts_gets_a_chinese_explanation(settings, editor, debug):
    settings.DEBUG = debug
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)  # the CSRF check reads the form too
    browser.force_login(editor)
    browser.get(reverse("inbox"))

    response = browser.post(reverse("inbox_bulk_accept"), {
        "csrfmiddlewaretoken": browser.cookies["csrftoken"].value, "items": "1", "comment": "字" * 400_000,
    })

    assert response.status_code == 400
    page = response.content.decode()
    assert "提交的内容太大（除附件和图片外，一次最多 1 MB）" in page
    assert "您输入的文字仍在原页面中" in page
    assert "Bad Request" not in page


def test_an_unexpected_error_shows_the_chinese_500_page(monkeypatch, editor_client):
    def broken(user):
        raise RuntimeError("boom")

    monkeypatch.setattr("bulletins.views.home._editor_panel", broken)

    response = editor_client.get(reverse("home"))

    assert response.status_code == 500
    page = response.content.decode()
    assert "服务器出错" in page and "刚才的操作可能没有完成" in page
    assert "Server Error" not in page


def test_the_writing_and_review_forms_tell_the_browser_how_much_they_may_send(client, editor, contributor, unit):
    item = factories.make_item(unit, contributor, state=ItemState.SUBMITTED)
    client.force_login(editor)
    limit = f'data-max-bytes="{10 * 1024 * 1024}"'

    review = client.get(reverse("item_review", args=[item.pk])).content.decode()
    writing = client.get(reverse("item_create")).content.decode()

    assert limit in review and 'enctype="multipart/form-data"' in review
    assert limit in writing
