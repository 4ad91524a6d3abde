"""What changed in an item, from its stored revisions (ItemRevision).

- for the editor reviewing a resubmission: the unit's changes since the
  version the editor returned, beside the changes since the first submission;
- for the unit opening a returned or published item: what the editor changed
  in what the unit last submitted.
"""

from ..diffing import diff_html, diff_stats
from ..models import ItemRevision, ItemState, person_name


def _compare(old, new_title, new_body, label, since):
    return {
        "label": label,
        "since": since,
        "title_old": old.title if old.title != new_title else None,
        "title_new": new_title,
        "diff": diff_html(old.body, new_body),
        "stats": diff_stats(old.body, new_body),
    }


def for_review(item):
    """The resubmission comparisons for the editor's review page (empty before a resubmission)."""
    revisions = list(item.revisions.order_by("created_at", "id"))
    submissions = [r for r in revisions if r.reason == ItemRevision.Reason.SUBMIT]
    if len(submissions) < 2:
        return {}
    latest = submissions[-1]
    returned = (
        item.logs.filter(action="return", created_at__lte=latest.created_at).order_by("-created_at", "-id").first()
    )
    context = {
        "since_first": _compare(submissions[0], item.title, item.body, "与首次报送对比",
                                submissions[0].created_at),
    }
    if returned:
        # The text as it stood when the editor returned it: the last revision before the return.
        at_return = [r for r in revisions if r.created_at <= returned.created_at]
        if at_return:
            base = at_return[-1]
            context["since_return"] = _compare(base, latest.title, latest.body, "退回后来稿单位的修改", returned.created_at)
            context["since_return"]["returned_by"] = person_name(returned.actor) if returned.actor else "编辑"
            context["since_return"]["reason"] = returned.comment
    return context


def for_unit(item):
    """What the editor changed in the unit's last submission (returned, accepted or published items)."""
    if item.state not in (ItemState.RETURNED, ItemState.PUBLISHED, ItemState.ACCEPTED):
        return {}
    revisions = list(item.revisions.select_related("author").order_by("created_at", "id"))
    submissions = [i for i, r in enumerate(revisions) if r.reason == ItemRevision.Reason.SUBMIT]
    if not submissions:
        return {}
    base = revisions[submissions[-1]]
    edits = [r for r in revisions[submissions[-1] + 1:] if r.reason == ItemRevision.Reason.EDIT]
    if not edits:
        return {}
    last = edits[-1]
    change = _compare(base, last.title, last.body, "与您报送的版本对比", base.created_at)
    change["editors"] = "、".join(dict.fromkeys(person_name(r.author) for r in edits if r.author)) or "编辑"
    change["edited_at"] = last.created_at
    return {"editor_changes": change}
