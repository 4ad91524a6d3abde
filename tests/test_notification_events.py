"""Every workflow event tells exactly the people it concerns, once each: never
the person who acted, never someone who may not open the object."""

import pytest

from bulletins import actions, workflow
from bulletins.models import IssueState, ItemState
from bulletins.notifications.models import Kind, Notification

from . import factories
from .issue_helpers import accepted_items
from .notification_helpers import desk, recipients_of, submitted_item  # noqa: F401

pytestmark = pytest.mark.django_db

UNIT_PEOPLE = {"tongxunyuan": 1, "tongshi": 1}  # the unit's two contributors, not the other unit's
EDITORS = {"bianji": 1, "bianji2": 1}


def test_a_new_submission_tells_every_editor_once_and_nobody_else(desk, unit):
    item = factories.make_item(unit, desk["contributor"], title="春耕备耕", body="<p>正文。</p>")
    workflow.apply_transition(item, "submit", desk["contributor"])
    assert recipients_of(Kind.ITEM_SUBMITTED) == EDITORS
    assert Notification.objects.count() == 2


def test_a_submission_by_an_editor_is_not_told_to_that_editor(desk, unit):
    item = factories.make_item(unit, desk["editor"], title="编辑自写稿", body="<p>正文。</p>")
    workflow.apply_transition(item, "submit", desk["editor"])
    assert recipients_of(Kind.ITEM_SUBMITTED) == {"bianji2": 1}


def test_a_resubmission_after_return_is_its_own_kind(desk, unit):
    item = submitted_item(unit, desk["contributor"])
    workflow.apply_transition(item, "return", desk["editor"], "请补充数据")
    workflow.apply_transition(item, "submit", desk["colleague"])
    assert recipients_of(Kind.ITEM_RESUBMITTED) == EDITORS
    assert recipients_of(Kind.ITEM_SUBMITTED) == {}


@pytest.mark.parametrize("action, kind, comment", [
    ("accept", Kind.ITEM_ACCEPTED, ""),
    ("return", Kind.ITEM_RETURNED, "请补充具体数据"),
    ("decline", Kind.ITEM_DECLINED, "内容与上期重复"),
])
def test_an_editors_decision_tells_the_units_contributors_once_each(desk, unit, action, kind, comment):
    item = submitted_item(unit, desk["contributor"])
    workflow.apply_transition(item, action, desk["editor"], comment)
    assert recipients_of(kind) == UNIT_PEOPLE
    assert Notification.objects.count() == 2  # nothing to the other unit, the desk or the actor
    if comment:
        assert all(comment in n.body for n in Notification.objects.filter(kind=kind))


def test_an_editors_change_to_an_item_tells_its_unit(desk, unit):
    item = submitted_item(unit, desk["contributor"])
    actions.save_item(item, desk["editor"], title="我区老旧小区改造全面启动")
    assert recipients_of(Kind.ITEM_EDITED) == UNIT_PEOPLE
    assert Notification.objects.filter(kind=Kind.ITEM_EDITED).first().url.endswith("#editor-changes")


def test_a_contributors_own_save_tells_nobody(desk, unit):
    item = factories.make_item(unit, desk["contributor"])
    actions.save_item(item, desk["contributor"], title="新标题")
    assert Notification.objects.count() == 0


@pytest.fixture
def issue_in_review(desk, bulletin, unit, renderer):
    issue = factories.make_issue(bulletin, number=5, editors=[desk["signer"]])
    items = accepted_items(unit, desk["contributor"], "春耕备耕有序推进", "复工复产稳步开展")
    factories.place(issue, items, lead=items[0])
    workflow.apply_transition(issue, "submit_for_review", desk["editor"])
    return issue


def test_sending_for_signoff_tells_only_the_issues_own_responsible_editor(issue_in_review):
    assert recipients_of(Kind.ISSUE_FOR_SIGNOFF) == {"zeren": 1}
    assert Notification.objects.count() == 1  # not zeren2, who is not on this issue


def test_a_resubmission_after_a_return_points_the_responsible_editor_to_the_changes(desk, issue_in_review):
    workflow.apply_transition(issue_in_review, "reject", desk["signer"], "请调整顺序")
    workflow.apply_transition(issue_in_review, "submit_for_review", desk["editor"])
    again = Notification.objects.filter(kind=Kind.ISSUE_FOR_SIGNOFF).order_by("-id").first()
    assert again.recipient == desk["signer"] and "修改后重新送签" in again.title
    assert again.url.endswith("/review/#changes")


def test_a_return_by_the_responsible_editor_tells_the_editors_with_the_comment(desk, issue_in_review):
    workflow.apply_transition(issue_in_review, "reject", desk["signer"], "编者按需压缩")
    assert recipients_of(Kind.ISSUE_REJECTED) == EDITORS
    assert "编者按需压缩" in Notification.objects.filter(kind=Kind.ISSUE_REJECTED).first().body


def test_approval_tells_the_editors_it_is_ready_to_publish(desk, issue_in_review):
    workflow.apply_transition(issue_in_review, "approve", desk["signer"])
    assert recipients_of(Kind.ISSUE_APPROVED) == EDITORS


def test_a_change_after_approval_tells_the_issues_responsible_editor(desk, issue_in_review):
    workflow.apply_transition(issue_in_review, "approve", desk["signer"])
    actions.update_issue(issue_in_review, desk["editor"], series_title="春季农业生产（二）")
    issue_in_review.refresh_from_db()
    assert issue_in_review.state == IssueState.DRAFTING  # the sign-off was for other content
    assert recipients_of(Kind.ISSUE_CHANGED) == {"zeren": 1}


def test_publishing_tells_the_desk_once_and_each_unit_of_its_own_items(desk, issue_in_review, unit, other_unit):
    workflow.apply_transition(issue_in_review, "approve", desk["signer"])
    workflow.apply_transition(issue_in_review, "publish", desk["editor"])
    # the desk: every editor and responsible editor but the one who published
    assert recipients_of(Kind.ISSUE_PUBLISHED) == {"bianji2": 1, "zeren": 1, "zeren2": 1}
    # the unit: one per item, with a link to the reading edition
    assert recipients_of(Kind.ITEM_PUBLISHED) == {"tongxunyuan": 2, "tongshi": 2}
    published = Notification.objects.filter(kind=Kind.ITEM_PUBLISHED).first()
    assert published.url == f"/issues/{issue_in_review.pk}/read/"
    assert str(issue_in_review) in published.title
    assert not Notification.objects.filter(recipient=desk["other_contributor"]).exists()
    assert not Notification.objects.filter(recipient=desk["editor"], kind=Kind.ISSUE_PUBLISHED).exists()


def test_a_transition_that_fails_leaves_no_notification(desk, unit):
    item = submitted_item(unit, desk["contributor"])
    with pytest.raises(workflow.WorkflowError):
        workflow.apply_transition(item, "return", desk["editor"], "")  # a return needs its reason
    assert Notification.objects.count() == 0
    item.refresh_from_db()
    assert item.state == ItemState.SUBMITTED


def test_an_inactive_user_is_not_told(desk, unit):
    desk["editor2"].is_active = False
    desk["editor2"].save()
    item = factories.make_item(unit, desk["contributor"], title="春耕", body="<p>正文。</p>")
    workflow.apply_transition(item, "submit", desk["contributor"])
    assert recipients_of(Kind.ITEM_SUBMITTED) == {"bianji": 1}


def test_acting_on_an_object_settles_the_actors_waiting_notifications_about_it(desk, issue_in_review):
    waiting = Notification.objects.get(kind=Kind.ISSUE_FOR_SIGNOFF, recipient=desk["signer"])
    assert waiting.read_at is None
    workflow.apply_transition(issue_in_review, "approve", desk["signer"])
    waiting.refresh_from_db()
    assert waiting.read_at is not None
