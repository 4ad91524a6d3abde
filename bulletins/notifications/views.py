"""Notification pages: the list, marking read, each user's settings, a deadline's report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import roles
from ..paging import paginate
from ..models import Issue
from . import deadlines
from .forms import PreferenceForm
from .models import Mode, Notification, Preference

PAGE_SIZE = 30


@login_required
@require_GET
def notification_list(request):
    """Unread first, newest first within each; each row links to its object."""
    rows = request.user.notifications.order_by(F("read_at").asc(nulls_first=True), "-created_at", "-id")
    page, query = paginate(request, rows, PAGE_SIZE)
    return render(request, "notifications/list.html", {"page": page, "query": query})


@login_required
@require_GET
def notification_open(request, pk):
    """Follow a notification's link, marking it read on the way."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect("notification_list")
    return redirect(target)


@login_required
@require_POST
def notification_read(request, pk):
    updated = Notification.objects.filter(pk=pk, recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if not updated and not Notification.objects.filter(pk=pk, recipient=request.user).exists():
        messages.error(request, "这条通知不存在或不属于您。")
    return redirect(_back(request))


@login_required
@require_POST
def notification_read_all(request):
    count = request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    messages.success(request, f"已将 {count} 条通知标为已读。" if count else "没有未读通知。")
    return redirect(_back(request))


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "notification_list"


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    form = PreferenceForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                for kind in form.kinds:
                    Preference.objects.update_or_create(
                        user=request.user, kind=kind.value, defaults={"mode": form.cleaned_data[kind.value]}
                    )
            messages.success(request, "通知设置已保存。")
            return redirect("notification_settings")
        messages.error(request, "通知设置未保存：请为每类通知选择一种接收方式。")
    return render(request, "notifications/settings.html", {
        "form": form, "has_email": bool(request.user.email), "modes": Mode,
    })


@login_required
@require_GET
def deadline_report(request, pk):
    """Which units have submitted for an issue's deadline, and which have not."""
    if not roles.is_desk_member(request.user):
        raise PermissionDenied("只有编辑可以查看截稿情况。")
    issue = get_object_or_404(Issue.objects.select_related("publication"), pk=pk)
    context = {"issue": issue}
    if issue.submission_deadline:
        context["submitted"], context["silent"] = deadlines.submission_report(issue)
        context["window_start"], context["window_end"] = deadlines.window(issue)
    return render(request, "notifications/deadline_report.html", context)
