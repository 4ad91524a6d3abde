"""Content changes: creating and saving items and issues, placing items in issues.

Each function is atomic and is the only way its change is made (views and
commands call these; they never save models themselves). State changes live in
``bulletins.workflow``.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max

from . import roles
from .models import (
    Issue,
    IssueDistribution,
    IssueEditor,
    IssueState,
    Item,
    ItemRevision,
    ItemState,
    Page,
    Publication,
    chinese_numeral,
)
from .sanitize import clean_html
from .templatetags.people import person
from .printed_content import describe_changes, describe_issue
from .workflow import PermissionDenied, WorkflowError, reopen_after_edit


class EditConflict(WorkflowError):
    """Someone else saved the object after this user opened it."""

    def __init__(self, current):
        self.current = current
        super().__init__("在您编辑期间，其他人已保存了修改。请对照对方的修改后再保存。")


ITEM_CONTENT_FIELDS = (
    "title", "body", "attribution", "attribution_mode", "kicker", "subhead", "dateline", "byline",
    "byline_position", "column_label", "short_headline", "kind",
)
ISSUE_CONTENT_FIELDS = ("issue_date", "series_title", "editor_note", "print_run", "submission_deadline")

DEFAULT_NEWSPAPER_PAGES = [(1, "要闻"), (2, "综合"), (3, "民生"), (4, "文化")]


# ---------------------------------------------------------------- items


def create_item(actor, unit, **content):
    if not roles.can_create_item(actor):
        raise PermissionDenied("您没有权限撰写稿件。")
    if not roles.is_editor(actor) and unit.pk not in roles.user_unit_ids(actor):
        raise PermissionDenied("只能为本单位撰写稿件。")
    with transaction.atomic():
        item = Item(unit=unit, author=actor)
        for name, value in content.items():
            if name not in ITEM_CONTENT_FIELDS and name != "original_file":
                raise TypeError(f"unknown item field {name}")
            setattr(item, name, value)
        item.save()
    return item


def save_item(item, actor, expected_version=None, keep_previous=False, **content):
    """Save new content for an item. Editors' saves are kept as revisions.

    ``expected_version`` is the version the user's form was built from; if
    someone saved since, EditConflict carries the current item.
    ``keep_previous``: the save replaces text wholesale (a .docx import, "以我的
    版本保存" over someone else's change); the text it replaces is first stored
    as a revision, drafts included. An editor's save always keeps it.
    """
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        if not roles.can_edit_item(actor, locked):
            raise PermissionDenied("您不能修改这篇稿件（只有草稿或退回的稿件可由来稿单位修改）。")
        if expected_version is not None and int(expected_version) != locked.version:
            raise EditConflict(locked)
        if "unit" in content:
            unit = content.pop("unit")
            if not roles.is_editor(actor) and unit.pk not in roles.user_unit_ids(actor):
                raise PermissionDenied("只能为本单位撰写稿件。")
            locked.unit = unit
        for name, value in content.items():
            if name not in ITEM_CONTENT_FIELDS and name != "original_file":
                raise TypeError(f"unknown item field {name}")
        if keep_previous or roles.is_editor(actor):
            _keep_replaced_text(locked, actor, content)
        for name, value in content.items():
            setattr(locked, name, value)
        locked.version += 1
        locked.save()
        # Every editor's change is a revision with author and time (it shows in the unit's history).
        if roles.is_editor(actor):
            ItemRevision.objects.create(
                item=locked, title=locked.title, body=locked.body, attribution=locked.attribution,
                reason=ItemRevision.Reason.EDIT, author=actor,
            )
        if locked.issue_id:
            issue_content_changed(locked.issue, actor)
    return locked


REVISION_TEXT_FIELDS = ("title", "body", "attribution")


def _keep_replaced_text(item, actor, content):
    """Store the item's text as a revision before ``content`` replaces it, unless
    nothing changes or that text is already the latest revision."""
    current = tuple(getattr(item, name) for name in REVISION_TEXT_FIELDS)
    new = {**content, "body": clean_html(content["body"])} if "body" in content else content
    if all(new.get(name, value) == value for name, value in zip(REVISION_TEXT_FIELDS, current)):
        return
    latest = item.revisions.order_by("-created_at", "-id").first()
    if latest and tuple(getattr(latest, name) for name in REVISION_TEXT_FIELDS) == current:
        return
    ItemRevision.objects.create(
        item=item, title=item.title, body=item.body, attribution=item.attribution,
        reason=ItemRevision.Reason.PREVIOUS, author=actor,
    )


# ---------------------------------------------------------------- issues


def next_numbers(publication, year):
    """The next (number, total_number) for a publication; call under its row lock."""
    issues = Issue.objects.filter(publication=publication)
    last_in_year = issues.filter(year=year).aggregate(m=Max("number"))["m"] or 0
    last_total = issues.aggregate(m=Max("total_number"))["m"] or publication.total_number_offset
    return last_in_year + 1, max(last_total, publication.total_number_offset) + 1


def create_issue(publication, actor, issue_date=None, series_title="", editor_note="", print_run=None):
    """Create the next issue of a publication, numbered without gaps or duplicates.

    The publication row is locked while the numbers are chosen, so two editors
    creating issues at the same moment get consecutive numbers; the unique
    constraints are the last line of defence.
    """
    if not roles.is_editor(actor):
        raise PermissionDenied("只有编辑可以新建期刊。")
    issue_date = issue_date or datetime.date.today()
    for attempt in range(3):
        try:
            with transaction.atomic():
                Publication.objects.select_for_update().get(pk=publication.pk)
                number, total = next_numbers(publication, issue_date.year)
                issue = Issue.objects.create(
                    publication=publication, year=issue_date.year, number=number, total_number=total,
                    issue_date=issue_date, series_title=series_title, editor_note=editor_note,
                    print_run=print_run, created_by=actor,
                )
                for order, user in enumerate(publication.ordered_default_editors()):
                    IssueEditor.objects.create(issue=issue, user=user, order=order)
                for entry in publication.default_distribution.all():
                    IssueDistribution.objects.create(issue=issue, kind=entry.kind, group=entry.group, order=entry.order)
                if publication.is_newspaper:
                    for page_number, name in DEFAULT_NEWSPAPER_PAGES:
                        Page.objects.create(issue=issue, number=page_number, name=name)
            return issue
        except IntegrityError:
            if attempt == 2:
                raise WorkflowError("期号分配冲突，请重试。")
    raise AssertionError("unreachable")


def _locked_editable_issue(issue, actor, expected_version=None):
    locked = Issue.objects.select_for_update().get(pk=issue.pk)
    if not roles.is_editor(actor):
        raise PermissionDenied("只有编辑可以修改期刊。")
    if locked.state == IssueState.PUBLISHED:
        raise WorkflowError("本期已印发，内容已冻结，不能修改。")
    if expected_version is not None and int(expected_version) != locked.version:
        raise EditConflict(locked)
    return locked


def issue_content_changed(issue, actor):
    """Bump the version; an issue in review or approved whose printed content
    changed goes back to 编排中, the change named in the log."""
    locked = Issue.objects.select_for_update().get(pk=issue.pk)
    if locked.state == IssueState.PUBLISHED:
        raise WorkflowError("本期已印发，内容已冻结，不能修改。")
    if locked.state in (IssueState.IN_REVIEW, IssueState.APPROVED):
        latest = locked.revisions.order_by("-created_at", "-id").first()
        changes = describe_changes(latest.description, describe_issue(locked)) if latest else ["内容有修改"]
        if changes:
            reopen_after_edit(locked, actor, f"{locked.get_state_display()}后内容有修改：" + "；".join(changes))
    Issue.objects.filter(pk=locked.pk).update(version=locked.version + 1)




def update_issue(issue, actor, expected_version=None, editors=None, distribution=None, **content):
    """Save an issue's header: date, series title, note, print run, responsible
    editors (ordered users) and distribution ({kind: [groups]})."""
    with transaction.atomic():
        locked = _locked_editable_issue(issue, actor, expected_version)
        for name, value in content.items():
            if name not in ISSUE_CONTENT_FIELDS:
                raise TypeError(f"unknown issue field {name}")
            setattr(locked, name, value)
        if "issue_date" in content and content["issue_date"].year != locked.year:
            raise WorkflowError("出刊日期不能跨年度修改（期号按年度编排）。")
        locked.save()
        if editors is not None:
            locked.editor_links.all().delete()
            for order, user in enumerate(editors):
                if not roles.is_responsible_editor(user):
                    raise WorkflowError(f"{person(user)} 不是责任编辑。")
                IssueEditor.objects.create(issue=locked, user=user, order=order)
        if distribution is not None:
            locked.distribution.all().delete()
            for kind, groups in distribution.items():
                for order, group in enumerate(groups):
                    IssueDistribution.objects.create(issue=locked, kind=kind, group=group, order=order)
        issue_content_changed(locked, actor)
    locked.refresh_from_db()
    return locked


def set_issue_items(issue, actor, placements, expected_version=None):
    """Set which accepted items an issue carries and where.

    ``placements`` is an ordered list of dicts: {"item": Item or id, "is_lead":
    bool, "page": Page or page number or None, "jump_to_page": page number or None,
    "column_span": columns the newspaper story spans, 0 or missing = automatic}.
    Items left out are taken out of the issue (back to the accepted pool).
    """
    with transaction.atomic():
        locked = _locked_editable_issue(issue, actor, expected_version)
        pages = {p.number: p for p in locked.pages.all()}
        wanted_ids = []
        for position, placement in enumerate(placements):
            item_id = getattr(placement["item"], "pk", placement["item"])
            item = Item.objects.select_for_update().get(pk=item_id)
            if item.state != ItemState.ACCEPTED:
                raise WorkflowError(f"《{item.title}》不是已采用的稿件，不能编入。")
            if item.issue_id and item.issue_id != locked.pk:
                raise WorkflowError(f"《{item.title}》已编入{item.issue}。")
            page = placement.get("page")
            if page is not None and not isinstance(page, Page):
                if int(page) not in pages:
                    raise WorkflowError(f"本期没有{chinese_numeral(int(page))}版。")
                page = pages[int(page)]
            if locked.publication.is_newspaper and page is None:
                page = pages.get(1)
            jump = placement.get("jump_to_page")
            if jump is not None and not isinstance(jump, Page):
                jump = pages.get(int(jump))
            item.issue = locked
            item.page = page
            item.position = position
            item.is_lead = bool(placement.get("is_lead"))
            item.jump_to_page = jump
            item.column_span = _column_span(placement.get("column_span"), locked.publication)
            item.save(update_fields=["issue", "page", "position", "is_lead", "jump_to_page", "column_span", "updated_at"])
            wanted_ids.append(item.pk)
        Item.objects.filter(issue=locked).exclude(pk__in=wanted_ids).update(
            issue=None, page=None, position=0, is_lead=False, jump_to_page=None, column_span=0
        )
        issue_content_changed(locked, actor)
    locked.refresh_from_db()
    return locked


def _column_span(value, publication):
    """0 (automatic) or a span from one column to the newspaper's width."""
    try:
        span = int(value or 0)
    except (TypeError, ValueError):
        raise WorkflowError("占栏数必须是整数。")
    if span and not publication.is_newspaper:
        raise WorkflowError("简报不分栏，不能设置占栏数。")
    if not 0 <= span <= max(1, publication.columns):
        raise WorkflowError(f"占栏数应在1到{publication.columns}之间（0为自动）。")
    return span


def set_issue_pages(issue, actor, pages, expected_version=None):
    """Replace a newspaper issue's page list: [(number, name, slogan)]."""
    with transaction.atomic():
        locked = _locked_editable_issue(issue, actor, expected_version)
        keep = set()
        for number, name, slogan in pages:
            page, _ = Page.objects.update_or_create(issue=locked, number=number, defaults={"name": name, "slogan": slogan})
            keep.add(page.pk)
        dropped = locked.pages.exclude(pk__in=keep)
        if Item.objects.filter(page__in=dropped).exists():
            raise WorkflowError("要删除的版面上还有稿件，请先移走。")
        dropped.delete()
        issue_content_changed(locked, actor)
    locked.refresh_from_db()
    return locked
