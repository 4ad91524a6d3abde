"""Issues: list, composer, sign-off, publish, archive, reading edition, PDFs and render jobs.

Thin views: they parse input, call ``bulletins.actions`` / ``bulletins.workflow``
/ ``bulletins.rendering`` and render. Every refusal becomes a Chinese message.
"""

import datetime
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import actions, idempotency, rendering, roles, workflow
from ..changes.looks import since_last_look
from ..paging import paginate
from ..forms_issues import (
    ArrangementError,
    IssueCreateForm,
    IssueHeaderForm,
    apply_operation,
    check_items_exist,
    parse_arrangement,
    parse_pages,
    parse_version,
    placements,
    span_choices,
)
from ..models import Issue, IssueState, Item, ItemState, Publication, RecipientGroup, RenderJob, Unit, WorkflowLog
from ..printed_content import (
    describe_changes,
    describe_issue,
    file_sha256,
    fingerprint,
    for_reading,
    issue_fingerprint,
    published_description,
    short_fingerprint,
)
from ..templatetags.people import person

ISSUES_PER_PAGE = 30
POOL_PER_PAGE = 20
SIGNED_PER_PAGE = 20

SENT_BACK_NOTICE = "本期已送签；内容修改后已退回“编排中”，责任编辑此前看到的内容已失效，请核对后重新送签。"


# ---------------------------------------------------------------- access


def _require_desk(user):
    """Editors and responsible editors work on issues; administrators may look."""
    if not (roles.is_desk_member(user) or roles.is_administrator(user)):
        raise PermissionDenied("只有编辑和责任编辑可以查看期刊编排。")


def _require_editor(user):
    if not roles.is_editor(user):
        raise PermissionDenied("只有编辑可以编排期刊。")


def _may_read_published(user):
    return user.is_authenticated and (
        roles.is_desk_member(user) or roles.is_administrator(user) or roles.is_contributor(user)
    )


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "") or request.headers.get("X-Requested-With") == "fetch"


def attach_signoff_returns(issues):
    """Attach ``returned_log`` to each issue being composed again after a 责任编辑 sent it
    back: the editor must see the comment before anything else (one query)."""
    issues = list(issues)
    logs = WorkflowLog.objects.filter(issue__in=issues).select_related("actor").order_by("issue_id", "-created_at", "-id")
    latest = {}
    for log in logs:
        latest.setdefault(log.issue_id, log)
    for issue in issues:
        log = latest.get(issue.pk)
        issue.returned_log = log if issue.state == IssueState.DRAFTING and log and log.action == "reject" else None
    return issues


# ---------------------------------------------------------------- list and create


@login_required
@require_GET
def issue_list(request):
    _require_desk(request.user)
    publications = list(Publication.objects.all())
    issues = Issue.objects.select_related("publication").order_by("publication_id", "-year", "-number")
    selected = request.GET.get("publication") or ""
    if selected:
        issues = issues.filter(publication__slug=selected)
    state = request.GET.get("state") or ""
    if state in IssueState.values:
        issues = issues.filter(state=state)
    else:
        state = ""
    page, query = paginate(request, issues, ISSUES_PER_PAGE)
    groups = []
    for publication_id, rows in groupby(page.object_list, key=lambda i: i.publication_id):
        rows = list(rows)
        groups.append((rows[0].publication, rows))
    return render(request, "bulletins/issue_list.html", {
        "publications": publications, "groups": groups, "selected": selected, "state": state,
        "states": IssueState.choices, "page": page, "query": query,
    })


def _next_numbers(publications, year):
    return [(p, *actions.next_numbers(p, year)) for p in publications]


@login_required
@require_http_methods(["GET", "POST"])
def issue_create(request):
    _require_editor(request.user)
    publications = list(Publication.objects.all())
    if request.method == "POST":
        form = IssueCreateForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():  # a double-click makes one issue, not two
                    claimed = idempotency.claim(request)
                    issue = actions.create_issue(
                        form.cleaned_data["publication"], request.user, issue_date=form.cleaned_data["issue_date"]
                    )
                    idempotency.fulfil(claimed, reverse("issue_compose", args=[issue.pk]))
            except idempotency.AlreadySubmitted as repeat:
                messages.info(request, "这份表单刚才已经提交并处理过，没有重复新建。")
                return redirect(repeat.url or "issue_list")
            except workflow.WorkflowError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, f"已新建{issue}（总第{issue.total_number}期），请继续编排。")
                return redirect("issue_compose", pk=issue.pk)
    else:
        initial = {}
        slug = request.GET.get("publication")
        if slug:
            initial["publication"] = Publication.objects.filter(slug=slug).first()
        form = IssueCreateForm(initial=initial)
    year = datetime.date.today().year
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["issue_date"].year
    return render(request, "bulletins/issue_create.html", {
        "form": form, "upcoming": _next_numbers(publications, year), "year": year,
        "no_publications": not publications, "form_token": idempotency.token_for(request),
    })


# ---------------------------------------------------------------- composer


def _pool(request):
    """The accepted items not yet in any issue, filtered by the pool's own search
    box (title or unit) and unit, a page at a time."""
    pool = Item.objects.filter(state=ItemState.ACCEPTED, issue__isnull=True).select_related("unit")
    text = request.GET.get("pool_q", "").strip()
    if text:
        pool = pool.filter(Q(title__icontains=text) | Q(attribution__icontains=text) | Q(unit__short_name__icontains=text))
    unit = request.GET.get("pool_unit", "")
    if unit.isdigit():
        pool = pool.filter(unit_id=int(unit))
    page, query = paginate(request, pool.order_by("-submitted_at", "-id"), POOL_PER_PAGE, param="pool_page")
    return {"pool": page.object_list, "pool_page": page, "pool_query": query, "pool_q": text, "pool_unit": unit,
            "pool_units": Unit.objects.filter(active=True)}


def _composer_context(request, issue, user, header_form=None):
    placed = list(issue.ordered_items().select_related("unit", "page", "jump_to_page"))
    pages = list(issue.pages.order_by("number"))
    page_groups = []
    if issue.publication.is_newspaper:
        for page in pages:
            page_groups.append((page, [i for i in placed if i.page_id == page.pk]))
        unpaged = [i for i in placed if i.page_id is None]
        if unpaged:
            page_groups.append((None, unpaged))
    return {
        "issue": issue,
        "header_form": header_form or IssueHeaderForm(issue=issue),
        "placed": placed,
        **_pool(request),
        "pages": pages,
        "page_groups": page_groups,
        "span_choices": span_choices(issue.publication),
        "recipient_groups": RecipientGroup.objects.all(),
        "can_edit": roles.is_editor(user) and not issue.is_frozen,
        "transitions": workflow.available_actions(user, issue),
        "job": rendering.current_job(issue),
        "logs": issue.logs.select_related("actor").order_by("created_at", "id"),
        "returned_log": attach_signoff_returns([issue])[0].returned_log,
        "fingerprint": issue_fingerprint(issue),
    }


@login_required
@require_http_methods(["GET", "POST"])
def issue_compose(request, pk):
    _require_editor(request.user)
    issue = get_object_or_404(Issue.objects.select_related("publication"), pk=pk)
    if request.method == "GET":
        return render(request, "bulletins/issue_compose.html", _composer_context(request, issue, request.user))
    if issue.is_frozen:
        messages.error(request, "本期已印发，内容已冻结，不能修改。")
        return redirect("issue_compose", pk=issue.pk)
    section = request.POST.get("section")
    handler = {"header": _save_header, "items": _save_items, "pages": _save_pages}.get(section)
    if handler is None:
        messages.error(request, "未知的操作，请刷新页面后重试。")
        return redirect("issue_compose", pk=issue.pk)
    state_before = issue.state
    try:
        response = handler(request, issue)
    except actions.EditConflict as conflict:
        return _conflict_page(request, issue, conflict.current, section)
    except (workflow.WorkflowError, ArrangementError) as exc:
        messages.error(request, str(exc))
        return redirect(reverse("issue_compose", args=[issue.pk]) + f"#{section}")
    if response is not None and not isinstance(response, str):
        return response
    issue.refresh_from_db()
    if state_before in (IssueState.IN_REVIEW, IssueState.APPROVED) and issue.state == IssueState.DRAFTING:
        messages.warning(request, SENT_BACK_NOTICE)
    # A handler may name the element to come back to (the item just moved).
    return redirect(reverse("issue_compose", args=[issue.pk]) + f"#{response or section}")


def _save_header(request, issue):
    form = IssueHeaderForm(request.POST, issue=issue)
    if not form.is_valid():
        context = _composer_context(request, issue, request.user, header_form=form)
        messages.error(request, "刊头信息有误，请按提示修改后再保存。")
        return render(request, "bulletins/issue_compose.html", context, status=400)
    actions.update_issue(issue, request.user, **form.action_kwargs())
    messages.success(request, "刊头、责任编辑和发送范围已保存。")
    return None


def _save_items(request, issue):
    version = parse_version(request.POST)
    rows = parse_arrangement(request.POST, issue)
    op = request.POST.get("op") or "save"
    rows = apply_operation(rows, op, issue, request.POST)
    check_items_exist(rows)
    actions.set_issue_items(issue, request.user, placements(rows), expected_version=version)
    verb, _, moved = op.partition(":")
    messages.success(request, {
        "add": "稿件已编入本期。", "remove": "稿件已移出本期，回到待编稿件。",
        "up": "已上移。", "down": "已下移。",
    }.get(verb, "编排已保存。"))
    # After ↑ ↓ or 编入 the page comes back at that item (a keyboard user keeps their place).
    return f"placed-{moved}" if verb in ("add", "up", "down") else None


def _save_pages(request, issue):
    if not issue.publication.is_newspaper:
        raise ArrangementError("简报没有版面。")
    version = parse_version(request.POST)
    actions.set_issue_pages(issue, request.user, parse_pages(request.POST), expected_version=version)
    messages.success(request, "版面已保存。")
    return None


# ---------------------------------------------------------------- conflicts


def _chinese_date(day):
    return date_format(day, "Y年n月j日") if day else ""


def _header_summary(issue):
    lines = dict(issue.distribution_lines())
    return [
        ("出刊日期", _chinese_date(issue.issue_date)),
        ("总标题", issue.series_title),
        ("编者按", issue.editor_note),
        ("印数", issue.print_run or ""),
        ("责任编辑", "、".join(person(u) for u in issue.ordered_editors())),
        *[(f"{label}：", "、".join(lines.get(label, []))) for label in ("报", "送", "发", "抄送")],
    ]


def _posted_header_summary(request, issue):
    form = IssueHeaderForm(request.POST, issue=issue)
    form.is_valid()
    data = form.cleaned_data
    dist = data.get("distribution", {})
    return [
        ("出刊日期", _chinese_date(data["issue_date"]) if data.get("issue_date") else request.POST.get("issue_date", "")),
        ("总标题", data.get("series_title", request.POST.get("series_title", ""))),
        ("编者按", data.get("editor_note", request.POST.get("editor_note", ""))),
        ("印数", data.get("print_run") or ""),
        ("责任编辑", "、".join(person(u) for u in data.get("editors", []))),
        *[(f"{label}：", "、".join(g.name for g in dist.get(kind, []))) for kind, label in
          (("report", "报"), ("send", "送"), ("issue", "发"), ("copy", "抄送"))],
    ]


def _items_summary(issue):
    return [_item_line(i) for i in issue.ordered_items().select_related("page")]


def _item_line(item, page_label=None, is_lead=None):
    lead = item.is_lead if is_lead is None else is_lead
    page = page_label if page_label is not None else (item.page.label if item.page_id else "")
    return f"{page + ' ' if page else ''}《{item.title}》{'（头条）' if lead else ''}"


def _posted_items_summary(request, issue):
    try:
        rows = parse_arrangement(request.POST, issue)
        rows = apply_operation(rows, request.POST.get("op") or "save", issue, request.POST)
    except ArrangementError as exc:
        return [str(exc)]
    items = Item.objects.in_bulk([r["item"] for r in rows])
    labels = {p.number: p.label for p in issue.pages.all()}
    return [
        _item_line(items[r["item"]], labels.get(r["page"], ""), r["is_lead"]) for r in rows if r["item"] in items
    ]


def _pages_summary(issue):
    return [f"{p.label} {p.name} {p.slogan}".strip() for p in issue.pages.order_by("number")]


def _posted_pages_summary(request):
    try:
        return [f"第{n}版 {name} {slogan}".strip() for n, name, slogan in parse_pages(request.POST)]
    except ArrangementError as exc:
        return [str(exc)]


def _conflict_page(request, issue, current, section):
    current = Issue.objects.select_related("publication").get(pk=current.pk)
    if section == "header":
        theirs, mine = _header_summary(current), _posted_header_summary(request, current)
        rows = [(label, t, m, str(t) != str(m)) for (label, t), (_, m) in zip(theirs, mine)]
        context = {"header_rows": rows}
    elif section == "items":
        context = {"theirs": _items_summary(current), "mine": _posted_items_summary(request, current)}
    else:
        context = {"theirs": _pages_summary(current), "mine": _posted_pages_summary(request)}
    resubmit = [
        (key, value)
        for key, values in request.POST.lists()
        if key not in ("csrfmiddlewaretoken", "version")
        for value in values
    ]
    last_change = current.logs.select_related("actor").first()
    context.update(
        issue=current, section=section, resubmit=resubmit, current_version=current.version,
        section_label={"header": "刊头与发送范围", "items": "稿件编排", "pages": "版面"}[section],
        last_change=last_change, frozen=current.is_frozen,
    )
    return render(request, "bulletins/issue_conflict.html", context, status=409)


# ---------------------------------------------------------------- transitions


def _seen_pdf_sha256(issue, job_id):
    """SHA-256 of the preview PDF the signer had beside the text (if it shows the current content)."""
    job = RenderJob.objects.filter(pk=job_id, issue=issue).first() if str(job_id or "").isdigit() else None
    if job is None or not rendering.has_pdf(job) or job.content_hash != rendering.content_hash(issue):
        return ""
    return file_sha256(job.pdf)


@login_required
@require_POST
def issue_action(request, pk):
    _require_desk(request.user)
    issue = get_object_or_404(Issue, pk=pk)
    action = request.POST.get("action", "")
    # Editors go back to the composer after their own steps; everyone else to the sign-off page.
    back_to_composer = roles.is_editor(request.user) and action not in ("approve", "reject", "publish")
    fallback = reverse("issue_compose" if back_to_composer else "issue_review", args=[pk])
    transition = workflow.ISSUE_TRANSITIONS.get(action)
    binds = transition is not None and transition.binds_content
    try:
        workflow.apply_transition(
            issue, action, request.user, request.POST.get("comment", ""),
            fingerprint=request.POST.get("fingerprint", "") if binds else None,
            pdf_sha256=_seen_pdf_sha256(issue, request.POST.get("job")) if action == "approve" else "",
        )
    except workflow.StaleContent as stale:
        messages.error(request, str(stale))
        return redirect(reverse("issue_review", args=[pk]) + f"?seen={stale.seen}#stale-changes")
    except workflow.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        issue.refresh_from_db()
        if action == "approve" and issue.state == IssueState.IN_REVIEW:
            _, _, pending, _ = workflow.required_signers(issue)
            messages.success(request, f"您已签发。本期还需{'、'.join(person(u) for u in pending)}签发。")
        else:
            messages.success(request, transition.confirmation or f"已{transition.label}。")
    return redirect(_safe_next(request, fallback))


def _signers(issue):
    listed, signed, pending, rule = workflow.required_signers(issue)
    return {
        "listed": [person(u) for u in listed], "signed": [person(u) for u in signed],
        "pending": [person(u) for u in pending], "rule_label": issue.publication.get_signoff_rule_display(),
        "all_required": rule == issue.publication.SignoffRule.ALL,
    }


# ---------------------------------------------------------------- sign-off


@login_required
@require_GET
def signoff_queue(request):
    _require_desk(request.user)
    base = Issue.objects.select_related("publication").prefetch_related("editor_links__user")
    waiting = list(base.filter(state=IssueState.IN_REVIEW).order_by("issue_date", "id"))
    for issue in waiting:
        issue.mine = any(link.user_id == request.user.pk for link in issue.editor_links.all())
        issue.signers = _signers(issue)
    waiting.sort(key=lambda i: (not i.mine, i.issue_date, i.pk))
    approved, query = paginate(request, base.filter(state=IssueState.APPROVED).order_by("issue_date", "id"), SIGNED_PER_PAGE)
    return render(request, "bulletins/signoff_queue.html", {
        "waiting": waiting, "approved": approved.object_list, "page": approved, "query": query,
    })


def _reading_context(issue, description):
    return {"issue": issue, "doc": for_reading(description)}


@login_required
@require_GET
def issue_review(request, pk):
    _require_desk(request.user)
    issue = get_object_or_404(Issue.objects.select_related("publication"), pk=pk)
    # The page shows exactly the description it fingerprints (published: the snapshot).
    description = published_description(issue) if issue.is_frozen else describe_issue(issue)
    current = fingerprint(description)
    context = _reading_context(issue, description)
    job = None
    if not issue.is_frozen:
        # The signer should find the PDF beside the text without asking for it;
        # identical content reuses the finished job.
        job = rendering.job_for_page(issue, request.user)
    # A refused 签发/印发 comes back here with the fingerprint its page had shown.
    stale_changes = None
    seen = request.GET.get("seen", "")
    if seen and seen != current:
        seen_revision = issue.revisions.filter(fingerprint=seen).order_by("-created_at", "-id").first()
        stale_changes = describe_changes(seen_revision.description, description) if seen_revision else ["内容有修改"]
    context.update(
        transitions=workflow.available_actions(request.user, issue),
        job=job,
        logs=issue.logs.select_related("actor").order_by("created_at", "id"),
        is_listed_editor=workflow.is_listed_editor(request.user, issue),
        changes=since_last_look(issue, request.user, since=request.GET.get("since")),
        fingerprint=current,
        short_fingerprint=short_fingerprint(current),
        signers=_signers(issue),
        stale_changes=stale_changes,
    )
    return render(request, "bulletins/issue_review.html", context)


# ---------------------------------------------------------------- archive and reading edition


@login_required
@require_GET
def archive(request):
    if not _may_read_published(request.user):
        raise PermissionDenied("您没有查阅往期的权限。")
    issues = Issue.objects.filter(state=IssueState.PUBLISHED).select_related("publication")
    publications = list(Publication.objects.filter(issues__state=IssueState.PUBLISHED).distinct())
    years = list(issues.order_by("-year").values_list("year", flat=True).distinct())
    selected = request.GET.get("publication") or ""
    if selected:
        issues = issues.filter(publication__slug=selected)
    year = request.GET.get("year") or ""
    if year.isdigit():
        issues = issues.filter(year=int(year))
    else:
        year = ""
    groups = []
    page, query = paginate(request, issues.order_by("publication_id", "-year", "-number"), ISSUES_PER_PAGE)
    for (publication_id, issue_year), rows in groupby(page.object_list, key=lambda i: (i.publication_id, i.year)):
        rows = list(rows)
        groups.append((rows[0].publication, issue_year, rows))
    return render(request, "bulletins/archive.html", {
        "groups": groups, "publications": publications, "years": years, "selected": selected, "year": year,
        "page": page, "query": query,
    })


@login_required
@require_GET
def issue_read(request, pk):
    if not _may_read_published(request.user):
        raise PermissionDenied("您没有查阅往期的权限。")
    issue = get_object_or_404(Issue.objects.select_related("publication"), pk=pk)
    if issue.state != IssueState.PUBLISHED:
        raise Http404("本期尚未印发。")
    return render(request, "bulletins/issue_read.html", _reading_context(issue, published_description(issue)))


# ---------------------------------------------------------------- PDFs


def _pdf_response(data_or_file, filename, download):
    disposition = "attachment" if download else "inline"
    if isinstance(data_or_file, bytes):
        response = HttpResponse(data_or_file, content_type="application/pdf")
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
        return response
    return FileResponse(data_or_file, content_type="application/pdf", as_attachment=download, filename=filename)


@login_required
@require_GET
def issue_pdf(request, pk):
    """The stored final PDF of a published issue; for an unpublished one, the current preview."""
    issue = get_object_or_404(Issue.objects.select_related("publication"), pk=pk)
    download = bool(request.GET.get("download"))
    filename = f"{issue.publication.slug}-{issue.year}-{issue.number:03d}.pdf"
    if issue.state == IssueState.PUBLISHED and issue.pdf:
        if not _may_read_published(request.user):
            raise PermissionDenied("您没有查阅往期的权限。")
        response = _pdf_response(issue.pdf.open("rb"), filename, download)
        response["X-Content-SHA256"] = issue.pdf_sha256
        return response
    _require_desk(request.user)
    job = rendering.current_job(issue)
    if job is not None and rendering.has_pdf(job):
        return _pdf_response(job.pdf.open("rb"), filename, download)
    try:
        pdf_bytes = rendering.render_issue_pdf(issue, final=rendering.is_final_render(issue))
    except rendering.RenderError as failure:  # past the render's limits: say which item
        messages.error(request, f"排版失败：{failure}。")
        return redirect(reverse("issue_compose", args=[pk]) + "#preview")
    return _pdf_response(pdf_bytes, filename, download)


# ---------------------------------------------------------------- render jobs


@login_required
@require_POST
def render_job_create(request, pk):
    _require_desk(request.user)
    issue = get_object_or_404(Issue, pk=pk)
    job, created = rendering.request_render(issue, request.user)
    if _wants_json(request):
        data = rendering.job_status(job)
        data["status_url"] = reverse("render_job_status", args=[job.pk])
        data["reused"] = not created
        return JsonResponse(data, status=202 if created else 200)
    if job.state == RenderJob.State.DONE:
        messages.success(request, "样稿PDF已生成（内容未变，直接使用上次的排版结果）。" if not created else "样稿PDF已生成。")
    elif job.state == RenderJob.State.FAILED:
        messages.error(request, job.error or "排版失败。")
    else:
        messages.info(request, "已提交排版，请稍候刷新查看进度。")
    return redirect(_safe_next(request, reverse("issue_compose", args=[pk])) + "#preview")


@login_required
@require_GET
def render_job_status(request, pk):
    _require_desk(request.user)
    job = get_object_or_404(RenderJob, pk=pk)
    stale = rendering.is_stale(job)
    if stale:
        job = rendering.revive(job)
    data = rendering.job_status(job)
    if stale:
        data["message"] = "排版任务长时间没有进展（可能是排版进程中断），已重新排队。"
    return JsonResponse(data)


@login_required
@require_GET
def render_job_download(request, pk):
    _require_desk(request.user)
    job = get_object_or_404(RenderJob.objects.select_related("issue__publication"), pk=pk)
    if not rendering.has_pdf(job):
        raise Http404("该排版任务还没有生成PDF。")
    issue = job.issue
    filename = f"{issue.publication.slug}-{issue.year}-{issue.number:03d}-样稿.pdf"
    return _pdf_response(job.pdf.open("rb"), filename, bool(request.GET.get("download")))
