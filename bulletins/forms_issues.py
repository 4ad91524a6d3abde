"""Forms and input parsing for the issue composer.

Views hand the parsed, validated values to ``bulletins.actions``; nothing here
writes to the database.
"""

import datetime
import re

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import DistributionKind, Item, Publication, RecipientGroup, Role, issue_date_problem
from .templatetags.people import person

EDITOR_SLOTS = 4
NAME_SEPARATORS = re.compile(r"[\n\r、，,；;]+")


class IssueDateChecks:
    """Issue dates outside 2000–2100 are refused; more than a year ahead, the
    form asks for ``confirm_date`` (shown once that is the only problem)."""

    needs_date_confirmation = False

    def clean_issue_date(self):
        value = self.cleaned_data.get("issue_date")
        if value is None:
            return value
        problem = issue_date_problem(value, confirmed=True)
        if problem:
            raise forms.ValidationError(problem)
        problem = issue_date_problem(value, confirmed=bool(self.data.get("confirm_date")))
        if problem:
            self.needs_date_confirmation = True
            raise forms.ValidationError(problem)
        return value


class IssueCreateForm(IssueDateChecks, forms.Form):
    publication = forms.ModelChoiceField(
        label="刊物", queryset=Publication.objects.all(), empty_label=None,
        error_messages={"required": "请选择刊物。", "invalid_choice": "所选刊物不存在。"},
    )
    issue_date = forms.DateField(
        label="出刊日期", initial=datetime.date.today,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "请填写出刊日期。", "invalid": "出刊日期格式不正确，应为 年-月-日。"},
    )


def responsible_editor_choices():
    users = get_user_model().objects.filter(is_active=True).filter(groups__name=Role.RESPONSIBLE_EDITOR).distinct()
    users = list(users.order_by("last_name", "first_name", "username"))
    return users


class IssueHeaderForm(IssueDateChecks, forms.Form):
    """Date, series title, 编者按, print run, responsible editors and distribution lines."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    issue_date = forms.DateField(
        label="出刊日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "请填写出刊日期。", "invalid": "出刊日期格式不正确，应为 年-月-日。"},
    )
    series_title = forms.CharField(label="总标题", max_length=200, required=False,
                                   error_messages={"max_length": "总标题不能超过200字。"})
    editor_note = forms.CharField(label="编者按", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    print_run = forms.IntegerField(
        label="印数", required=False, min_value=1, max_value=10_000_000,
        error_messages={"invalid": "印数应为整数。", "min_value": "印数至少为1。", "max_value": "印数过大。"},
    )

    submission_deadline = forms.DateTimeField(
        label="截稿时间", required=False, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "截稿时间格式不正确，应为 年-月-日 时:分。"},
    )

    def __init__(self, *args, issue=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editor_users = responsible_editor_choices()
        choices = [("", "—— 不选 ——")] + [(str(u.pk), person(u)) for u in self.editor_users]
        current = issue.ordered_editors() if issue else []
        for slot in range(EDITOR_SLOTS):
            self.fields[f"editor_{slot}"] = forms.ChoiceField(
                label=f"责任编辑{slot + 1}", choices=choices, required=False,
                initial=str(current[slot].pk) if slot < len(current) else "",
                error_messages={"invalid_choice": "所选人员不是责任编辑。"},
            )
        lines = dict(issue.distribution_lines()) if issue else {}
        for kind in DistributionKind:
            self.fields[f"dist_{kind.value}"] = forms.CharField(
                label=f"{kind.label}：", required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial="\n".join(lines.get(kind.label, [])),
                help_text="每行一个发送对象（也可用顿号分隔），按印刷顺序排列",
            )
        if issue is not None and not self.is_bound:
            self.initial.update(
                version=issue.version, issue_date=issue.issue_date, series_title=issue.series_title,
                editor_note=issue.editor_note, print_run=issue.print_run,
                submission_deadline=timezone.localtime(issue.submission_deadline) if issue.submission_deadline else None,
            )

    def editor_fields(self):
        return [self[f"editor_{slot}"] for slot in range(EDITOR_SLOTS)]

    def distribution_fields(self):
        return [self[f"dist_{kind.value}"] for kind in DistributionKind]

    def clean(self):
        data = super().clean()
        by_pk = {str(u.pk): u for u in self.editor_users}
        editors = []
        for slot in range(EDITOR_SLOTS):
            pk = data.get(f"editor_{slot}")
            if pk and by_pk[pk] not in editors:
                editors.append(by_pk[pk])
        data["editors"] = editors
        groups = {g.name: g for g in RecipientGroup.objects.all()}
        distribution = {}
        for kind in DistributionKind:
            names = [n.strip() for n in NAME_SEPARATORS.split(data.get(f"dist_{kind.value}") or "") if n.strip()]
            unknown = [n for n in names if n not in groups]
            if unknown:
                self.add_error(
                    f"dist_{kind.value}",
                    f"未找到发送对象：{'、'.join(unknown)}。请从列表中选择，或请管理员在系统配置中添加。",
                )
                continue
            seen = []
            for name in names:
                if groups[name] not in seen:
                    seen.append(groups[name])
            distribution[kind.value] = seen
        data["distribution"] = distribution
        return data

    def action_kwargs(self):
        data = self.cleaned_data
        return dict(
            expected_version=data["version"], editors=data["editors"], distribution=data["distribution"],
            issue_date=data["issue_date"], series_title=data["series_title"].strip(),
            editor_note=data["editor_note"].strip(), print_run=data["print_run"],
            submission_deadline=data.get("submission_deadline"),
        )


# ---------------------------------------------------------------- arrangement


class ArrangementError(ValueError):
    """Bad composer input; the message is shown to the user."""


def _int(value, what):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ArrangementError(f"{what}无效。")
    if number <= 0:
        raise ArrangementError(f"{what}无效。")
    return number


def parse_version(post):
    try:
        return int(post.get("version", ""))
    except ValueError:
        raise ArrangementError("缺少版本号，请刷新页面后重试。")


def parse_arrangement(post, issue):
    """The placed items as the page posted them: [{item, page, jump_to_page, is_lead,
    column_span}] in display order. Page numbers are checked against the issue's pages."""
    page_numbers = set(issue.pages.values_list("number", flat=True))
    leads = set()
    for key in post:
        if key == "lead" or key.startswith("lead_p"):
            leads.update(v for v in post.getlist(key) if v)
    rows, seen = [], set()
    for raw in post.getlist("item"):
        item_id = _int(raw, "稿件编号")
        if item_id in seen:
            continue
        seen.add(item_id)
        row = {"item": item_id, "is_lead": str(item_id) in leads, "page": None, "jump_to_page": None, "column_span": 0}
        if issue.publication.is_newspaper:
            row["page"] = _page_number(post.get(f"page_{item_id}"), page_numbers, default=min(page_numbers, default=None))
            jump = post.get(f"jump_{item_id}") or ""
            row["jump_to_page"] = _page_number(jump, page_numbers) if jump else None
            row["column_span"] = _column_span(post.get(f"span_{item_id}"), issue.publication.columns)
        rows.append(row)
    return rows


def _column_span(raw, columns):
    if raw in (None, "", "0"):
        return 0
    span = _int(raw, "占栏数")
    if span > columns:
        raise ArrangementError(f"占栏数应在1到{columns}之间（或选“自动”）。")
    return span


def span_choices(publication):
    """The composer's 占栏 options: automatic, then one column to the full width."""
    from .models import chinese_numeral

    if not publication.is_newspaper:
        return []
    return [(0, "自动")] + [(n, f"{chinese_numeral(n)}栏") for n in range(1, publication.columns + 1)]


def _page_number(raw, page_numbers, default=None):
    if raw in (None, ""):
        return default
    number = _int(raw, "版面")
    if number not in page_numbers:
        raise ArrangementError("所选版面不存在，请刷新页面后重试。")
    return number


def _sort_by_page(rows):
    return sorted(rows, key=lambda r: (r["page"] or 0))  # stable: keeps order within a page


def apply_operation(rows, op, issue, post):
    """Apply one composer button: save / add:ID / remove:ID / up:ID / down:ID."""
    newspaper = issue.publication.is_newspaper
    if newspaper:
        rows = _sort_by_page(rows)
    verb, _, raw_id = (op or "save").partition(":")
    if verb == "save":
        return _one_lead_per_page(rows)
    item_id = _int(raw_id, "稿件编号")
    index = next((i for i, r in enumerate(rows) if r["item"] == item_id), None)
    if verb == "add":
        if index is None:
            page_numbers = set(issue.pages.values_list("number", flat=True))
            page = None
            if newspaper:
                page = _page_number(post.get(f"addpage_{item_id}"), page_numbers, default=min(page_numbers, default=None))
            rows.append({"item": item_id, "is_lead": False, "page": page, "jump_to_page": None, "column_span": 0})
            if newspaper:
                rows = _sort_by_page(rows)
        return _one_lead_per_page(rows)
    if index is None:
        raise ArrangementError("该稿件不在本期中，请刷新页面后重试。")
    if verb == "remove":
        rows.pop(index)
    elif verb in ("up", "down"):
        other = index - 1 if verb == "up" else index + 1
        if 0 <= other < len(rows) and rows[other]["page"] == rows[index]["page"]:
            rows[index], rows[other] = rows[other], rows[index]
    else:
        raise ArrangementError("未知的编排操作。")
    return _one_lead_per_page(rows)


def _one_lead_per_page(rows):
    """A bulletin has at most one lead; a newspaper at most one per page."""
    leads_seen = set()
    for row in rows:
        if row["is_lead"]:
            if row["page"] in leads_seen:
                row["is_lead"] = False
            leads_seen.add(row["page"])
    return rows


def check_items_exist(rows):
    ids = {r["item"] for r in rows}
    found = set(Item.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if ids - found:
        raise ArrangementError("有稿件已不存在，请刷新页面后重试。")


def placements(rows):
    return [dict(row) for row in rows]


# ---------------------------------------------------------------- pages


MAX_PAGES = 32


def parse_pages(post):
    """[(number, name, slogan)] from the page table; rows ticked 删除 are dropped,
    a filled-in new row is added."""
    pages = []
    numbers = set()
    try:
        count = min(int(post.get("page_rows") or 0), MAX_PAGES)
    except ValueError:
        raise ArrangementError("版面数据无效，请刷新页面后重试。")
    for i in list(range(count)) + ["new"]:
        raw_number = (post.get(f"pg_number_{i}") or "").strip()
        name = (post.get(f"pg_name_{i}") or "").strip()
        slogan = (post.get(f"pg_slogan_{i}") or "").strip()
        if i == "new" and not raw_number:
            if name or slogan:
                raise ArrangementError("新增版面请填写版次。")
            continue
        if post.get(f"pg_delete_{i}"):
            continue
        try:
            number = int(raw_number)
        except ValueError:
            raise ArrangementError(f"版次“{raw_number}”不是数字。")
        if not 1 <= number <= MAX_PAGES:
            raise ArrangementError(f"版次应在1到{MAX_PAGES}之间。")
        if number in numbers:
            raise ArrangementError(f"版次{number}重复了。")
        if len(name) > 30:
            raise ArrangementError("版名不能超过30字。")
        if len(slogan) > 100:
            raise ArrangementError("版底标语不能超过100字。")
        numbers.add(number)
        pages.append((number, name, slogan))
    if not pages:
        raise ArrangementError("报纸至少要有一个版面。")
    return sorted(pages)

