"""Assessment pages: the office report and its exports, a unit's own view,
批示, 上报 and 约稿. Views parse input, ask ``roles`` and call ``records``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bulletins import roles
from bulletins.models import Item, ItemState, Unit

from . import charts, exports, records, table
from .forms import CommissionForm, FeedbackForm, ForwardingForm, InstructionForm, OutcomeForm
from .models import Commission, CommissionAnswer, Forwarding, Instruction, Report
from .periods import Period, PeriodError
from .scoring import build_report


def _require_office(user):
    if not (roles.is_desk_member(user) or roles.is_administrator(user)):
        raise PermissionDenied("只有区委办编辑和管理员可以查看全区考核情况。")


def _require_editor(user, what):
    if not roles.is_editor(user):
        raise PermissionDenied(f"只有编辑可以{what}。")


def _int(value):
    """A posted or queried id as an int, or 0 when it is not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _period(request, default=None):
    text = request.GET.get("period") or request.POST.get("period")
    if not text:
        return default or Period("year", timezone.localdate().year)
    try:
        return Period.parse(text)
    except PeriodError as error:
        # Said on the page, which then shows the default period.
        messages.error(request, str(error))
        return default or Period("year", timezone.localdate().year)


def _filters(request):
    category = request.GET.get("category", "")
    if category not in Unit.Category.values:
        category = ""
    direction = request.GET.get("dir")
    return {
        "sort": request.GET.get("sort", ""),
        "descending": None if direction not in ("asc", "desc") else direction == "desc",
        "category": category,
        "zero_only": request.GET.get("zero") == "1",
    }


def _period_choices(period):
    year = period.year
    return {
        "year": Period("year", year),
        "quarters": [Period("quarter", year, q) for q in range(1, 5)],
        "months": [Period("month", year, m) for m in range(1, 13)],
        "previous_year": Period("year", year - 1),
        "next_year": Period("year", year + 1),
    }


# ------------------------------------------------------------------ office report


@login_required
def office_report(request):
    user = request.user
    _require_office(user)
    period = _period(request)
    report = build_report(period)
    filters = _filters(request)
    lines = table.sorted_lines(report, **filters)
    cols = table.columns(report)
    body = [{"line": line, "cells": [(c, table.display(c, c.value(line))) for c in cols]} for line in lines]
    total = [(c, "" if v is None else table.display(c, v)) for c, v in zip(cols, table.total_row(report))]
    groups = []
    for c in cols:
        if groups and groups[-1][0] == c.group:
            groups[-1][1] += 1
        else:
            groups.append([c.group, 1])
    today = timezone.localdate()
    return render(request, "assessment/office.html", {
        "report": report,
        "period": period,
        "choices": _period_choices(period),
        "columns": cols,
        "groups": groups,
        "body": body,
        "total": total,
        "filters": filters,
        "categories": Unit.Category.choices,
        "ranking_charts": [(label, charts.ranking_bars(ls)) for label, ls in report.by_category()],
        "trend_chart": charts.trend_line(report.months),
        "can_issue": roles.is_editor(user) and period.kind == "month" and report.issued is None and period.end <= today,
        "query": request.GET.urlencode(),
        "issued_reports": Report.objects.filter(month__year=period.year).defer("figures").order_by("month"),
    })


@login_required
def office_export(request, fmt):
    _require_office(request.user)
    period = _period(request)
    report = build_report(period)
    lines = table.sorted_lines(report, **_filters(request))
    name = f"xinxi-kaohe-{period.key}"
    if fmt == "xlsx":
        response = HttpResponse(exports.xlsx_bytes(report, lines),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    elif fmt == "csv":
        response = HttpResponse(exports.csv_bytes(report, lines), content_type="text/csv; charset=utf-8")
    elif fmt == "pdf":
        if report.issued and report.issued.pdf:
            return _stored_pdf(report.issued)
        from .summary import summary_text
        from .typeset import render_report_pdf

        pdf = render_report_pdf(report, number=None, summary=summary_text(report), issued_on=timezone.localdate())
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
        return response
    else:
        raise Http404("没有这种导出格式。")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@require_POST
def report_issue(request):
    user = request.user
    _require_editor(user, "印发通报")
    period = _period(request)
    try:
        report = records.issue_report(period, user, published_to_units=request.POST.get("publish") == "1")
    except records.RecordError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{report}（第{report.number}期）已印发，数据已冻结。")
    return redirect(f"{reverse('assessment:office')}?period={period.key}")


def _stored_pdf(report):
    response = HttpResponse(report.pdf.open("rb").read(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="tongbao-{report.month:%Y-%m}.pdf"'
    return response


@login_required
def report_pdf(request, pk):
    user = request.user
    report = get_object_or_404(Report, pk=pk)
    office = roles.is_desk_member(user) or roles.is_administrator(user)
    if not office and not (report.published_to_units and roles.is_contributor(user)):
        raise PermissionDenied("这期通报没有向各单位公布。")
    if not report.pdf:
        raise Http404("这期通报没有PDF。")
    return _stored_pdf(report)


# ------------------------------------------------------------------ a unit's own view


def _units_for(user):
    if roles.is_desk_member(user) or roles.is_administrator(user):
        return Unit.objects.filter(active=True)
    if roles.is_contributor(user):
        return Unit.objects.filter(pk__in=roles.user_unit_ids(user))
    return Unit.objects.none()


@login_required
def unit_report(request):
    user = request.user
    units = list(_units_for(user))
    if not units:
        raise PermissionDenied("您不属于任何来稿单位。")
    wanted = request.GET.get("unit")
    unit = next((u for u in units if str(u.pk) == wanted), units[0]) if wanted else units[0]
    if wanted and str(unit.pk) != wanted:
        raise PermissionDenied("只能查看本单位的考核情况。")
    period = _period(request)
    report = build_report(period)
    line = report.line_for(unit)
    year = report if period.kind == "year" else build_report(Period("year", period.year))
    year_line = year.line_for(unit)
    items = (
        Item.objects.filter(unit=unit)
        .exclude(state=ItemState.DRAFT)
        .filter(Q(submitted_at__gte=_aware(period.start), submitted_at__lt=_aware(period.end))
                | Q(issue__issue_date__gte=period.start, issue__issue_date__lt=period.end))
        .select_related("issue__publication", "kind")
        .prefetch_related("instructions__level", "forwardings__target", "forwardings__adopted_by")
        .order_by("-submitted_at", "-id")
    )
    cols = table.columns(report)
    office = roles.is_desk_member(user) or roles.is_administrator(user)
    return render(request, "assessment/unit.html", {
        "unit": unit,
        "units": units if len(units) > 1 else [],
        "nav_extra": f"&unit={unit.pk}",
        "period": period,
        "choices": _period_choices(period),
        "line": line,
        "cells": [(c, table.display(c, c.value(line))) for c in cols if c.key not in ("category", "unit")] if line else [],
        "year_line": year_line,
        "category_size": sum(1 for l in report.lines if l.unit.category == unit.category),
        "items": items,
        "open_commissions": open_commissions_for(unit),
        "reports": Report.objects.filter(**({} if office else {"published_to_units": True})).defer("figures").order_by("-month")[:12],
    })


def _aware(date):
    import datetime

    return timezone.make_aware(datetime.datetime(date.year, date.month, date.day))


def open_commissions_for(unit):
    today = timezone.localdate()
    open_ = Commission.objects.filter(deadline__gte=today).prefetch_related("target_units").order_by("deadline", "id")
    answered = set(CommissionAnswer.objects.filter(unit=unit, commission__deadline__gte=today).values_list("commission_id", flat=True))
    result = []
    for commission in open_:
        if commission.targets_unit(unit):
            commission.answered = commission.pk in answered
            result.append(commission)
    return result


# ------------------------------------------------------------------ 批示


def _adopted_item(pk):
    return get_object_or_404(Item.objects.select_related("unit"), pk=pk)


@login_required
def instruction_create(request, item_pk):
    user = request.user
    _require_editor(user, "登记领导批示")
    item = _adopted_item(item_pk)
    form = InstructionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            records.record_instruction(item, user, **form.cleaned_data)
        except records.RecordError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "领导批示已登记。")
            return redirect("item_review", item.pk)
    return render(request, "assessment/instruction_form.html", {"item": item, "form": form})


@login_required
@require_POST
def instruction_feedback(request, pk):
    user = request.user
    instruction = get_object_or_404(Instruction.objects.select_related("item"), pk=pk)
    if not roles.visible_items(user).filter(pk=instruction.item_id).exists():
        raise Http404
    form = FeedbackForm(request.POST)
    try:
        if not form.is_valid():
            raise records.RecordError("请填写落实情况。")
        records.submit_feedback(instruction, user, form.cleaned_data["text"])
    except records.RecordError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "落实反馈已提交。")
    return redirect("item_detail", instruction.item_id)


# ------------------------------------------------------------------ 上报


@login_required
def forward_create(request, item_pk):
    user = request.user
    _require_editor(user, "上报稿件")
    item = _adopted_item(item_pk)
    form = ForwardingForm(request.POST or None, initial={"forwarded_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            records.forward_item(item, user, **form.cleaned_data)
        except records.RecordError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已登记上报{form.cleaned_data['target']}。")
            return redirect("item_review", item.pk)
    return render(request, "assessment/forward_form.html", {"item": item, "form": form})


@login_required
def forwarding_list(request):
    _require_editor(request.user, "管理上报")
    forwardings = Forwarding.objects.select_related("item__unit", "target", "adopted_by").order_by("-forwarded_on", "-id")
    outcome = request.GET.get("outcome")
    if outcome in Forwarding.Outcome.values:
        forwardings = forwardings.filter(outcome=outcome)
    return render(request, "assessment/forwarding_list.html", {
        "forwardings": forwardings[:200], "outcome": outcome, "outcomes": Forwarding.Outcome.choices,
        "form": OutcomeForm(),
    })


@login_required
@require_POST
def forwarding_outcome(request, pk):
    user = request.user
    _require_editor(user, "登记上报结果")
    forwarding = get_object_or_404(Forwarding, pk=pk)
    form = OutcomeForm(request.POST)
    try:
        if not form.is_valid():
            raise records.RecordError("；".join(e for errors in form.errors.values() for e in errors))
        records.record_outcome(forwarding, user, **form.cleaned_data)
    except records.RecordError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "上报结果已登记。")
    return redirect("assessment:forwarding_list")


@login_required
def forwarding_docx(request, pk):
    _require_editor(request.user, "导出上报稿件")
    forwarding = get_object_or_404(Forwarding.objects.select_related("item__unit", "target"), pk=pk)
    from .docx_export import forwarding_docx as build

    response = HttpResponse(build(forwarding),
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="shangbao-{forwarding.pk}.docx"'
    return response


# ------------------------------------------------------------------ 约稿


@login_required
def commission_list(request):
    user = request.user
    if roles.is_editor(user):
        commissions = list(Commission.objects.prefetch_related("target_units", "answers").order_by("-deadline", "-id")[:100])
        for commission in commissions:
            commission.status = commission_status(commission)
            commission.answered_count = sum(1 for row in commission.status if row["state"] in ("answered", "late"))
            commission.missed_count = sum(1 for row in commission.status if row["state"] == "missed")
        return render(request, "assessment/commission_list.html", {"commissions": commissions, "office": True})
    units = list(_units_for(user))
    if not units:
        raise PermissionDenied("您不属于任何来稿单位。")
    commissions = [c for c in Commission.objects.prefetch_related("target_units").order_by("-deadline", "-id")[:100]
                   if any(c.targets_unit(u) for u in units)]
    return render(request, "assessment/commission_list.html", {"commissions": commissions, "office": False})


@login_required
def commission_create(request):
    user = request.user
    _require_editor(user, "发出约稿")
    form = CommissionForm(request.POST or None, initial={"issued_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        units = data.pop("target_units", [])
        try:
            commission = records.create_commission(user, target_units=units, **data)
        except records.RecordError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "约稿通知已发出，各单位首页可以看到。")
            return redirect("assessment:commission_detail", commission.pk)
    return render(request, "assessment/commission_form.html", {"form": form})


def commission_status(commission, today=None):
    """Each target unit with its answer state: answered, late, declined, missed or open."""
    today = today or timezone.localdate()
    answers = {a.unit_id: a for a in commission.answers.all()}
    rows = []
    for unit in commission.target_queryset().order_by("order", "id"):
        answer = answers.get(unit.pk)
        if answer is None:
            state = ("missed", "未应约") if commission.deadline < today else ("open", "尚未应约")
        elif answer.declined:
            state = ("declined", "说明无法应约")
        elif answer.answered_on > commission.deadline:
            state = ("late", "逾期应约")
        else:
            state = ("answered", "按时应约")
        rows.append({"unit": unit, "answer": answer, "state": state[0], "label": state[1]})
    return rows


@login_required
def commission_detail(request, pk):
    user = request.user
    commission = get_object_or_404(Commission.objects.prefetch_related("target_units"), pk=pk)
    if roles.is_editor(user) or roles.is_desk_member(user):
        status = commission_status(commission)
        counts = {}
        for row in status:
            counts[row["state"]] = counts.get(row["state"], 0) + 1
        return render(request, "assessment/commission_detail.html", {
            "commission": commission, "status": status, "counts": counts, "office": True,
        })
    units = [u for u in _units_for(user) if commission.targets_unit(u)]
    if not units:
        raise Http404
    answers = {a.unit_id: a for a in CommissionAnswer.objects.filter(commission=commission, unit__in=units).select_related("item")}
    unit_rows = []
    for unit in units:
        candidates = Item.objects.filter(unit=unit).exclude(state=ItemState.DRAFT).order_by("-submitted_at", "-id")[:30]
        unit_rows.append({"unit": unit, "answer": answers.get(unit.pk), "items": candidates})
    return render(request, "assessment/commission_detail.html", {
        "commission": commission, "unit_rows": unit_rows, "office": False,
    })


@login_required
@require_POST
def commission_answer(request, pk):
    user = request.user
    commission = get_object_or_404(Commission.objects.prefetch_related("target_units"), pk=pk)
    unit = get_object_or_404(_units_for(user), pk=_int(request.POST.get("unit")))
    try:
        if request.POST.get("decline"):
            records.decline_commission(commission, user, unit, request.POST.get("reason", ""))
            messages.success(request, "已说明无法应约。")
        else:
            item = Item.objects.filter(pk=_int(request.POST.get("item")), unit=unit).first()
            if item is None:
                raise records.RecordError("请选择本单位的一篇稿件应约。")
            records.answer_commission(commission, user, unit, item)
            messages.success(request, f"已用《{item.title}》应约。")
    except records.RecordError as error:
        messages.error(request, str(error))
    return redirect("assessment:commission_detail", commission.pk)


@login_required
def commission_pdf(request, pk):
    user = request.user
    commission = get_object_or_404(Commission.objects.prefetch_related("target_units"), pk=pk)
    if not (roles.is_desk_member(user) or roles.is_administrator(user)
            or any(commission.targets_unit(u) for u in _units_for(user))):
        raise Http404
    from .typeset import render_commission_pdf

    response = HttpResponse(render_commission_pdf(commission), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="yuegao-{commission.pk}.pdf"'
    return response
