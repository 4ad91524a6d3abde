"""Who is editing now: pings keep an editing session, others see it (idle after
ten minutes, gone after an hour); soft locks can be taken, asked for, released,
and broken by an administrator, which is logged."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bulletins.notifications.models import Kind, Notification
from bulletins.presence.models import EditingSession, LockBreak, SoftLock

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(unit, contributor):
    return factories.make_item(unit, contributor, title="春耕备耕有序推进", state="submitted")


@pytest.fixture
def second_editor(db):
    from bulletins.models import Role
    return factories.make_user("bianji2", Role.EDITOR, full_name="孙悦")


def ping(client, user, obj, kind="item", page="review", tab="tab1"):
    client.force_login(user)
    return client.post("/presence/ping/", {"kind": kind, "id": obj.pk, "client": tab, "page": page})


def lock(client, user, obj, action, kind="item"):
    client.force_login(user)
    return client.post("/presence/lock/", {"kind": kind, "id": obj.pk, "client": "x", "action": action})


def test_a_second_editor_sees_who_has_the_item_open(client, editor, second_editor, item):
    assert ping(client, editor, item).json()["others"] == []
    others = ping(client, second_editor, item, tab="tab2").json()["others"]
    assert [(o["name"], o["doing"], o["idle"]) for o in others] == [("李德昭", "正在审稿", False)]


def test_a_session_goes_idle_after_ten_minutes_and_vanishes_after_an_hour(client, editor, second_editor, item):
    ping(client, editor, item)
    EditingSession.objects.update(last_seen=timezone.now() - timedelta(minutes=11))
    others = ping(client, second_editor, item, tab="tab2").json()["others"]
    assert others[0]["idle"] and others[0]["seen_minutes"] == 11
    EditingSession.objects.filter(user=editor).update(last_seen=timezone.now() - timedelta(minutes=61))
    assert ping(client, second_editor, item, tab="tab2").json()["others"] == []
    assert not EditingSession.objects.filter(user=editor).exists()  # swept


def test_leaving_the_page_ends_the_session(client, editor, second_editor, item):
    ping(client, editor, item)
    client.post("/presence/leave/", {"client": "tab1"})
    assert ping(client, second_editor, item, tab="tab2").json()["others"] == []


def test_another_units_contributor_cannot_ping_or_see_an_item(client, editor, other_contributor, item):
    ping(client, editor, item)
    response = ping(client, other_contributor, item, page="edit")
    assert response.status_code == 404
    assert response.json()["error"] == "找不到该内容，或您没有权限查看。"
    assert ping(client, other_contributor, factories.make_issue(factories.make_bulletin()), kind="issue").status_code == 404


def test_the_page_learns_that_a_newer_version_was_saved(client, editor, item):
    assert ping(client, editor, item).json()["version"] == item.version
    from bulletins import actions
    actions.save_item(item, editor, title="春耕备耕全面铺开")
    assert ping(client, editor, item).json()["version"] == item.version + 1


def test_a_soft_lock_is_shown_asked_for_and_released(client, editor, second_editor, item):
    assert lock(client, editor, item, "take").json()["lock"]["mine"]
    refused = lock(client, second_editor, item, "take")
    assert refused.status_code == 409 and "李德昭已声明正在编辑" in refused.json()["error"]
    state = ping(client, second_editor, item, tab="tab2").json()
    assert state["lock"] == {"holder": "李德昭", "mine": False, "minutes": 0, "requested_by": ""}

    lock(client, second_editor, item, "ask")
    assert Notification.objects.get(kind=Kind.LOCK_REQUESTED).recipient == editor
    assert ping(client, editor, item).json()["lock"]["requested_by"] == "孙悦"

    assert lock(client, second_editor, item, "release").status_code == 409  # not theirs
    assert lock(client, editor, item, "release").json()["lock"] is None
    assert not SoftLock.objects.exists()


def test_a_contributor_cannot_take_a_lock(client, contributor, item):
    response = lock(client, contributor, item, "take")
    assert response.status_code == 409 and response.json()["error"] == "只有编辑可以声明“我来编辑”。"


def test_only_an_administrator_breaks_a_lock_and_the_break_is_logged(client, editor, second_editor, administrator, item):
    lock(client, editor, item, "take")
    assert lock(client, second_editor, item, "break").status_code == 409
    assert SoftLock.objects.count() == 1

    response = lock(client, administrator, item, "break")
    assert response.status_code == 200 and response.json()["lock"] is None
    entry = LockBreak.objects.get()
    assert (entry.item, entry.holder, entry.broken_by) == (item, editor, administrator)
    assert Notification.objects.get(kind=Kind.LOCK_BROKEN).recipient == editor


def test_an_administrator_breaks_locks_from_the_admin_and_they_are_logged(client, editor, item, db):
    from django.contrib.auth.models import User
    SoftLock.objects.create(item=item, holder=editor)
    root = User.objects.create_superuser("root", "root@example.org", "pass-1234")
    client.force_login(root)
    response = client.post("/admin/presence/softlock/", {
        "action": "break_locks", "_selected_action": [SoftLock.objects.get().pk],
    }, follow=True)
    assert "已解除 1 个锁定，并已记录。" in response.content.decode()
    assert LockBreak.objects.get().broken_by == root


def test_the_edit_review_and_composer_pages_carry_the_presence_banner(client, editor, item, bulletin):
    issue = factories.make_issue(bulletin)
    client.force_login(editor)
    for url, kind, obj in [(f"/items/{item.pk}/review/", "item", item), (f"/items/{item.pk}/edit/", "item", item),
                           (f"/issues/{issue.pk}/compose/", "issue", issue), (f"/issues/{issue.pk}/review/", "issue", issue)]:
        html = client.get(url).content.decode()
        assert f'data-kind="{kind}" data-id="{obj.pk}" data-version="{obj.version}"' in html, url
        assert "js/presence.js" in html
