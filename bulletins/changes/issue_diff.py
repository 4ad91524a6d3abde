"""A readable comparison of two stored descriptions of an issue
(``printed_content.describe_issue``): header fields, distribution, responsible
editors, items added / removed / moved, and a character diff of each changed item."""

from difflib import SequenceMatcher

from ..diffing import diff_html, diff_stats

HEADER_FIELDS = [
    ("issue_date", "出刊日期"), ("series_title", "总标题"), ("editor_note", "编者按"), ("print_run", "印数"),
    ("number", "期号"), ("total_number", "总期号"),
]
ITEM_FIELDS = [
    ("attribution", "署名"), ("kicker", "引题"), ("subhead", "副题"), ("dateline", "电头"), ("byline", "署名（报纸）"),
    ("column_label", "栏目"), ("short_headline", "转版短标题"), ("is_lead", "头条"), ("column_span", "占栏数"),
    ("page", "版面"), ("jump_to_page", "转至版面"),
]


def _text(value):
    if value is None or value == "":
        return "（空）"
    if value is True:
        return "是"
    if value is False:
        return "否"
    return str(value)


def _header(old, new):
    rows = []
    for key, label in HEADER_FIELDS:
        before, after = old["header"].get(key), new["header"].get(key)
        if before != after:
            long_text = key == "editor_note"
            rows.append({
                "label": label, "old": _text(before), "new": _text(after),
                "diff": diff_html(f"<p>{before or ''}</p>", f"<p>{after or ''}</p>") if long_text else None,
            })
    return rows


def _distribution(old, new):
    before = {line["label"]: line["names"] for line in old["distribution"]}
    after = {line["label"]: line["names"] for line in new["distribution"]}
    rows = []
    for label in dict.fromkeys([*before, *after]):
        was, now = before.get(label, []), after.get(label, [])
        if was != now:
            rows.append({
                "label": label, "old": "、".join(was) or "（无）", "new": "、".join(now) or "（无）",
                "added": [n for n in now if n not in was], "removed": [n for n in was if n not in now],
            })
    return rows


def _moved(old_ids, new_ids):
    """Items whose place among the items in both versions changed (not on the longest common run)."""
    kept_old = [i for i in old_ids if i in new_ids]
    kept_new = [i for i in new_ids if i in old_ids]
    matcher = SequenceMatcher(a=kept_old, b=kept_new, autojunk=False)
    staying = set()
    for block in matcher.get_matching_blocks():
        staying.update(kept_old[block.a:block.a + block.size])
    return [i for i in kept_new if i not in staying]


def _item_change(before, after):
    fields = [
        {"label": label, "old": _text(before.get(key)), "new": _text(after.get(key))}
        for key, label in ITEM_FIELDS if before.get(key) != after.get(key)
    ]
    photos_changed = [p.get("sha256") for p in before.get("photos", [])] != [p.get("sha256") for p in after.get("photos", [])] or [
        (p.get("caption"), p.get("credit")) for p in before.get("photos", [])
    ] != [(p.get("caption"), p.get("credit")) for p in after.get("photos", [])]
    body_changed = before.get("body") != after.get("body")
    title_changed = before.get("title") != after.get("title")
    if not (fields or photos_changed or body_changed or title_changed):
        return None
    change = {
        "id": after["id"], "title": after["title"], "old_title": before["title"] if title_changed else None,
        "fields": fields, "photos_changed": photos_changed, "body_diff": None, "stats": None,
    }
    if body_changed:
        change["body_diff"] = diff_html(before.get("body", ""), after.get("body", ""))
        change["stats"] = diff_stats(before.get("body", ""), after.get("body", ""))
    return change


def compare(old, new):
    """The differences from description ``old`` to ``new``; ``empty`` when none print."""
    old_items = {i["id"]: i for i in old["items"]}
    new_items = {i["id"]: i for i in new["items"]}
    old_ids = [i["id"] for i in old["items"]]
    new_ids = [i["id"] for i in new["items"]]
    moved = [
        {"title": new_items[i]["title"], "old": old_ids.index(i) + 1, "new": new_ids.index(i) + 1}
        for i in _moved(old_ids, new_ids)
    ]
    changed = [c for c in (_item_change(old_items[i], new_items[i]) for i in new_ids if i in old_items) if c]
    editors = None
    if old["editors"] != new["editors"]:
        editors = {"old": "、".join(old["editors"]) or "（无）", "new": "、".join(new["editors"]) or "（无）"}
    result = {
        "header": _header(old, new),
        "distribution": _distribution(old, new),
        "editors": editors,
        "pages": old.get("pages") != new.get("pages"),
        "added": [new_items[i]["title"] for i in new_ids if i not in old_items],
        "removed": [old_items[i]["title"] for i in old_ids if i not in new_items],
        "moved": moved,
        "changed": changed,
    }
    result["empty"] = not any(result.values())
    return result
