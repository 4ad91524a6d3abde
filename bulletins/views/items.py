"""Item pages: a unit's own items, writing and editing, history, the editor's inbox and review.

Views parse input and call ``bulletins.actions`` (content) or
``bulletins.workflow`` (state); every object is fetched through
``roles.visible_items`` so a guessed URL to another unit's item is a 404.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .. import actions, held_uploads, idempotency, roles, workflow
from ..changes import item_changes
from ..diffing import diff_html, diff_stats, html_to_text
from ..docx_import import ImportFailed, docx_to_html
from ..drafts import service as drafts
from ..forms import InboxFilterForm, ItemForm, ItemImageFormSet, TransitionForm
from ..item_photos import save_photos
from ..models import Item, ItemRevision, ItemState, WorkflowLog
from .errors import choice, parse_id

REASON_ACTIONS = ("return", "decline")


def _visible_item(request, pk):
    return get_object_or_404(roles.visible_items(request.user).select_related("unit", "author", "issue"), pk=pk)


def _require_editor(user):
    if not roles.is_editor(user):
        raise PermissionDenied("只有编辑可以处理来稿。")


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def _home_for_item(user, item):
    if roles.is_editor(user):
        return reverse("item_review", args=[item.pk])
    return reverse("item_detail", args=[item.pk])


def attach_reasons(items):
    """Attach each item's latest return/decline log as ``reason_log`` (one query)."""
    items = list(items)
    logs = WorkflowLog.objects.filter(item__in=items, action__in=REASON_ACTIONS).select_related("actor").order_by(
        "item_id", "-created_at", "-id"
    )
    latest = {}
    for log in logs:
        latest.setdefault(log.item_id, log)
    for item in items:
        item.reason_log = latest.get(item.pk) if item.state in (ItemState.RETURNED, ItemState.DECLINED) else None
    return items


def _save_then(request, item, then, saved_message):
    """Report a save, then apply the transition chosen on the save button (报送 / 采用).

    One confirmation per click: “已报送” already says the text was kept, so the
    plain save message is shown only when no transition follows or it fails.
    """
    if then not in ("submit", "accept"):
        messages.success(request, saved_message)
        return
    try:
        workflow.apply_transition(item, then, request.user)
    except workflow.WorkflowError as error:
        messages.error(request, f"{saved_message}但未能{workflow.ITEM_TRANSITIONS[then].label}：{error}")
    else:
        messages.success(request, workflow.ITEM_TRANSITIONS[then].confirmation)


FORM_INVALID = "稿件尚未保存：请按红字提示修改后再保存。"


def _restored(request, draft):
    """The autosaved copy's text as the form's initial values, when the user asked to restore it."""
    if draft is not None and request.GET.get("restore") == "draft":
        return dict(draft.data)
    return None


def _draft_context(draft, restored):
    return {
        "draft": draft, "draft_restored": restored is not None,
        "autosave_seconds": settings.NEWSROOM_AUTOSAVE_SECONDS,
    }


def _already_submitted(request, repeat, fallback):
    """A double-click or a retry of a form that was already carried out: show its result."""
    messages.info(request, "这份表单刚才已经提交并处理过，没有重复保存。")
    return redirect(repeat.url or fallback)


def _replacing_their_version(request):
    """The conflict page's 以我的版本保存: the other person's text is kept as a revision first."""
    return request.POST.get("replace_theirs") == "1"


def _conflict_response(request, form, conflict, template_context=None):
    """Show the other person's change next to the user's own text, which stays in the form."""
    current = conflict.current
    data = request.POST.copy()
    data["version"] = str(current.version)
    # A separate copy: validating a ModelForm writes the user's text onto its instance.
    retry_form = ItemForm(data, instance=Item.objects.get(pk=current.pk), user=request.user)
    retry_form.is_valid()
    mine = form.cleaned_data.get("body", "")
    last_change = current.revisions.order_by("-created_at", "-id").first()
    context = {
        "item": current,
        "form": retry_form,
        "my_title": form.cleaned_data.get("title", ""),
        "my_body_text": html_to_text(mine),
        "their_diff": diff_html(mine, current.body),
        "last_change": last_change,
        "message": str(conflict),
        "form_token": idempotency.token_for(request),
        "held": held_uploads.restore_token(request, current, held_uploads.hold(request, current)),
        **(template_context or {}),
    }
    return render(request, "bulletins/item_conflict.html", context, status=409)


# ---------------------------------------------------------------- a unit's items


@login_required
def item_list(request):
    """My items: a contributor's units' items, an editor's own; filterable by state."""
    user = request.user
    items = roles.visible_items(user).select_related("unit", "issue__publication")
    if roles.is_desk_member(user) or not roles.is_contributor(user):
        items = items.filter(author=user)
    counts = dict(items.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    state = choice(request.GET.get("state", ""), ItemState.values, "稿件状态")
    if state:
        items = items.filter(state=state)
    page = Paginator(items.order_by("-updated_at", "-id"), 30).get_page(request.GET.get("page"))
    page.object_list = attach_reasons(page.object_list)
    tabs = [(value, label, counts.get(value, 0)) for value, label in ItemState.choices]
    return render(request, "bulletins/item_list.html", {
        "page": page, "tabs": tabs, "state": state, "total": sum(counts.values()),
        "state_label": ItemState(state).label if state else "",
    })


@login_required
def item_create(request):
    user = request.user
    if not roles.can_create_item(user):
        raise PermissionDenied("您没有权限撰写稿件。")
    draft = drafts.offered(user) if request.method == "GET" else None
    initial = _restored(request, draft)
    form = ItemForm(request.POST or None, request.FILES or None, user=user, initial=initial)
    photos = ItemImageFormSet(request.POST or None, request.FILES or None, instance=Item(), prefix="photos")
    if request.method == "POST" and form.is_valid() and photos.is_valid():
        then = request.POST.get("then")
        try:
            # The item, its photos and the submission (报送) are one transaction:
            # an error leaves no stray draft behind, and a retry makes no duplicate.
            with transaction.atomic():
                claimed = idempotency.claim(request)
                item = actions.create_item(user, form.cleaned_data["unit"], **form.content())
                save_photos(item, user, photos)
                _save_then(request, item, then, "稿件已保存为草稿。")
                target = _home_for_item(user, item) if then else reverse("item_edit", args=[item.pk])
                idempotency.fulfil(claimed, target)
        except idempotency.AlreadySubmitted as repeat:
            return _already_submitted(request, repeat, reverse("item_list"))
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        else:
            drafts.discard(user)
            return redirect(target)
    elif request.method == "POST":
        messages.error(request, FORM_INVALID)
    return render(request, "bulletins/item_form.html", {
        "form": form, "photos": photos, "item": None, "form_token": idempotency.token_for(request),
        **_draft_context(draft, initial),
    })


@login_required
def item_edit(request, pk):
    user = request.user
    item = _visible_item(request, pk)
    if not roles.can_edit_item(user, item):
        messages.error(request, "这篇稿件当前不能修改（已报送的稿件请先撤回；已刊发的稿件不能修改）。")
        return redirect("item_detail", pk=item.pk)
    # Photos and the original chosen before a save conflict are held until the user decides.
    held = held_uploads.restore(request, item) if request.method == "POST" else None
    if request.method == "POST" and request.POST.get("decision") == "theirs":
        held_uploads.release(request, held)
        drafts.discard(user, item)
        messages.info(request, "已放弃您的修改（含暂存的图片和附件），保留对方保存的版本。")
        return redirect("item_edit", pk=item.pk)
    data, files = held_uploads.merged(request, held) if request.method == "POST" else (None, None)
    draft = drafts.offered(user, item) if request.method == "GET" else None
    initial = _restored(request, draft)
    form = ItemForm(data, files or None, instance=item, user=user, initial=initial)
    # The conflict page posts the text without the photo rows; then photos are left as they are.
    photo_data = data if data is not None and "photos-TOTAL_FORMS" in data else None
    photos = ItemImageFormSet(photo_data, files or None, instance=item, prefix="photos")
    photos_ok = photos.is_valid() if photos.is_bound else True
    if request.method == "POST" and form.is_valid() and photos_ok:
        then = request.POST.get("then")
        try:
            with transaction.atomic():  # the text, the photos and the transition, or nothing
                claimed = idempotency.claim(request)
                saved = actions.save_item(
                    item, user, expected_version=form.cleaned_data.get("version"),
                    keep_previous=_replacing_their_version(request),
                    unit=form.cleaned_data["unit"], **form.content(),
                )
                if photos.is_bound:
                    save_photos(saved, user, photos)
                _save_then(request, saved, then, "稿件已保存。")
                target = _home_for_item(user, saved) if then else reverse("item_edit", args=[saved.pk])
                idempotency.fulfil(claimed, target)
        except idempotency.AlreadySubmitted as repeat:
            return _already_submitted(request, repeat, reverse("item_edit", args=[item.pk]))
        except actions.EditConflict as conflict:
            return _conflict_response(request, form, conflict)
        except workflow.WorkflowError as error:
            messages.error(request, str(error))
        else:
            held_uploads.release(request, held)
            drafts.discard(user, item)
            return redirect(target)
    elif request.method == "POST":
        messages.error(request, FORM_INVALID)
    return render(request, "bulletins/item_form.html", {
        "form": form, "photos": photos, "item": item, "form_token": idempotency.token_for(request),
        **_draft_context(draft, initial),
    })


@login_required
@require_POST
def item_import(request, pk):
    """从附件导入正文: the attached .docx replaces the body (the old body stays in the history)."""
    user = request.user
    item = _visible_item(request, pk)
    back = reverse("item_edit", args=[item.pk])
    if not item.original_file or not item.original_file.name.lower().endswith(".docx"):
        messages.error(request, "只有 .docx 格式的原稿附件可以导入正文。")
        return redirect(back)
    try:
        with item.original_file.open("rb") as fileobj:
            body = docx_to_html(fileobj)
        actions.save_item(item, user, expected_version=request.POST.get("version") or None, keep_previous=True, body=body)
    except ImportFailed as error:
        messages.error(request, str(error))
    except actions.EditConflict as conflict:
        messages.error(request, str(conflict))
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "已从附件导入正文，请核对后保存。")
    return redirect(back)


@login_required
def item_detail(request, pk):
    """The item as it stands, its photos, what may be done now, and its history."""
    user = request.user
    item = _visible_item(request, pk)
    return render(request, "bulletins/item_detail.html", {
        **_history_context(item),
        "item": item,
        "actions": workflow.available_actions(user, item),
        "can_edit": roles.can_edit_item(user, item),
        "reason_log": item.last_log(*REASON_ACTIONS) if item.state in (ItemState.RETURNED, ItemState.DECLINED) else None,
        **item_changes.for_unit(item),
    })


def _history_context(item):
    revisions = list(item.revisions.select_related("author").order_by("created_at", "id"))
    previous = None
    for revision in revisions:
        revision.diff = diff_html(previous.body, revision.body) if previous else None
        revision.title_changed = bool(previous and previous.title != revision.title)
        previous = revision
    logs = item.logs.select_related("actor").order_by("created_at", "id")
    return {"revisions": revisions, "logs": logs}


@login_required
@require_POST
def item_action(request, pk):
    """One workflow transition (action + comment), always through workflow.apply_transition."""
    user = request.user
    item = _visible_item(request, pk)
    form = TransitionForm(request.POST)
    fallback = _home_for_item(user, item)
    if not form.is_valid():
        messages.error(request, "请求不完整，请重试。")
        return redirect(fallback)
    action = form.cleaned_data["action"]
    try:
        item = workflow.apply_transition(item, action, user, form.cleaned_data["comment"])
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"《{item.title}》：{workflow.ITEM_TRANSITIONS[action].confirmation}")
    return redirect(_safe_next(request, fallback))


# ---------------------------------------------------------------- the editor's desk


@login_required
def inbox(request):
    """Items from every unit, filtered; submitted ones first by default."""
    _require_editor(request.user)
    data = request.GET if request.GET else {"state": ItemState.SUBMITTED}
    filters = InboxFilterForm(data)
    # A unit's drafts are its own until submitted; an editor sees only their own drafts here.
    items = Item.objects.select_related("unit", "author", "issue__publication").exclude(
        Q(state=ItemState.DRAFT) & ~Q(author=request.user)
    )
    if filters.is_valid():
        items = filters.filter(items)
    else:
        items = items.none()
    items = items.order_by("-submitted_at", "-id")
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    page.object_list = attach_reasons(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "bulletins/inbox.html", {
        "filters": filters, "page": page, "query": query.urlencode(),
        "here": request.get_full_path(), "form_token": idempotency.token_for(request),
    })


@login_required
@require_POST
def inbox_bulk_accept(request):
    """Accept the chosen items one by one; report each that could not be accepted and why."""
    user = request.user
    _require_editor(user)
    ids = [parse_id(v, "稿件编号") for v in request.POST.getlist("items")]
    back = _safe_next(request, reverse("inbox"))
    if not ids:
        messages.warning(request, "请先勾选要采用的稿件。")
        return redirect(back)
    accepted, failures = 0, []
    try:
        # One transaction: an item another editor has just taken is reported and
        # skipped, but an error leaves none of the batch half-accepted.
        with transaction.atomic():
            claimed = idempotency.claim(request)
            for item in Item.objects.filter(pk__in=ids).order_by("submitted_at", "id"):
                try:
                    workflow.apply_transition(item, "accept", user)
                    accepted += 1
                except workflow.WorkflowError as error:
                    failures.append(f"《{item.title}》：{error}")
            idempotency.fulfil(claimed, back)
    except idempotency.AlreadySubmitted as repeat:
        return _already_submitted(request, repeat, back)
    if accepted:
        messages.success(request, f"已采用 {accepted} 篇稿件，可以编入期刊。")
    for failure in failures:
        messages.error(request, f"未采用 {failure}")
    missing = len(ids) - accepted - len(failures)
    if missing:
        messages.error(request, f"有 {missing} 篇稿件不存在或已被删除。")
    return redirect(back)


@login_required
def item_review(request, pk):
    """The editor's page: edit the text, accept / return / decline, and see what changed against the unit's original."""
    user = request.user
    item = _visible_item(request, pk)
    _require_editor(user)
    can_edit = roles.can_edit_item(user, item)
    form = ItemForm(request.POST or None, instance=item, user=user) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            messages.error(request, "已刊发的稿件不能修改。")
            return redirect("item_review", pk=item.pk)
        if form.is_valid():
            try:
                content = form.content()
                content.pop("original_file", None)  # the review form has no file field
                actions.save_item(
                    item, user, expected_version=form.cleaned_data.get("version"),
                    keep_previous=_replacing_their_version(request),
                    unit=form.cleaned_data["unit"], **content,
                )
            except actions.EditConflict as conflict:
                return _conflict_response(request, form, conflict, {"review": True})
            except workflow.WorkflowError as error:
                messages.error(request, str(error))
            else:
                _save_then(request, item, request.POST.get("then"), "修改已保存，已记入修订历史。")
                return redirect("item_review", pk=item.pk)
        else:
            messages.error(request, FORM_INVALID)
    # The unit's original is what it last submitted: after a return and a
    # resubmission, the diff shows the editor's changes, not the unit's own.
    submissions = item.revisions.filter(reason=ItemRevision.Reason.SUBMIT).order_by("-created_at", "-id")
    original = submissions.first()
    context = {
        **_history_context(item),
        "item": item,
        "form": form,
        "actions": workflow.available_actions(user, item),
        "original": original,
        "submission_count": submissions.count(),
        "reason_log": item.last_log(*REASON_ACTIONS) if item.state in (ItemState.RETURNED, ItemState.DECLINED) else None,
        **item_changes.for_review(item),
    }
    if original:
        context["diff"] = diff_html(original.body, item.body)
        context["diff_stats"] = diff_stats(original.body, item.body)
        context["title_changed"] = original.title != item.title
    return render(request, "bulletins/item_review.html", context)
