"""Each role's home: what waits for this user, with counts and short lists."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from .. import roles
from ..models import Issue, IssueState, Item, ItemState, WorkflowLog
from .issues import attach_signoff_returns
from .items import attach_reasons

LIST_LENGTH = 8


def _contributor_panel(user):
    items = roles.visible_items(user).select_related("unit")
    counts = dict(items.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    returned = attach_reasons(items.filter(state=ItemState.RETURNED).order_by("-updated_at")[:LIST_LENGTH])
    drafts = items.filter(state=ItemState.DRAFT).order_by("-updated_at")[:LIST_LENGTH]
    recent = attach_reasons(items.exclude(state=ItemState.DRAFT).order_by("-updated_at")[:LIST_LENGTH])
    return {
        "states": [(value, label, counts.get(value, 0)) for value, label in ItemState.choices],
        "returned": returned,
        "drafts": drafts,
        "recent": recent,
    }


def _editor_panel(user):
    submitted = Item.objects.filter(state=ItemState.SUBMITTED).select_related("unit")
    unplaced = Item.objects.filter(state=ItemState.ACCEPTED, issue__isnull=True).select_related("unit")
    drafting = Issue.objects.filter(state=IssueState.DRAFTING).select_related("publication")
    return {
        "submitted_count": submitted.count(),
        "submitted": submitted.order_by("submitted_at", "id")[:LIST_LENGTH],
        "unplaced_count": unplaced.count(),
        "unplaced": unplaced.order_by("-updated_at")[:LIST_LENGTH],
        "drafting_count": drafting.count(),
        "drafting": attach_signoff_returns(drafting.order_by("-year", "-number")[:LIST_LENGTH]),
    }


def _signoff_panel(user):
    waiting = Issue.objects.filter(state=IssueState.IN_REVIEW).select_related("publication").order_by("issue_date", "id")
    mine = set(waiting.filter(editor_links__user=user).values_list("id", flat=True))
    issues = list(waiting[:LIST_LENGTH])
    for issue in issues:
        issue.assigned_to_me = issue.pk in mine
    return {"count": waiting.count(), "issues": issues, "mine_count": len(mine), "reopened": _reopened_for(user)}


def _reopened_for(user):
    """This responsible editor's issues that went back to 编排中 because their
    content changed after 送签 (what they were shown is no longer what would print)."""
    issues = list(
        Issue.objects.filter(state=IssueState.DRAFTING, editor_links__user=user).select_related("publication")
        .order_by("-year", "-number")[:LIST_LENGTH]
    )
    latest = {}
    for log in WorkflowLog.objects.filter(issue__in=issues).select_related("actor").order_by("issue_id", "-created_at", "-id"):
        latest.setdefault(log.issue_id, log)
    result = []
    for issue in issues:
        log = latest.get(issue.pk)
        if log is not None and log.action == "reopen":
            issue.reopen_log = log
            result.append(issue)
    return result


@login_required
def home(request):
    user = request.user
    context = {"has_role": any((
        roles.is_contributor(user), roles.is_desk_member(user), roles.is_administrator(user),
    ))}
    if roles.is_contributor(user):
        context["contributor"] = _contributor_panel(user)
    if roles.is_editor(user):
        context["editor"] = _editor_panel(user)
    if roles.is_responsible_editor(user):
        context["signoff"] = _signoff_panel(user)
    return render(request, "bulletins/home.html", context)
