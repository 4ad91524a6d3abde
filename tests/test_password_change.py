"""A signed-in user changes their own password; Django's validators answer in
Chinese, and every other session of that user is signed out."""

from django.test import Client
from django.urls import reverse


def _signed_in(user):
    client = Client()
    client.post(reverse("login"), {"username": user.username, "password": "pass-1234"})
    assert client.session["_auth_user_id"] == str(user.pk)
    return client


def test_every_page_links_to_changing_ones_password(client, contributor):
    client.force_login(contributor)

    assert reverse("password_change") in client.get(reverse("home")).content.decode()


def test_changing_the_password_keeps_this_session_and_signs_out_the_others(contributor):
    here, elsewhere = _signed_in(contributor), _signed_in(contributor)

    response = here.post(reverse("password_change"), {
        "old_password": "pass-1234", "new_password1": "Hongqi-Lu-2026", "new_password2": "Hongqi-Lu-2026",
    }, follow=True)

    assert "其他电脑或浏览器上的登录已全部退出" in response.content.decode()
    assert here.get(reverse("item_list")).status_code == 200
    assert elsewhere.get(reverse("item_list"))["Location"].startswith(reverse("login"))
    again = Client()
    assert again.post(reverse("login"), {"username": contributor.username, "password": "Hongqi-Lu-2026"}).status_code == 302


def test_a_wrong_old_password_is_refused_in_chinese(contributor):
    client = _signed_in(contributor)

    response = client.post(reverse("password_change"), {
        "old_password": "not-it", "new_password1": "Hongqi-Lu-2026", "new_password2": "Hongqi-Lu-2026",
    })

    assert response.status_code == 200
    assert "你的旧密码不正确" in response.content.decode()


def test_a_weak_new_password_is_refused_with_the_validators_reasons_in_chinese(contributor):
    client = _signed_in(contributor)

    response = client.post(reverse("password_change"), {
        "old_password": "pass-1234", "new_password1": "12345678", "new_password2": "12345678",
    })

    page = response.content.decode()
    assert "这个密码太常见了。" in page
    assert "密码只包含数字。" in page
    assert "你的密码必须包含至少 8 个字符。" in page  # the hints under the field


def test_the_change_page_needs_a_signed_in_user(client):
    assert client.get(reverse("password_change"))["Location"].startswith(reverse("login"))
