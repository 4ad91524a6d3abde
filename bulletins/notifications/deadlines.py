"""截稿时间: reminders to the units before an issue's submission deadline, and
the editors' list of units that submitted nothing for it.

Run by the beat schedule (``check_deadlines``, every few minutes); each stage
is sent once per issue and deadline (a moved deadline is announced again).
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from ..models import Issue, IssueState, Item, Role, Unit
from . import events
from .models import DeadlineNotice, Kind


def reminder_lead():
    return timedelta(hours=settings.NEWSROOM_DEADLINE_REMINDER_HOURS)


def _when(moment):
    return date_format(timezone.localtime(moment), "n月j日 H:i")


def window(issue):
    """The submission period an issue's deadline closes: from the previous
    deadline of the same publication (or the issue's creation) to this one."""
    previous = (
        Issue.objects.filter(publication_id=issue.publication_id, submission_deadline__lt=issue.submission_deadline)
        .exclude(pk=issue.pk)
        .aggregate(m=Max("submission_deadline"))["m"]
    )
    start = previous or min(issue.created_at, issue.submission_deadline)
    return start, issue.submission_deadline


def submission_report(issue):
    """(submitted units, silent units) for the issue's deadline window, in unit order."""
    start, end = window(issue)
    units = list(Unit.objects.filter(active=True).order_by("order", "id"))
    submitted_ids = set(
        Item.objects.filter(submitted_at__gte=start, submitted_at__lte=end).values_list("unit_id", flat=True)
    )
    return [u for u in units if u.pk in submitted_ids], [u for u in units if u.pk not in submitted_ids]


def _claim(issue, stage):
    """True once per (issue, stage, deadline): the row is the marker."""
    try:
        with transaction.atomic():
            DeadlineNotice.objects.create(issue=issue, stage=stage, deadline=issue.submission_deadline)
    except IntegrityError:
        return False
    return True


def run_checks(now=None):
    now = now or timezone.now()
    sent = 0
    open_issues = Issue.objects.filter(state=IssueState.DRAFTING, submission_deadline__isnull=False).select_related(
        "publication"
    )
    for issue in open_issues.filter(submission_deadline__gt=now, submission_deadline__lte=now + reminder_lead()):
        with transaction.atomic():
            if _claim(issue, DeadlineNotice.Stage.REMINDER):
                _remind_units(issue)
                sent += 1
    for issue in open_issues.filter(submission_deadline__lte=now):
        with transaction.atomic():
            if _claim(issue, DeadlineNotice.Stage.MISSING):
                _report_silent_units(issue)
                sent += 1
    return sent


def _remind_units(issue):
    contributors = events.active_users().filter(
        groups__name=Role.CONTRIBUTOR, units__active=True
    ).distinct()
    events.notify(
        contributors, Kind.DEADLINE_REMINDER, f"截稿提醒：{issue}将于{_when(issue.submission_deadline)}截稿",
        issue=None, url=reverse("item_create"),
        body=f"{issue.publication.name}本期截稿时间为{_when(issue.submission_deadline)}，请及时报送稿件。",
    )


def _report_silent_units(issue):
    _, silent = submission_report(issue)
    names = "、".join(u.short_name for u in silent) or "无（各单位均已报送）"
    events.notify(
        events.editors(), Kind.DEADLINE_MISSING, f"{issue}已截稿：{len(silent)}个单位未报送",
        issue=issue, url=reverse("deadline_report", args=[issue.pk]),
        body=f"截稿时间{_when(issue.submission_deadline)}。未报送的单位：{names}",
    )
