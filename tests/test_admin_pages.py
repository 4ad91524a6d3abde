"""Administrators configure everything in the Django admin, in Chinese."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from bulletins.models import IssueState

from . import factories


@pytest.fixture
def admin_client(client, administrator):
    administrator.is_staff = True
    administrator.save()
    group = administrator.groups.get()
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=["bulletins", "auth"]))
    client.force_login(administrator)
    return client


def test_every_model_has_a_working_admin_list_in_chinese(admin_client, bulletin, unit, contributor):
    issue = factories.make_issue(bulletin)
    factories.place(issue, [factories.make_item(unit, contributor, state="accepted")])
    models = [m for m in admin.site._registry if m._meta.app_label in ("bulletins", "auth")]
    names = {m._meta.model_name for m in models}
    assert {"unit", "recipientgroup", "publication", "issue", "item", "workflowlog", "renderjob", "user"} <= names
    for model in models:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = admin_client.get(url)
        if model._meta.model_name == "group":  # roles and permissions: superusers only
            assert response.status_code == 403, url
            continue
        assert response.status_code == 200, url
        assert "选择" in response.content.decode()


def test_an_issue_admin_page_opens_with_its_items_and_log(admin_client, bulletin, unit, contributor):
    issue = factories.make_issue(bulletin)
    factories.place(issue, [factories.make_item(unit, contributor, title="冬季供暖保障", state="accepted")])
    response = admin_client.get(reverse("admin:bulletins_issue_change", args=[issue.pk]))
    assert response.status_code == 200
    assert "冬季供暖保障" in response.content.decode()


def test_a_published_issue_cannot_be_changed_in_the_admin(admin_client, bulletin):
    issue = factories.make_issue(bulletin, state=IssueState.PUBLISHED, series_title="原标题")
    url = reverse("admin:bulletins_issue_change", args=[issue.pk])
    admin_client.post(url, {"series_title": "偷改"})
    issue.refresh_from_db()
    assert issue.series_title == "原标题"


def test_contributors_cannot_open_the_admin(client, contributor):
    client.force_login(contributor)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
