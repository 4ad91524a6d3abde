"""Duties kept apart: nobody grants a role they lack or any role to themselves;
only a superuser makes superusers; a superuser is no editorial role; every role
change is recorded with who gave what to whom."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from bulletins import roles
from bulletins.management.commands.seed_demo import administrator_permissions
from bulletins.models import AuditEntry, Role

from . import factories


@pytest.fixture
def admin_client(client, administrator):
    administrator.is_staff = True
    administrator.save()
    administrator.groups.get().permissions.set(administrator_permissions())
    client.force_login(administrator)
    return client


def user_form(client, user, **changes):
    """The admin change form of ``user`` as the browser would post it."""
    url = reverse("admin:auth_user_change", args=[user.pk])
    page = client.get(url).content.decode()
    data = {
        "username": user.username, "first_name": user.first_name, "last_name": user.last_name, "email": "",
        "is_active": "on", "is_staff": "on" if user.is_staff else "",
        "groups": [str(g.pk) for g in user.groups.all()],
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"), "date_joined_1": "00:00:00",
    }
    for prefix in re.findall(r'name="([^"]+)-TOTAL_FORMS"', page):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(changes)
    return url, {k: v for k, v in data.items() if v != ""}


def test_an_administrator_cannot_make_themselves_superuser(admin_client, administrator):
    url, data = user_form(admin_client, administrator, is_superuser="on")
    admin_client.post(url, data)
    administrator.refresh_from_db()
    assert not administrator.is_superuser
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.SUPERUSER_GRANTED).exists()


def test_an_administrator_cannot_grant_a_role_they_do_not_hold(admin_client, contributor):
    responsible = Group.objects.get_or_create(name=Role.RESPONSIBLE_EDITOR)[0]
    url, data = user_form(admin_client, contributor)
    data["groups"] = data["groups"] + [str(responsible.pk)]
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form is shown again with the error
    contributor.refresh_from_db()
    assert not contributor.groups.filter(name=Role.RESPONSIBLE_EDITOR).exists()


def test_an_administrator_cannot_grant_themselves_a_role(admin_client, administrator):
    editor_group = Group.objects.get_or_create(name=Role.EDITOR)[0]
    url, data = user_form(admin_client, administrator)
    data["groups"] = [str(g.pk) for g in administrator.groups.all()] + [str(editor_group.pk)]
    admin_client.post(url, data)
    assert not roles.is_editor(User.objects.get(pk=administrator.pk))


def test_saving_a_user_keeps_the_roles_the_administrator_cannot_see(admin_client, editor):
    url, data = user_form(admin_client, editor, last_name="赵")
    data["groups"] = []
    admin_client.post(url, data)
    editor.refresh_from_db()
    assert editor.last_name == "赵"
    assert roles.is_editor(User.objects.get(pk=editor.pk))


def test_an_administrator_cannot_edit_roles_or_set_an_editors_password(admin_client, editor):
    assert admin_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert admin_client.get(reverse("admin:auth_user_password_change", args=[editor.pk])).status_code == 403


def test_a_superuser_grants_roles_and_each_change_is_recorded(client, superuser, contributor):
    client.force_login(superuser)
    responsible = Group.objects.get_or_create(name=Role.RESPONSIBLE_EDITOR)[0]
    url, data = user_form(client, contributor)
    data["groups"] = data["groups"] + [str(responsible.pk)]
    client.post(url, data)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ROLE_GRANTED, target_user=contributor, subject="责任编辑")
    assert entry.actor == superuser
    assert "王晓" in entry.detail


def test_a_superuser_holds_no_editorial_role(superuser):
    assert not roles.is_editor(superuser)
    assert not roles.is_responsible_editor(superuser)
    assert not roles.is_administrator(superuser)


def test_createsuperuser_and_role_changes_outside_the_admin_are_recorded_too(db, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-passphrase-2026")
    call_command("createsuperuser", "--noinput", "--username", "root2", "--email", "root@example.org")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SUPERUSER_GRANTED, target_user__username="root2", actor=None).exists()
    user = factories.make_user("someone")
    user.groups.add(Group.objects.get_or_create(name=Role.EDITOR)[0])
    user.groups.clear()
    assert list(AuditEntry.objects.filter(target_user=user).order_by("id").values_list("action", "subject")) == [
        ("role_granted", "编辑"), ("role_revoked", "编辑"),
    ]


def test_the_demo_accounts_have_explicit_roles_and_no_superuser(db):
    call_command("seed_demo", "--quiet-logins")
    assert not User.objects.filter(is_superuser=True).exists()
    for username, role in (("bianji", Role.EDITOR), ("zeren", Role.RESPONSIBLE_EDITOR), ("guanli", Role.ADMINISTRATOR)):
        assert list(User.objects.get(username=username).groups.values_list("name", flat=True)) == [role]
    admin_group = Group.objects.get(name=Role.ADMINISTRATOR)
    codenames = set(admin_group.permissions.values_list("codename", flat=True))
    assert "change_permission" not in codenames and "change_group" not in codenames
    assert "change_issue" not in codenames and "change_item" not in codenames
