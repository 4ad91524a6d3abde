""""What changed since I last looked" for a responsible editor on an issue.

The baselines are stored: the IssueRevision written when this user sent the
issue back (退回修改) or signed it off (签发), and the IssueVisit written when
they last opened the review page. The comparison is against what the issue
prints now.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as date_format

from .. import roles
from ..models import IssueRevision, IssueState
from ..printed_content import describe_issue, fingerprint
from .issue_diff import compare
from .models import IssueVisit

LABELS = {"reject": "自您退回修改", "approve": "自您签发", "visit": "自您上次查看"}


def _when(moment):
    return date_format(timezone.localtime(moment), "n月j日 H:i")


def baselines(issue, user, previous_visit=None):
    """{key: (moment, description)} of the stored versions this user can compare with."""
    found = {}
    for reason in ("reject", "approve"):
        revision = (
            IssueRevision.objects.filter(issue=issue, reason=reason, actor=user).order_by("-created_at", "-id").first()
        )
        if revision:
            found[reason] = (revision.created_at, revision.description)
    if previous_visit:
        found["visit"] = (previous_visit.seen_at, previous_visit.description)
    return found


def default_baseline(found):
    decisions = [key for key in ("reject", "approve") if key in found]
    if decisions:
        return max(decisions, key=lambda key: found[key][0])
    return "visit" if "visit" in found else None


def since_last_look(issue, user, since=None, record=True):
    """The review page's 'what changed' panel for a responsible editor (None for
    others, for published issues and on a first look), and the visit recorded."""
    if not roles.is_responsible_editor(user) or issue.state == IssueState.PUBLISHED:
        return None
    now = describe_issue(issue)
    previous = IssueVisit.objects.filter(user=user, issue=issue).first()
    found = baselines(issue, user, previous)
    if record:
        with transaction.atomic():
            IssueVisit.objects.update_or_create(
                user=user, issue=issue,
                defaults={"description": now, "fingerprint": fingerprint(now), "seen_at": timezone.now()},
            )
    key = since if since in found else default_baseline(found)
    if key is None:
        return None
    moment, description = found[key]
    return {
        "key": key,
        "label": f"{LABELS[key]}（{_when(moment)}）以来",
        "choices": [(k, f"{LABELS[k]}（{_when(found[k][0])}）") for k in ("reject", "approve", "visit") if k in found],
        "diff": compare(description, now),
    }
