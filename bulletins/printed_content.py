"""What an issue prints, as plain data, and its fingerprint.

``describe_issue`` is the one description of everything that ends up on
paper: the header, the distribution lines with the recipients' names as
printed, the responsible editors' names as printed, the items' printed fields
in print order (photos by the SHA-256 of their file) and, for newspapers, the
pages. It is JSON-serialisable, so it can be stored (``IssueRevision``,
the publication snapshot) and compared later.

``fingerprint`` is the SHA-256 of a description: the sign-off binds to it, the
page shows its short form (``short_fingerprint``).
"""

import hashlib
import json

from . import footer_block
from .models import person_name

#: Bump when the shape of the description changes (stored descriptions keep theirs).
DESCRIPTION_VERSION = 1

PUBLICATION_FIELDS = (
    "name", "slug", "kind", "issuing_line", "english_name", "registration_number", "notice",
    "supervision_phone", "page_size", "columns", "lead_title_face", "this_issue_line",
)
ITEM_FIELDS = (
    "title", "body", "attribution", "kicker", "subhead", "dateline", "byline", "byline_position",
    "column_label", "short_headline", "is_lead", "column_span", "attribution_mode",
)

SHORT_LENGTH = 8


def file_sha256(field_file):
    """SHA-256 of a stored file, or ``missing:<name>`` when it cannot be read."""
    try:
        digest = hashlib.sha256()
        with field_file.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 16), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except (OSError, ValueError):
        return f"missing:{field_file.name}"


def photo_sha256(image):
    """The SHA-256 of an ItemImage's file: stored on the row when the photo is
    saved, computed (and stored) here only for a row that has none yet."""
    if not image.sha256:
        image.sha256 = file_sha256(image.image)
        if not image.sha256.startswith("missing:"):
            type(image).objects.filter(pk=image.pk).update(sha256=image.sha256)
    return image.sha256


def describe_issue(issue):
    """Everything about ``issue`` that prints, in print order, as JSON-ready data."""
    publication = issue.publication
    pages = list(issue.pages.order_by("number"))
    page_numbers = {p.pk: p.number for p in pages}
    items = []
    for item in issue.ordered_items().select_related("unit").prefetch_related("images"):
        entry = {"id": item.pk}
        entry.update({name: getattr(item, name) for name in ITEM_FIELDS})
        entry.update(
            printed_attribution=item.printed_attribution,
            unit=item.unit.short_name,
            page=page_numbers.get(item.page_id),
            jump_to_page=page_numbers.get(item.jump_to_page_id),
            photos=[
                {
                    "sha256": photo_sha256(img),
                    "file": img.image.name,
                    "caption": img.caption,
                    "credit": img.credit,
                }
                for img in item.images.all()
            ],
        )
        items.append(entry)
    return {
        "format": DESCRIPTION_VERSION,
        "publication": {name: getattr(publication, name) for name in PUBLICATION_FIELDS},
        "header": {
            "year": issue.year,
            "number": issue.number,
            "total_number": issue.total_number,
            "issue_date": issue.issue_date.isoformat(),
            "series_title": issue.series_title,
            "editor_note": issue.editor_note,
            "print_run": issue.print_run,
        },
        "distribution": [{"label": label, "names": list(names)} for label, names in issue.distribution_lines()],
        "editors": [person_name(u) for u in issue.ordered_editors()],
        "pages": [{"number": p.number, "name": p.name, "slogan": p.slogan} for p in pages]
        if publication.is_newspaper else [],
        "items": items,
    }


def canonical_json(description):
    return json.dumps(description, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def fingerprint(description):
    """SHA-256 (hex) of a description."""
    return hashlib.sha256(canonical_json(description).encode("utf-8")).hexdigest()


def short_fingerprint(value):
    return (value or "")[:SHORT_LENGTH]


def issue_fingerprint(issue):
    return fingerprint(describe_issue(issue))


# ---------------------------------------------------------------- what changed


_HEADER_LABELS = {
    "issue_date": "出刊日期", "series_title": "总标题", "editor_note": "编者按", "print_run": "印数",
    "year": "年度", "number": "期号", "total_number": "总期号",
}
_ITEM_LABELS = {
    "title": "标题", "body": "正文", "attribution": "署名", "kicker": "引题", "subhead": "副题",
    "dateline": "电头", "byline": "署名（报纸）", "byline_position": "署名位置", "column_label": "栏目",
    "short_headline": "转版短标题", "is_lead": "头条", "column_span": "占栏数", "page": "版面",
    "jump_to_page": "转至版面", "photos": "图片", "unit": "来稿单位", "printed_attribution": "署名",
}


def describe_changes(old, new):
    """Chinese lines saying how description ``new`` differs from ``old`` (empty: same print)."""
    if old is None or new is None:
        return []
    changes = []
    for key, label in _HEADER_LABELS.items():
        if old["header"].get(key) != new["header"].get(key):
            changes.append(f"{label}已修改")
    if old["publication"] != new["publication"]:
        changes.append("刊物信息已修改")
    if old["distribution"] != new["distribution"]:
        changes.append("发送范围已修改")
    if old["editors"] != new["editors"]:
        changes.append(f"责任编辑由“{'、'.join(old['editors'])}”改为“{'、'.join(new['editors'])}”")
    if old["pages"] != new["pages"]:
        changes.append("版面已修改")
    old_items = {i["id"]: i for i in old["items"]}
    new_items = {i["id"]: i for i in new["items"]}
    for item_id, item in old_items.items():
        if item_id not in new_items:
            changes.append(f"移出稿件《{item['title']}》")
    for item_id, item in new_items.items():
        if item_id not in old_items:
            changes.append(f"编入稿件《{item['title']}》")
            continue
        before = old_items[item_id]
        fields = [label for key, label in _ITEM_LABELS.items() if before.get(key) != item.get(key)]
        if fields:
            changes.append(f"《{item['title']}》的{'、'.join(dict.fromkeys(fields))}已修改")
    kept_old = [i for i in old_items if i in new_items]
    kept_new = [i for i in new_items if i in old_items]
    if kept_old != kept_new:
        changes.append("稿件顺序已调整")
    if not changes and fingerprint(old) != fingerprint(new):
        changes.append("内容有修改")
    return changes


# ---------------------------------------------------------------- reading edition


def published_snapshot(issue):
    """The revision stored at 印发 (what was printed), or None for issues published
    before snapshots were kept."""
    return issue.revisions.filter(reason="publish").order_by("-created_at", "-id").first()


def published_description(issue):
    snapshot = published_snapshot(issue)
    return snapshot.description if snapshot is not None else describe_issue(issue)


def for_reading(description):
    """A description shaped for the reading-edition template: dates as dates,
    items grouped by page, photo URLs. Built only from the description, so a
    published issue reads the same whatever happens to the live rows later."""
    import datetime

    from django.core.files.storage import default_storage

    from .models import chinese_numeral

    header = dict(description["header"])
    header["issue_date"] = datetime.date.fromisoformat(header["issue_date"])
    items = []
    for entry in description["items"]:
        item = dict(entry)
        item["photos"] = [dict(p, url=default_storage.url(p["file"])) for p in entry["photos"]]
        items.append(item)
    publication = description["publication"]
    is_newspaper = publication["kind"] == "newspaper"
    sections = []
    if is_newspaper:
        for page in description["pages"]:
            label = f"{chinese_numeral(page['number'])}版"
            sections.append((dict(page, label=label), [i for i in items if i["page"] == page["number"]]))
    else:
        sections.append((None, items))
    distribution = [(line["label"], line["names"]) for line in description["distribution"]]
    return {
        "publication": dict(publication, is_newspaper=is_newspaper),
        "header": header,
        "sections": sections,
        "distribution": distribution,
        "editors": description["editors"],
        "footer": footer_block.describe(
            distribution, description["editors"], header["print_run"], publication.get("this_issue_line", "send"),
        ),
    }
