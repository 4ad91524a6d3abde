"""截稿时间: units are reminded before an issue's deadline, editors get the list
of units that submitted nothing when it passes; each once per deadline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bulletins.models import ItemState
from bulletins.notifications import deadlines
from bulletins.notifications.models import Kind, Notification

from . import factories
from .notification_helpers import desk, recipients_of  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue_with_deadline(desk, bulletin):
    issue = factories.make_issue(bulletin, number=7, year=2026)
    issue.created_at = timezone.now() - timedelta(days=3)
    issue.submission_deadline = timezone.now() + timedelta(hours=6)
    issue.save()
    return issue


def test_units_are_reminded_once_within_the_configured_time_before_the_deadline(
    issue_with_deadline, settings
):
    settings.NEWSROOM_DEADLINE_REMINDER_HOURS = 2
    assert deadlines.run_checks() == 0  # six hours ahead: too early
    settings.NEWSROOM_DEADLINE_REMINDER_HOURS = 24
    assert deadlines.run_checks() == 1
    assert deadlines.run_checks() == 0  # the beat runs again: nothing twice
    assert recipients_of(Kind.DEADLINE_REMINDER) == {"tongxunyuan": 1, "tongshi": 1, "tongxunyuan2": 1}
    reminder = Notification.objects.filter(kind=Kind.DEADLINE_REMINDER).first()
    assert "截稿提醒" in reminder.title and reminder.issue is None  # units cannot open issues


def test_a_moved_deadline_is_announced_again(issue_with_deadline):
    deadlines.run_checks()
    issue_with_deadline.submission_deadline += timedelta(hours=3)
    issue_with_deadline.save()
    assert deadlines.run_checks() == 1
    assert recipients_of(Kind.DEADLINE_REMINDER)["tongxunyuan"] == 2


def test_after_the_deadline_editors_get_the_units_that_submitted_nothing(
    desk, issue_with_deadline, unit, other_unit, client
):
    item = factories.make_item(unit, desk["contributor"], state=ItemState.SUBMITTED)
    item.submitted_at = timezone.now() - timedelta(days=1)
    item.save()
    late_unit = factories.make_unit(name="济源路街道办事处", short_name="济源路街道")
    issue_with_deadline.submission_deadline = timezone.now() - timedelta(minutes=1)
    issue_with_deadline.save()

    assert deadlines.run_checks() == 1
    assert deadlines.run_checks() == 0
    assert recipients_of(Kind.DEADLINE_MISSING) == {"bianji": 1, "bianji2": 1}
    notice = Notification.objects.filter(kind=Kind.DEADLINE_MISSING).first()
    assert "2个单位未报送" in notice.title
    assert "工业路街道、济源路街道" in notice.body and "区发改委" not in notice.body

    client.force_login(desk["editor"])
    page = client.get(notice.url).content.decode()
    assert "未报送的单位（2）" in page and late_unit.name in page
    assert "已报送的单位（1）" in page and unit.name in page
    client.force_login(desk["contributor"])
    assert client.get(notice.url).status_code == 403


def test_the_editor_sets_the_deadline_in_the_composer(desk, issue_with_deadline, client):
    client.force_login(desk["editor"])
    form = client.get(f"/issues/{issue_with_deadline.pk}/compose/").context["header_form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update({"section": "header", "issue_date": "2026-02-28", "submission_deadline": "2026-02-25T17:30"})
    client.post(f"/issues/{issue_with_deadline.pk}/compose/", data)
    issue_with_deadline.refresh_from_db()
    local = timezone.localtime(issue_with_deadline.submission_deadline)
    assert (local.month, local.day, local.hour, local.minute) == (2, 25, 17, 30)
    response = client.post(f"/issues/{issue_with_deadline.pk}/compose/", {**data, "version": issue_with_deadline.version, "submission_deadline": "下周五"})
    assert "截稿时间格式不正确" in response.content.decode()


def test_the_composer_links_to_the_deadline_report_once_a_deadline_is_set(desk, issue_with_deadline, client):
    client.force_login(desk["editor"])
    html = client.get(f"/issues/{issue_with_deadline.pk}/compose/").content.decode()
    assert f'href="/notifications/issues/{issue_with_deadline.pk}/deadline/"' in html
