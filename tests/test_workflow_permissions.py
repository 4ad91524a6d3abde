"""Every transition, from every state, for every role: allowed exactly where the
editorial rules say so, refused everywhere else with nothing written.

The expectations below are written out by hand from the rules in the issue,
not derived from bulletins.workflow, so the table and the code check each other.
"""

import pytest

from bulletins.models import IssueState, ItemState, WorkflowLog
from bulletins.workflow import WorkflowError, apply_transition

from . import factories

# other_responsible_editor holds the role but is not listed on the issue; superuser
# was made with createsuperuser and holds no editorial group.
ROLES = [
    "contributor", "other_contributor", "editor", "responsible_editor", "other_responsible_editor",
    "administrator", "superuser",
]
COMMENT = "请补充数据后重新报送。"

# (action, from_state, role) triples that must succeed; every other combination must fail.
ITEM_ALLOWED = {
    ("submit", ItemState.DRAFT, "contributor"),
    ("submit", ItemState.RETURNED, "contributor"),
    ("withdraw", ItemState.SUBMITTED, "contributor"),
    ("accept", ItemState.SUBMITTED, "editor"),
    ("return", ItemState.SUBMITTED, "editor"),
    ("return", ItemState.ACCEPTED, "editor"),
    ("decline", ItemState.SUBMITTED, "editor"),
    ("decline", ItemState.ACCEPTED, "editor"),
}
ITEM_TARGET = {
    "submit": ItemState.SUBMITTED,
    "withdraw": ItemState.DRAFT,
    "accept": ItemState.ACCEPTED,
    "return": ItemState.RETURNED,
    "decline": ItemState.DECLINED,
    "publish": ItemState.PUBLISHED,
}

ISSUE_ALLOWED = {
    ("submit_for_review", IssueState.DRAFTING, "editor"),
    ("recall", IssueState.IN_REVIEW, "editor"),
    ("recall", IssueState.APPROVED, "editor"),
    ("approve", IssueState.IN_REVIEW, "responsible_editor"),
    ("reject", IssueState.IN_REVIEW, "responsible_editor"),
    ("reject", IssueState.APPROVED, "responsible_editor"),
    ("publish", IssueState.APPROVED, "editor"),
    ("publish", IssueState.APPROVED, "responsible_editor"),
}
ISSUE_TARGET = {
    "submit_for_review": IssueState.IN_REVIEW,
    "recall": IssueState.DRAFTING,
    "approve": IssueState.APPROVED,
    "reject": IssueState.DRAFTING,
    "publish": IssueState.PUBLISHED,
    "countersign": IssueState.IN_REVIEW,
    "reopen": IssueState.DRAFTING,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", list(ItemState))
@pytest.mark.parametrize("action", list(ITEM_TARGET))
def test_item_transition_is_allowed_only_where_the_rules_say(request, action, state, role, unit, contributor):
    actor = request.getfixturevalue(role)
    item = factories.make_item(unit, contributor, title="区发改委推进项目建设", state=state)
    logs_before = WorkflowLog.objects.count()

    if (action, state, role) in ITEM_ALLOWED:
        result = apply_transition(item, action, actor, COMMENT)
        assert result.state == ITEM_TARGET[action]
        item.refresh_from_db()
        assert item.state == ITEM_TARGET[action]
        log = WorkflowLog.objects.get(item=item)
        assert (log.action, log.from_state, log.to_state, log.actor) == (action, state, ITEM_TARGET[action], actor)
        assert log.comment == COMMENT
    else:
        with pytest.raises(WorkflowError):
            apply_transition(item, action, actor, COMMENT)
        item.refresh_from_db()
        assert item.state == state
        assert WorkflowLog.objects.count() == logs_before


@pytest.fixture
def issue_for(bulletin, unit, contributor, responsible_editor):
    def build(state):
        issue = factories.make_issue(bulletin, state=state, editors=[responsible_editor])
        item_state = ItemState.PUBLISHED if state == IssueState.PUBLISHED else ItemState.ACCEPTED
        item = factories.make_item(unit, contributor, title="我区召开项目建设推进会", state=item_state)
        factories.place(issue, [item], lead=item)
        return issue

    return build


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", list(IssueState))
@pytest.mark.parametrize("action", list(ISSUE_TARGET))
def test_issue_transition_is_allowed_only_where_the_rules_say(request, action, state, role, issue_for):
    actor = request.getfixturevalue(role)
    issue = issue_for(state)
    logs_before = WorkflowLog.objects.count()

    if (action, state, role) in ISSUE_ALLOWED:
        apply_transition(issue, action, actor, COMMENT)
        issue.refresh_from_db()
        assert issue.state == ISSUE_TARGET[action]
        log = WorkflowLog.objects.filter(issue=issue).get()
        assert (log.action, log.from_state, log.to_state, log.actor) == (action, state, ISSUE_TARGET[action], actor)
    else:
        with pytest.raises(WorkflowError):
            apply_transition(issue, action, actor, COMMENT)
        issue.refresh_from_db()
        assert issue.state == state
        assert WorkflowLog.objects.count() == logs_before


def test_an_editor_may_accept_an_item_they_wrote_themselves_without_submitting_it(unit, editor):
    item = factories.make_item(unit, editor, title="编辑部自采稿件")
    apply_transition(item, "accept", editor)
    item.refresh_from_db()
    assert item.state == ItemState.ACCEPTED


@pytest.mark.parametrize("action", ["return", "decline"])
def test_returning_or_declining_without_a_reason_is_refused(action, unit, contributor, editor):
    item = factories.make_item(unit, contributor, state=ItemState.SUBMITTED)
    with pytest.raises(WorkflowError, match="原因"):
        apply_transition(item, action, editor, "   ")
    item.refresh_from_db()
    assert item.state == ItemState.SUBMITTED


def test_sending_an_issue_back_needs_a_comment(bulletin, responsible_editor, issue_for):
    issue = issue_for(IssueState.IN_REVIEW)
    with pytest.raises(WorkflowError, match="退回意见"):
        apply_transition(issue, "reject", responsible_editor, "")


def test_an_item_without_body_cannot_be_submitted(unit, contributor):
    item = factories.make_item(unit, contributor, body="")
    with pytest.raises(WorkflowError, match="正文"):
        apply_transition(item, "submit", contributor)


def test_submitting_keeps_the_units_original_text_as_a_revision(unit, contributor):
    item = factories.make_item(unit, contributor, body="<p>原稿内容</p>")
    apply_transition(item, "submit", contributor)
    revision = item.revisions.get()
    assert revision.reason == "submit"
    assert revision.body == "<p>原稿内容</p>"


def test_an_issue_with_no_items_cannot_go_for_sign_off(bulletin, editor, responsible_editor):
    issue = factories.make_issue(bulletin, editors=[responsible_editor])
    with pytest.raises(WorkflowError, match="还没有编入稿件"):
        apply_transition(issue, "submit_for_review", editor)


def test_publishing_freezes_the_issue_and_prints_its_items(bulletin, editor, issue_for):
    issue = issue_for(IssueState.APPROVED)
    apply_transition(issue, "publish", editor)
    issue.refresh_from_db()
    assert issue.pdf and len(issue.pdf_sha256) == 64
    assert issue.published_at is not None
    assert set(issue.items.values_list("state", flat=True)) == {ItemState.PUBLISHED}
