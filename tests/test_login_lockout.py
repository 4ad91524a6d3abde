"""Repeated wrong passwords lock a user name out (django-axes); the administrator
unlocks it in the admin, in Chinese."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from bulletins.accounts.models import LoginLockout

from . import factories

WRONG = {"username": "bianji", "password": "wrong-password"}
RIGHT = {"username": "bianji", "password": "pass-1234"}


def _fail_five_times(client):
    """Four wrong passwords are answered as wrong; the fifth locks the user name out."""
    for _ in range(4):
        response = client.post(reverse("login"), WRONG)
        assert response.status_code == 200
        assert "用户名或密码不正确" in response.content.decode()
    assert client.post(reverse("login"), WRONG).status_code == 429


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, editor):
    _fail_five_times(client)

    response = client.post(reverse("login"), RIGHT)

    assert response.status_code == 429
    page = response.content.decode()
    assert "用户名“bianji”连续 5 次密码错误" in page
    assert "联系系统管理员解除锁定" in page
    assert "_auth_user_id" not in client.session


def test_a_lockout_of_one_user_name_leaves_other_users_free_to_sign_in(client, editor, contributor):
    _fail_five_times(client)

    response = client.post(reverse("login"), {"username": "tongxunyuan", "password": "pass-1234"})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(contributor.pk)


def test_a_right_password_before_the_limit_clears_the_count(client, editor):
    for _ in range(4):
        client.post(reverse("login"), WRONG)
    assert client.post(reverse("login"), RIGHT).status_code == 302
    client.post(reverse("logout"))

    for _ in range(4):
        client.post(reverse("login"), WRONG)

    assert client.post(reverse("login"), RIGHT).status_code == 302


def test_the_administrator_sees_the_lockout_in_chinese_and_unlocks_it(client, editor, administrator):
    _fail_five_times(client)
    administrator.is_staff = True
    administrator.save()
    administrator.groups.get().permissions.set(Permission.objects.filter(content_type__app_label="accounts"))
    admin = Client()
    admin.force_login(administrator)

    listing = admin.get(reverse("admin:accounts_loginlockout_changelist")).content.decode()
    assert "登录失败与锁定" in listing and "bianji" in listing and "连续失败次数" in listing
    lockout = LoginLockout.objects.get(username="bianji")
    response = admin.post(reverse("admin:accounts_loginlockout_changelist"), {
        "action": "unlock", "_selected_action": [lockout.pk],
    }, follow=True)

    assert "已解除 bianji 的登录锁定" in response.content.decode()
    assert client.post(reverse("login"), RIGHT).status_code == 302


@pytest.mark.parametrize("path", ["/admin/login/"])
def test_the_admin_login_is_locked_out_too(client, editor, path):
    _fail_five_times(client)

    response = client.post(path, RIGHT)

    assert response.status_code == 429
