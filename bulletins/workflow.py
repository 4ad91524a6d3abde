"""The editorial workflow: the transition tables and the one function that applies them.

``apply_transition`` is the only code that changes an item's or an issue's
``state``. It locks the row, checks the actor's permission and the transition's
guard, changes the state, runs the transition's side effects and writes a log
entry, all in one transaction.
"""

from dataclasses import dataclass, field
from typing import Callable, Optional

from django.db import transaction
from django.utils import timezone

from . import roles
from . import printed_content
from .printed_content import describe_issue, short_fingerprint
from .models import Issue, IssueRevision, IssueState, Item, ItemRevision, ItemState, SignOff, WorkflowLog, person_name
from .sanitize import has_visible_text


class WorkflowError(Exception):
    """A transition that cannot happen; the message is shown to the user."""


class TransitionNotAllowed(WorkflowError):
    pass


class PermissionDenied(WorkflowError):
    pass


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset
    target: str
    # who may perform it (user, locked object) -> bool
    allowed: Callable
    comment_label: str = ""  # non-empty: a comment is required, asked for under this label
    # extra precondition (user, obj) -> error message or None
    guard: Optional[Callable] = None
    # side effect run inside the transaction after the state change
    effect: Optional[Callable] = None
    internal: bool = False  # performed by another transition, never directly by a user
    # the page must send the content fingerprint it showed; a different one is refused
    binds_content: bool = False
    confirmation: str = field(default="")

    @property
    def comment_required(self):
        return bool(self.comment_label)


# ---------------------------------------------------------------- items


def _is_item_contributor(user, item):
    return roles.is_contributor(user) and item.unit_id in roles.user_unit_ids(user)


def _may_submit_item(user, item):
    return _is_item_contributor(user, item) or (roles.is_editor(user) and item.author_id == user.pk)


def _item_has_content(user, item):
    if not item.title.strip():
        return "稿件没有标题，不能报送。"
    if not has_visible_text(item.body):
        return "稿件没有正文，不能报送。"
    return None


def _accept_guard(user, item):
    if item.state == ItemState.DRAFT and item.author_id != user.pk:
        return "稿件尚未报送，不能采用。"
    return _item_has_content(user, item)


def _not_placed(user, item):
    if item.issue_id:
        return f"稿件已编入{item.issue}，请先从该期移出。"
    return None


def _record_submitted_revision(user, item, comment):
    item.submitted_at = timezone.now()
    ItemRevision.objects.create(
        item=item, title=item.title, body=item.body, attribution=item.attribution,
        reason=ItemRevision.Reason.SUBMIT, author=user,
    )


def _nobody(user, obj):
    return False


ITEM_TRANSITIONS = {
    t.action: t
    for t in [
        Transition(
            "submit", "报送", frozenset({ItemState.DRAFT, ItemState.RETURNED}), ItemState.SUBMITTED,
            allowed=_may_submit_item, guard=_item_has_content, effect=_record_submitted_revision,
            confirmation="稿件已报送，等待编辑处理。",
        ),
        Transition(
            "withdraw", "撤回", frozenset({ItemState.SUBMITTED}), ItemState.DRAFT,
            allowed=_may_submit_item, confirmation="稿件已撤回为草稿。",
        ),
        Transition(
            "accept", "采用", frozenset({ItemState.SUBMITTED, ItemState.DRAFT}), ItemState.ACCEPTED,
            allowed=lambda u, i: roles.is_editor(u), guard=_accept_guard,
            confirmation="稿件已采用，可以编入期刊。",
        ),
        Transition(
            "return", "退回", frozenset({ItemState.SUBMITTED, ItemState.ACCEPTED}), ItemState.RETURNED,
            allowed=lambda u, i: roles.is_editor(u), guard=_not_placed, comment_label="退回原因",
            confirmation="稿件已退回来稿单位修改。",
        ),
        Transition(
            "decline", "不采用", frozenset({ItemState.SUBMITTED, ItemState.ACCEPTED}), ItemState.DECLINED,
            allowed=lambda u, i: roles.is_editor(u), guard=_not_placed, comment_label="不采用原因",
            confirmation="稿件已标记为未采用。",
        ),
        Transition(
            "publish", "刊发", frozenset({ItemState.ACCEPTED}), ItemState.PUBLISHED,
            allowed=_nobody, internal=True,
        ),
    ]
}

# ---------------------------------------------------------------- issues


def _issue_ready_for_review(user, issue):
    if not issue.items.exists():
        return "本期还没有编入稿件，不能送签。"
    if not issue.editor_links.exists():
        return "请先指定本期的责任编辑。"
    return None


def is_listed_editor(user, issue):
    """The issue's own 责任编辑: holds the role and is listed on the issue."""
    return (
        roles.is_responsible_editor(user)
        and issue.editor_links.filter(user_id=getattr(user, "pk", None)).exists()
    )


def _may_publish(user, issue):
    return roles.is_editor(user) or is_listed_editor(user, issue)


def _not_signed_yet(user, issue):
    review = current_review(issue)
    if review is not None and review.signoffs.filter(editor_id=user.pk).exists():
        return "您已签发过本期，正在等待其他责任编辑签发。"
    return None


def _publish_issue(user, issue, comment):
    """Freeze the issue: its items become 已刊发 and the final PDF is stored with its checksum."""
    from .publishing import LayoutProblems, store_final_pdf

    for item in issue.items.select_for_update().order_by("position", "id"):
        _apply(item, ITEM_TRANSITIONS["publish"], user, f"随{issue}印发", check_permission=False)
    issue.published_at = timezone.now()
    try:
        store_final_pdf(issue, problems_accepted=_layout_accepted(issue))
    except LayoutProblems as exc:
        raise WorkflowError(str(exc)) from None


def _layout_accepted(issue):
    """Whether the 责任编辑 accepted the layout's problems since the issue was last signed off."""
    logs = WorkflowLog.objects.filter(issue=issue)
    approved = logs.filter(action="approve").order_by("-created_at", "-id").values_list("id", flat=True).first()
    return logs.filter(action="accept_layout", id__gt=approved or 0).exists()


ISSUE_TRANSITIONS = {
    t.action: t
    for t in [
        Transition(
            "submit_for_review", "送签", frozenset({IssueState.DRAFTING}), IssueState.IN_REVIEW,
            allowed=lambda u, i: roles.is_editor(u), guard=_issue_ready_for_review,
            confirmation="已送责任编辑签发。",
        ),
        Transition(
            "recall", "撤回编排", frozenset({IssueState.IN_REVIEW, IssueState.APPROVED}), IssueState.DRAFTING,
            allowed=lambda u, i: roles.is_editor(u), confirmation="已撤回，继续编排。",
        ),
        Transition(
            "approve", "签发", frozenset({IssueState.IN_REVIEW}), IssueState.APPROVED,
            allowed=is_listed_editor, confirmation="本期已签发，可以印发。",
            binds_content=True,
        ),
        Transition(
            "countersign", "会签", frozenset({IssueState.IN_REVIEW}), IssueState.IN_REVIEW,
            allowed=is_listed_editor, internal=True,
        ),
        Transition(
            "reject", "退回修改", frozenset({IssueState.IN_REVIEW, IssueState.APPROVED}), IssueState.DRAFTING,
            allowed=is_listed_editor, comment_label="退回意见",
            confirmation="已退回编辑修改。",
        ),
        Transition(
            "reopen", "修改后退回编排", frozenset({IssueState.IN_REVIEW, IssueState.APPROVED}), IssueState.DRAFTING,
            allowed=lambda u, i: roles.is_editor(u), internal=True,
        ),
        Transition(
            # An issue whose layout has problems (see typesetting.RenderedPDF.problems)
            # is printed only after the 责任编辑 accepts them.
            "accept_layout", "接受版面提示", frozenset({IssueState.APPROVED}), IssueState.APPROVED,
            allowed=lambda u, i: roles.is_responsible_editor(u),
            confirmation="已接受版面提示：本期将按现有版面印发。",
        ),
        Transition(
            "publish", "印发", frozenset({IssueState.APPROVED}), IssueState.PUBLISHED,
            allowed=_may_publish, effect=_publish_issue, confirmation="本期已印发，定稿PDF已存档。",
            binds_content=True,
        ),
    ]
}

ACTION_LABELS = {
    **{a: t.label for a, t in ITEM_TRANSITIONS.items()},
    **{a: t.label for a, t in ISSUE_TRANSITIONS.items()},
    "resubmit_after_edit": "修改后重新送签",  # older logs
    "repair": "数据修复",  # manage.py repair_data
}


class StaleContent(WorkflowError):
    """The page the user acted on showed other content than the issue has now."""

    def __init__(self, label, seen, current):
        self.seen, self.current = seen, current
        super().__init__(
            f"您页面上的内容（指纹 {short_fingerprint(seen) or '无'}）与本期当前内容（指纹 {short_fingerprint(current)}）"
            f"不一致，未{label}。页面已刷新，请核对修改后再{label}。"
        )


def current_review(issue):
    """The 送签 revision that opened the issue's current review round (None before the first)."""
    return issue.revisions.filter(reason="submit_for_review").order_by("-created_at", "-id").first()


def required_signers(issue):
    """(listed editors, editors who signed this round, editors who still must sign, rule)."""
    listed = issue.ordered_editors()
    review = current_review(issue) if issue.state in (IssueState.IN_REVIEW, IssueState.APPROVED) else None
    signed_ids = set(review.signoffs.values_list("editor_id", flat=True)) if review else set()
    signed = [u for u in listed if u.pk in signed_ids]
    rule = issue.publication.signoff_rule
    if issue.state != IssueState.IN_REVIEW:
        pending = []
    elif rule == issue.publication.SignoffRule.ALL:
        pending = [u for u in listed if u.pk not in signed_ids]
    else:
        pending = [] if signed else listed
    return listed, signed, pending, rule


def transitions_for(obj):
    return ITEM_TRANSITIONS if isinstance(obj, Item) else ISSUE_TRANSITIONS


def available_actions(user, obj):
    """Transitions this user may take on obj now (what the page offers)."""
    result = []
    for t in transitions_for(obj).values():
        if t.internal or obj.state not in t.sources or not t.allowed(user, obj):
            continue
        result.append(t)
    return result


def apply_transition(obj, action, actor, comment="", fingerprint=None, pdf_sha256=""):
    """Apply ``action`` to ``obj`` as ``actor``. Returns the updated object.

    Raises WorkflowError (with a Chinese message) when the transition is
    unknown, not allowed from the current state, not permitted for the actor,
    missing its required comment, or refused by its guard. Nothing is written
    then.

    签发 and 印发 bind to content: ``fingerprint`` is the fingerprint of the
    content the user was shown; when it is given (pages always give it, empty
    if their form had none) and differs from the issue's current one,
    StaleContent is raised. ``pdf_sha256`` is the hash of the PDF the signer saw.
    """
    table = transitions_for(obj)
    transition = table.get(action)
    if transition is None or transition.internal:
        raise TransitionNotAllowed("未知的操作。")
    with transaction.atomic():
        locked = type(obj).objects.select_for_update().get(pk=obj.pk)
        if transition.binds_content and fingerprint is not None:
            current = issue_fingerprint(locked)
            if fingerprint != current:
                _check(locked, transition, actor, comment)
                raise StaleContent(transition.label, fingerprint, current)
        if action == "approve":
            _sign_off(locked, transition, actor, comment, pdf_sha256)
        else:
            _apply(locked, transition, actor, comment)
    return locked


def issue_fingerprint(issue):
    return printed_content.issue_fingerprint(issue)


def _sign_off(locked, transition, actor, comment, pdf_sha256):
    """Record this responsible editor's 签发; the issue is approved once the
    publication's rule is met (one of the listed editors, or all of them)."""
    _check(locked, transition, actor, comment)
    problem = _not_signed_yet(actor, locked)
    if problem:
        raise WorkflowError(problem)
    review = current_review(locked)
    if review is None:  # issues put in review before revisions existed
        review = record_issue_revision(locked, "submit_for_review", None)
    SignOff.objects.create(
        issue=locked, editor=actor, review=review, version=locked.version,
        fingerprint=issue_fingerprint(locked), pdf_sha256=pdf_sha256 or "",
    )
    _, _, pending, _ = required_signers(locked)
    if pending:
        names = "、".join(person_name(u) for u in pending)
        _apply(locked, ISSUE_TRANSITIONS["countersign"], actor, comment or f"尚待{names}签发")
    else:
        _apply(locked, transition, actor, comment)


def _check(locked, transition, actor, comment="", check_permission=True):
    if locked.state not in transition.sources:
        raise TransitionNotAllowed(
            f"当前状态为“{locked.get_state_display()}”，不能{transition.label}。"
        )
    if check_permission and not transition.allowed(actor, locked):
        raise PermissionDenied(f"您没有权限{transition.label}。")
    comment = (comment or "").strip()
    if transition.comment_required and not comment:
        raise WorkflowError(f"请填写{transition.comment_label}。")
    if transition.guard:
        problem = transition.guard(actor, locked)
        if problem:
            raise WorkflowError(problem)
    return comment


def _apply(locked, transition, actor, comment="", check_permission=True):
    comment = _check(locked, transition, actor, comment, check_permission)
    from_state = locked.state
    locked.state = transition.target
    if transition.effect:
        transition.effect(actor, locked, comment)
    if isinstance(locked, Issue):
        locked.version += 1
    locked.save()
    log = WorkflowLog.objects.create(
        item=locked if isinstance(locked, Item) else None,
        issue=locked if isinstance(locked, Issue) else None,
        action=transition.action,
        from_state=from_state,
        to_state=transition.target,
        actor=actor if getattr(actor, "pk", None) else None,
        comment=comment,
    )
    if isinstance(locked, Issue):
        record_issue_revision(locked, transition.action, actor, log)
    return locked


def record_issue_revision(issue, reason, actor, log=None):
    """Store what the issue prints now (its description and fingerprint) as a revision."""
    description = describe_issue(issue)
    return IssueRevision.objects.create(
        issue=issue, version=issue.version, reason=reason, description=description,
        fingerprint=printed_content.fingerprint(description), pdf_sha256=issue.pdf_sha256, actor=actor if getattr(actor, "pk", None) else None, log=log,
    )


def reopen_after_edit(issue, actor, reason):
    """A content change to an issue in review or approved takes it back to 编排中
    (called by actions inside their transaction, after the change): the sign-off
    was for other content, so the round starts again."""
    if issue.state in ISSUE_TRANSITIONS["reopen"].sources:
        _apply(issue, ISSUE_TRANSITIONS["reopen"], actor, reason, check_permission=False)
        return True
    return False
