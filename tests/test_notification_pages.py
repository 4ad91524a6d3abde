"""The bell on every page, the notification list, marking read, the home
panel and the settings page; counts cost the same queries at 1 and 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bulletins.notifications.models import Kind, Mode, Notification, Preference

pytestmark = pytest.mark.django_db


def make_notifications(user, n, read=0, kind=Kind.ITEM_SUBMITTED):
    Notification.objects.bulk_create([
        Notification(recipient=user, kind=kind, title=f"新来稿：《稿件{i}》", url="/inbox/",
                     read_at=timezone.now() if i < read else None)
        for i in range(n)
    ])


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_the_bell_shows_the_unread_count_on_every_page(client, editor):
    make_notifications(editor, 3, read=1)
    client.force_login(editor)
    for url in ("/", "/inbox/", "/archive/", "/notifications/"):
        html = client.get(url).content.decode()
        assert 'class="bell has-unread"' in html, url
        assert '<span class="bell-count">2</span>' in html, url


@pytest.mark.parametrize("url", ["/", "/inbox/", "/notifications/"])
def test_pages_with_the_bell_cost_the_same_queries_with_1_and_500_notifications(client, editor, url):
    client.force_login(editor)
    client.get(url)  # the first request after signing in also writes the session
    make_notifications(editor, 1)
    with_one, _ = queries(client, url)
    make_notifications(editor, 499, read=100)
    with_500, response = queries(client, url)
    assert with_one == with_500
    assert '<span class="bell-count">400</span>' in response.content.decode()


def test_the_list_puts_unread_first_and_pages_them(client, editor):
    make_notifications(editor, 40, read=35)  # 5 unread
    client.force_login(editor)
    page = client.get("/notifications/").context["page"]
    rows = list(page.object_list)
    assert len(rows) == 30
    assert [r.is_unread for r in rows[:6]] == [True] * 5 + [False]
    assert "第 1 / 2 页" in client.get("/notifications/").content.decode()


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, editor):
    make_notifications(editor, 1)
    n = Notification.objects.get()
    client.force_login(editor)
    response = client.get(f"/notifications/{n.pk}/open/")
    assert response.status_code == 302 and response.url == "/inbox/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_one_cannot_open_or_mark_someone_elses_notification(client, editor, contributor):
    make_notifications(editor, 1)
    n = Notification.objects.get()
    client.force_login(contributor)
    assert client.get(f"/notifications/{n.pk}/open/").status_code == 404
    client.post(f"/notifications/{n.pk}/read/")
    n.refresh_from_db()
    assert n.read_at is None


def test_mark_one_and_mark_all_read(client, editor, contributor):
    make_notifications(editor, 3)
    make_notifications(contributor, 2, kind=Kind.ITEM_ACCEPTED)
    client.force_login(editor)
    first = editor.notifications.first()
    client.post(f"/notifications/{first.pk}/read/")
    assert editor.notifications.filter(read_at__isnull=True).count() == 2
    response = client.post("/notifications/read-all/", follow=True)
    assert "已将 2 条通知标为已读。" in response.content.decode()
    assert editor.notifications.filter(read_at__isnull=True).count() == 0
    assert contributor.notifications.filter(read_at__isnull=True).count() == 2  # untouched


def test_the_home_page_shows_what_waits_with_counts(client, editor):
    make_notifications(editor, 4)
    make_notifications(editor, 1, kind=Kind.ISSUE_REJECTED)
    client.force_login(editor)
    html = client.get("/").content.decode()
    assert "待您处理" in html
    assert '<span class="count">4</span>新来稿' in html
    assert '<span class="count">1</span>期刊退回修改' in html


def test_a_user_changes_how_each_kind_reaches_them(client, editor):
    client.force_login(editor)
    page = client.get("/notifications/settings/").content.decode()
    assert "新来稿" in page and "稿件已退回" not in page  # editors' kinds only
    form = client.get("/notifications/settings/").context["form"]
    data = {kind.value: form[kind.value].initial for kind in form.kinds}
    assert data[Kind.ITEM_SUBMITTED] == Mode.IMMEDIATE and data[Kind.ISSUE_APPROVED] == Mode.IN_APP
    data[Kind.ITEM_SUBMITTED] = Mode.DIGEST
    response = client.post("/notifications/settings/", data, follow=True)
    assert "通知设置已保存。" in response.content.decode()
    assert Preference.objects.get(user=editor, kind=Kind.ITEM_SUBMITTED).mode == Mode.DIGEST


def test_a_bad_setting_is_refused_in_chinese_and_nothing_is_saved(client, contributor):
    client.force_login(contributor)
    response = client.post("/notifications/settings/", {Kind.ITEM_RETURNED: "carrier-pigeon"})
    assert "通知设置未保存" in response.content.decode()
    assert not Preference.objects.exists()
