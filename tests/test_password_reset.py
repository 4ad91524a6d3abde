"""A user who forgot their password gets a reset link by e-mail, sets a new one
(validated in Chinese), and may sign in at once, lockout or not."""

import re

from django.core import mail
from django.test import Client
from django.urls import reverse


def _request_reset(client, address):
    return client.post(reverse("password_reset"), {"email": address}, follow=True)


def _link_in(message):
    return re.search(r"https?://[^/\s]+(/password/reset/\S+/)", message.body).group(1)


def test_the_login_page_offers_the_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_a_reset_by_e_mail_sets_a_new_password_and_signs_out_every_session(client, contributor):
    contributor.email = "wangxiao@shangjie.example"
    contributor.save()
    elsewhere = Client()
    elsewhere.force_login(contributor)

    page = _request_reset(client, "wangxiao@shangjie.example").content.decode()
    assert "请查收邮件" in page
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wangxiao@shangjie.example"] and message.subject == "信息编辑系统：重设密码"
    assert "王晓，您好" in message.body and "用户名：tongxunyuan" in message.body

    form = client.get(_link_in(message), follow=True)
    assert "设置新密码" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {
        "new_password1": "Hongqi-Lu-2026", "new_password2": "Hongqi-Lu-2026",
    }, follow=True)

    assert "您的新密码已经生效" in done.content.decode()
    assert Client().post(reverse("login"), {"username": "tongxunyuan", "password": "Hongqi-Lu-2026"}).status_code == 302
    assert elsewhere.get(reverse("item_list"))["Location"].startswith(reverse("login"))


def test_a_weak_new_password_is_refused_in_chinese_on_the_reset_page(client, contributor):
    contributor.email = "wangxiao@shangjie.example"
    contributor.save()
    _request_reset(client, contributor.email)
    form = client.get(_link_in(mail.outbox[0]), follow=True)

    response = client.post(form.redirect_chain[-1][0], {"new_password1": "password", "new_password2": "password"})

    assert "这个密码太常见了。" in response.content.decode()


def test_a_used_link_is_refused_in_chinese(client, contributor):
    contributor.email = "wangxiao@shangjie.example"
    contributor.save()
    _request_reset(client, contributor.email)
    link = _link_in(mail.outbox[0])
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": "Hongqi-Lu-2026", "new_password2": "Hongqi-Lu-2026"})

    again = Client().get(link, follow=True)

    assert "这个重设链接无效" in again.content.decode()


def test_an_unknown_address_sends_nothing_and_says_the_same(client, contributor):
    page = _request_reset(client, "nobody@shangjie.example").content.decode()

    assert "请查收邮件" in page
    assert mail.outbox == []


def test_resetting_the_password_lifts_a_lockout(client, contributor):
    contributor.email = "wangxiao@shangjie.example"
    contributor.save()
    for _ in range(5):
        client.post(reverse("login"), {"username": "tongxunyuan", "password": "wrong"})
    assert client.post(reverse("login"), {"username": "tongxunyuan", "password": "pass-1234"}).status_code == 429

    _request_reset(client, contributor.email)
    form = client.get(_link_in(mail.outbox[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": "Hongqi-Lu-2026", "new_password2": "Hongqi-Lu-2026"})

    assert client.post(reverse("login"), {"username": "tongxunyuan", "password": "Hongqi-Lu-2026"}).status_code == 302
