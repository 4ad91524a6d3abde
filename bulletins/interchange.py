"""Whole issues in and out as JSON (the format is documented in docs/issue-format.md).

``import_issue`` validates everything first and then writes in one
transaction, through the same actions and workflow the web desk uses: items
are created, accepted and placed. An imported issue starts 编排中 (drafting).
``export_issue`` writes the same format, so export → import → export is stable.
"""

import datetime
import re
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from . import actions, roles
from .models import (
    DistributionKind,
    Issue,
    Item,
    ItemRevision,
    Page,
    Publication,
    RecipientGroup,
    Unit,
    issue_date_problem,
    person_name,
)
from .workflow import WorkflowError, apply_transition

FORMAT = "newsroom.issue/1"

DISTRIBUTION_LABELS = {kind.label: kind.value for kind in DistributionKind}  # 报 → report …
NEWSPAPER_ITEM_FIELDS = (
    "kicker", "subhead", "dateline", "byline", "byline_position", "column_label", "column_span", "short_headline",
)
BYLINE_POSITIONS = {choice.value for choice in Item.BylinePosition}
BLOCK_TAGS = ("table", "ul", "ol", "h2", "h3", "h4", "blockquote", "figure")
ISSUE_KEYS = {
    "format", "publication", "year", "number", "total_number", "issue_date", "series_title",
    "editor_note", "print_run", "responsible_editors", "distribution", "pages", "items",
}
ITEM_KEYS = {"title", "paragraphs", "attribution", "no_attribution", "unit", "lead", "page", "jump_to_page", *NEWSPAPER_ITEM_FIELDS}


class IssueFormatError(ValueError):
    """Input that does not follow the format; the message names the field, in Chinese."""


# ---------------------------------------------------------------- export


def export_issue(issue):
    """The issue as plain data in the interchange format."""
    publication = issue.publication
    pages = {p.pk: p.number for p in issue.pages.all()}
    data = {
        "format": FORMAT,
        "publication": publication.slug,
        "year": issue.year,
        "number": issue.number,
        "total_number": issue.total_number,
        "issue_date": issue.issue_date.isoformat(),
        "series_title": issue.series_title,
        "editor_note": issue.editor_note,
        "print_run": issue.print_run,
        "responsible_editors": [user.username for user in issue.ordered_editors()],
        "distribution": {label: names for label, names in issue.distribution_lines()},
    }
    if publication.is_newspaper:
        data["pages"] = [
            {"number": p.number, "name": p.name, "slogan": p.slogan} for p in issue.pages.order_by("number")
        ]
    items = []
    for item in issue.ordered_items().select_related("unit"):
        entry = {
            "title": item.title,
            "paragraphs": body_to_paragraphs(item.body),
            "attribution": item.attribution,
            "no_attribution": item.attribution_mode == Item.AttributionMode.NONE,
            "unit": item.unit.name,
            "lead": item.is_lead,
        }
        if publication.is_newspaper:
            entry["page"] = pages.get(item.page_id)
            entry.update({name: getattr(item, name) for name in NEWSPAPER_ITEM_FIELDS})
            entry["jump_to_page"] = pages.get(item.jump_to_page_id)
        items.append(entry)
    data["items"] = items
    return data


class _BlockSplitter(HTMLParser):
    """Splits sanitised body HTML into its top-level blocks (by source offsets)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.depth = 0
        self.start = None
        self.blocks = []  # (tag, outer html)
        self.tag = None
        self.feed(html)
        self.close()

    def _offset(self):
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img"):  # void elements never open a level
            if self.depth == 0:
                self.blocks.append((tag, self.get_starttag_text()))
            return
        if self.depth == 0:
            self.start, self.tag = self._offset(), tag
        self.depth += 1

    def handle_endtag(self, tag):
        if tag in ("br", "img"):
            return
        self.depth -= 1
        if self.depth == 0 and self.start is not None:
            end = self.html.index(">", self._offset()) + 1
            self.blocks.append((self.tag, self.html[self.start:end]))
            self.start = None

    def handle_data(self, data):
        if self.depth == 0 and data.strip():
            self.blocks.append(("text", data.strip()))

    def handle_entityref(self, name):
        if self.depth == 0:
            self.blocks.append(("text", f"&{name};"))

    def handle_charref(self, name):
        if self.depth == 0:
            self.blocks.append(("text", f"&#{name};"))


def body_to_paragraphs(body):
    """<p> blocks become their inner HTML; tables, lists and headings stay whole."""
    paragraphs = []
    for tag, outer in _BlockSplitter(body or "").blocks:
        if tag == "p":
            inner = re.sub(r"^<p\b[^>]*>", "", outer)[: -len("</p>")]
            paragraphs.append(inner.strip())
        else:
            paragraphs.append(outer)
    return paragraphs


def paragraphs_to_body(paragraphs):
    parts = []
    for text in paragraphs:
        text = text.strip()
        if re.match(r"<(%s)\b" % "|".join(BLOCK_TAGS), text, re.I):
            parts.append(text)
        else:
            parts.append(f"<p>{text}</p>")
    return "".join(parts)


# ---------------------------------------------------------------- validation


def _fail(field, problem):
    raise IssueFormatError(f"字段“{field}”{problem}")


def _text(data, key, field, required=False, max_length=None, default=""):
    value = data.get(key, default)
    if value is None:
        value = default
    if not isinstance(value, str):
        _fail(field, "应为文字。")
    value = value.strip()
    if required and not value:
        _fail(field, "不能为空。")
    if max_length and len(value) > max_length:
        _fail(field, f"过长（最多{max_length}字，现有{len(value)}字）。")
    return value


def _positive_int(data, key, field, required=True, maximum=999_999):
    value = data.get(key)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        _fail(field, "应为正整数。" if value is not None else "缺失，应为正整数。")
    if value > maximum:
        _fail(field, f"过大（最大{maximum}）。")
    return value


def _storable_text(value, where="文件"):
    """Refuse strings a database cannot store (NUL, lone surrogates), naming the field."""
    if isinstance(value, str):
        if "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value):
            raise IssueFormatError(f"{where}中含有无法保存的字符（空字符或残缺的编码），请检查文件。")
    elif isinstance(value, dict):
        for key, child in value.items():
            _storable_text(key, where)
            _storable_text(child, f"字段“{key}”" if where == "文件" else where)
    elif isinstance(value, list):
        for child in value:
            _storable_text(child, where)


def _unknown_keys(data, allowed, where):
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise IssueFormatError(f"{where}有无法识别的字段：{'、'.join(unknown)}。")


def _find_user(name, field):
    User = get_user_model()
    users = list(User.objects.filter(username=name, is_active=True))
    if not users:
        users = [
            u for u in User.objects.filter(is_active=True)
            if name in (person_name(u), u.get_full_name().strip())
        ]
    if not users:
        _fail(field, f"中的“{name}”不是本系统的用户（填用户名或姓名）。")
    if len(users) > 1:
        _fail(field, f"中的“{name}”对应多个用户，请改填用户名。")
    user = users[0]
    if not roles.is_responsible_editor(user):
        _fail(field, f"中的“{name}”不是责任编辑。")
    return user


def _find_unit(name, field):
    units = list(Unit.objects.filter(name=name)) or list(Unit.objects.filter(short_name=name))
    if not units:
        _fail(field, f"中的单位“{name}”不存在（填单位全称或署名简称）。")
    if len(units) > 1:
        _fail(field, f"中的“{name}”对应多个单位，请改填单位全称。")
    return units[0]


def validate(data):
    """Check the whole document against the database; return what to write.

    Raises IssueFormatError on the first problem. Reads only.
    """
    if not isinstance(data, dict):
        raise IssueFormatError("文件内容应为一个 JSON 对象（一期刊物）。")
    _storable_text(data)
    _unknown_keys(data, ISSUE_KEYS, "期刊")
    if "format" in data and data["format"] != FORMAT:
        _fail("format", f"应为“{FORMAT}”。")

    slug = _text(data, "publication", "publication", required=True)
    publication = Publication.objects.filter(slug=slug).first()
    if publication is None:
        known = "、".join(Publication.objects.values_list("slug", flat=True)) or "无"
        _fail("publication", f"中的刊物代号“{slug}”不存在（现有：{known}）。")

    year = _positive_int(data, "year", "year", maximum=9999)
    number = _positive_int(data, "number", "number", maximum=9999)
    total_number = _positive_int(data, "total_number", "total_number", required=False)
    raw_date = _text(data, "issue_date", "issue_date", required=True)
    try:
        issue_date = datetime.date.fromisoformat(raw_date)
    except ValueError:
        _fail("issue_date", f"的值“{raw_date}”不是有效日期，应写作 2024-03-15。")
    problem = issue_date_problem(issue_date)
    if problem:
        _fail("issue_date", f"有误：{problem.replace('请勾选“确认出刊日期无误”后再保存', '请在网页上新建该期')}")
    if issue_date.year != year:
        _fail("issue_date", f"的年份（{issue_date.year}）与 year（{year}）不一致。")
    if Issue.objects.filter(publication=publication, year=year, number=number).exists():
        _fail("number", f"：{publication.name}{year}年第{number}期已存在。")
    if total_number is None:
        last = Issue.objects.filter(publication=publication).order_by("-total_number").first()
        total_number = max(last.total_number if last else 0, publication.total_number_offset) + 1
    elif Issue.objects.filter(publication=publication, total_number=total_number).exists():
        _fail("total_number", f"：{publication.name}总第{total_number}期已存在。")

    print_run = _positive_int(data, "print_run", "print_run", required=False, maximum=10_000_000)
    header = {
        "issue_date": issue_date,
        "series_title": _text(data, "series_title", "series_title", max_length=200),
        "editor_note": _text(data, "editor_note", "editor_note"),
        "print_run": print_run,
    }

    editors_raw = data.get("responsible_editors", [])
    if not isinstance(editors_raw, list) or not all(isinstance(n, str) for n in editors_raw):
        _fail("responsible_editors", "应为用户名或姓名的列表。")
    editors = [_find_user(name.strip(), "responsible_editors") for name in editors_raw]
    if len(set(editors)) != len(editors):
        _fail("responsible_editors", "中有重复的人。")

    distribution_raw = data.get("distribution", {})
    if not isinstance(distribution_raw, dict):
        _fail("distribution", "应为对象，键为 报/送/发/抄送，值为发送对象名称的列表。")
    distribution = {}
    for label, names in distribution_raw.items():
        if label not in DISTRIBUTION_LABELS:
            _fail("distribution", f"中的“{label}”不是发送类别（只能是 报、送、发、抄送）。")
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            _fail(f"distribution.{label}", "应为发送对象名称（非空文字）的列表。")
        names = [n.strip() for n in names]
        if len(set(names)) != len(names):
            _fail(f"distribution.{label}", "中有重复的发送对象。")
        if any(len(n) > 100 for n in names):
            _fail(f"distribution.{label}", "中有过长的名称（最多100字）。")
        distribution[DISTRIBUTION_LABELS[label]] = names

    pages = _validate_pages(data, publication)
    items = [
        _validate_item(entry, index, publication, {p["number"] for p in pages})
        for index, entry in enumerate(_list(data, "items"), start=1)
    ]
    leads = [item.get("page") for item in items if item["is_lead"]]
    if len(set(leads)) != len(leads):
        _fail("items", "中每期（报纸为每版）只能有一篇头条（lead）。")
    return {
        "publication": publication, "year": year, "number": number, "total_number": total_number,
        "header": header, "editors": editors, "distribution": distribution, "pages": pages, "items": items,
    }


def _list(data, key):
    value = data.get(key, [])
    if not isinstance(value, list):
        _fail(key, "应为列表。")
    return value


def _validate_pages(data, publication):
    if not publication.is_newspaper:
        if data.get("pages"):
            _fail("pages", "只适用于报纸（本刊物是简报）。")
        return []
    if "pages" not in data:
        return [{"number": n, "name": name, "slogan": ""} for n, name in actions.DEFAULT_NEWSPAPER_PAGES]
    pages = []
    for index, entry in enumerate(_list(data, "pages"), start=1):
        field = f"pages[{index}]"
        if not isinstance(entry, dict):
            _fail(field, "应为对象（number、name、slogan）。")
        _unknown_keys(entry, {"number", "name", "slogan"}, f"第{index}个版面")
        pages.append({
            "number": _positive_int(entry, "number", f"{field}.number", maximum=99),
            "name": _text(entry, "name", f"{field}.name", max_length=30),
            "slogan": _text(entry, "slogan", f"{field}.slogan", max_length=100),
        })
    numbers = [p["number"] for p in pages]
    if len(set(numbers)) != len(numbers):
        _fail("pages", "中有重复的版次。")
    return pages


def _validate_item(entry, index, publication, page_numbers):
    where = f"第{index}篇稿件"
    field = f"items[{index}]"
    if not isinstance(entry, dict):
        raise IssueFormatError(f"{where}应为对象。")
    _unknown_keys(entry, ITEM_KEYS, where)
    title = _text(entry, "title", f"{field}.title（{where}的标题）", required=True, max_length=200)
    paragraphs = entry.get("paragraphs")
    if not isinstance(paragraphs, list) or not paragraphs:
        _fail(f"{field}.paragraphs（《{title}》的正文）", "应为至少一段文字的列表。")
    for number, text in enumerate(paragraphs, start=1):
        if not isinstance(text, str) or not text.strip():
            _fail(f"{field}.paragraphs（《{title}》的正文）", f"第{number}段为空或不是文字。")
    unit_name = _text(entry, "unit", f"{field}.unit（《{title}》的来稿单位）", required=True)
    lead = entry.get("lead", False)
    if not isinstance(lead, bool):
        _fail(f"{field}.lead（《{title}》）", "应为 true 或 false。")
    no_attribution = entry.get("no_attribution", False)
    if not isinstance(no_attribution, bool):
        _fail(f"{field}.no_attribution（《{title}》）", "应为 true 或 false。")
    attribution = _text(entry, "attribution", f"{field}.attribution（《{title}》的署名）", max_length=50)
    if no_attribution and attribution:
        _fail(f"{field}.no_attribution（《{title}》）", "已填写署名，不能同时设为不署名。")
    item = {
        "unit": _find_unit(unit_name, f"{field}.unit（《{title}》的来稿单位）"),
        "is_lead": lead,
        "content": {
            "title": title,
            "body": paragraphs_to_body(paragraphs),
            "attribution": attribution,
            "attribution_mode": Item.AttributionMode.NONE if no_attribution else Item.AttributionMode.DEFAULT,
        },
    }
    newspaper_fields = [
        name for name in ("page", "jump_to_page", *NEWSPAPER_ITEM_FIELDS) if entry.get(name) not in (None, "", 0)
    ]
    if not publication.is_newspaper:
        if newspaper_fields:
            _fail(f"{field}.{newspaper_fields[0]}（《{title}》）", "只适用于报纸（本刊物是简报）。")
        return item
    page = entry.get("page")
    if page is None:
        page = min(page_numbers) if page_numbers else None
    elif isinstance(page, bool) or not isinstance(page, int) or page not in page_numbers:
        _fail(f"{field}.page（《{title}》的版面）", f"应为本期已有的版次（{sorted(page_numbers)}）。")
    item["page"] = page
    jump = entry.get("jump_to_page")
    if jump is not None and (isinstance(jump, bool) or not isinstance(jump, int) or jump not in page_numbers or jump <= page):
        _fail(f"{field}.jump_to_page（《{title}》的转版）", f"应为本期中排在本稿版面之后的版次（{sorted(n for n in page_numbers if n > page)}）。")
    item["jump_to_page"] = jump
    limits = {"kicker": 200, "subhead": 200, "dateline": 100, "byline": 100, "column_label": 30, "short_headline": 50}
    for name, limit in limits.items():
        item["content"][name] = _text(entry, name, f"{field}.{name}（《{title}》）", max_length=limit)
    position = _text(entry, "byline_position", f"{field}.byline_position（《{title}》）")
    if position not in BYLINE_POSITIONS:
        _fail(f"{field}.byline_position（《{title}》）", "只能是 \"\"、\"top\"（文首）或 \"end\"（文末）。")
    item["content"]["byline_position"] = position
    span = entry.get("column_span", 0)
    if isinstance(span, bool) or not isinstance(span, int) or not 0 <= span <= publication.columns:
        _fail(f"{field}.column_span（《{title}》的占栏数）", f"应为0（自动）到{publication.columns}之间的整数。")
    item["column_span"] = span
    return item


# ---------------------------------------------------------------- import


def import_issue(data, actor):
    """Validate ``data`` and create the issue it describes; returns the Issue.

    Nothing is written when anything is wrong: validation reads only, and the
    writes share one transaction.
    """
    if not roles.is_editor(actor):
        raise IssueFormatError(f"{actor.get_username()} 不是编辑，不能导入期刊。")
    plan = validate(data)
    publication = plan["publication"]
    try:
        with transaction.atomic():
            # The publication's row lock serialises numbering with the web desk.
            Publication.objects.select_for_update().get(pk=publication.pk)
            issue = Issue.objects.create(
                publication=publication, year=plan["year"], number=plan["number"],
                total_number=plan["total_number"], issue_date=plan["header"]["issue_date"], created_by=actor,
            )
            for page in plan["pages"]:
                Page.objects.create(issue=issue, **page)
            groups = {}
            for names in plan["distribution"].values():
                for name in names:
                    groups[name] = groups.get(name) or RecipientGroup.objects.get_or_create(name=name)[0]
            issue = actions.update_issue(
                issue, actor,
                editors=plan["editors"],
                distribution={kind: [groups[n] for n in names] for kind, names in plan["distribution"].items()},
                **plan["header"],
            )
            placements = []
            for entry in plan["items"]:
                item = actions.create_item(actor, entry["unit"], **entry["content"])
                ItemRevision.objects.create(
                    item=item, title=item.title, body=item.body, attribution=item.attribution,
                    reason=ItemRevision.Reason.IMPORT, author=actor,
                )
                item = apply_transition(item, "accept", actor, "导入")
                placements.append({
                    "item": item, "is_lead": entry["is_lead"], "page": entry.get("page"),
                    "column_span": entry.get("column_span", 0), "jump_to_page": entry.get("jump_to_page"),
                })
            return actions.set_issue_items(issue, actor, placements)
    except IntegrityError:
        raise IssueFormatError(f"{publication.name}{plan['year']}年第{plan['number']}期刚被他人创建，请核对期号。")
    except WorkflowError as exc:
        raise IssueFormatError(str(exc))
