"""Who may change content, and what an edit does to an issue's sign-off."""

import pytest

from bulletins import actions
from bulletins.models import IssueState, ItemState
from bulletins.workflow import PermissionDenied, WorkflowError, apply_transition

from . import factories


def test_a_contributor_cannot_edit_an_item_once_submitted(unit, contributor):
    item = factories.make_item(unit, contributor, state=ItemState.SUBMITTED)
    with pytest.raises(PermissionDenied):
        actions.save_item(item, contributor, title="改标题")


def test_a_contributor_cannot_edit_another_units_item(unit, contributor, other_contributor):
    item = factories.make_item(unit, contributor)
    with pytest.raises(PermissionDenied):
        actions.save_item(item, other_contributor, title="改标题")


def test_a_contributor_edits_a_returned_item_and_resubmits_it(unit, contributor, editor):
    item = factories.make_item(unit, contributor, state=ItemState.SUBMITTED)
    apply_transition(item, "return", editor, "请补充数据")
    item = actions.save_item(item, contributor, body="<p>补充了数据：完成投资46.8亿元。</p>")
    apply_transition(item, "submit", contributor)
    item.refresh_from_db()
    assert item.state == ItemState.SUBMITTED
    assert item.revisions.count() == 1


def test_the_attribution_defaults_to_the_units_short_name(unit, contributor):
    item = actions.create_item(contributor, unit, title="测试", body="<p>正文</p>")
    assert item.printed_attribution == "（区发改委）"


def test_an_editors_save_keeps_a_revision_so_the_original_can_be_compared(unit, contributor, editor):
    item = factories.make_item(unit, contributor, body="<p>原稿</p>")
    apply_transition(item, "submit", contributor)
    actions.save_item(item, editor, body="<p>编辑改稿</p>")
    assert list(item.revisions.values_list("reason", "body")) == [("submit", "<p>原稿</p>"), ("edit", "<p>编辑改稿</p>")]


def test_a_second_save_from_a_stale_form_is_a_conflict_and_keeps_the_first(unit, contributor, editor):
    item = factories.make_item(unit, contributor, state=ItemState.SUBMITTED)
    opened_at = item.version
    actions.save_item(item, editor, expected_version=opened_at, title="第一位编辑的标题")
    with pytest.raises(actions.EditConflict) as conflict:
        actions.save_item(item, editor, expected_version=opened_at, title="第二位编辑的标题")
    assert conflict.value.current.title == "第一位编辑的标题"
    item.refresh_from_db()
    assert item.title == "第一位编辑的标题"


def test_editing_an_approved_issue_takes_it_back_to_drafting_and_says_what_changed(bulletin, unit, contributor, editor, responsible_editor):
    issue = factories.make_issue(bulletin, state=IssueState.APPROVED, editors=[responsible_editor])
    actions.update_issue(issue, editor, series_title="改后的总标题")
    issue.refresh_from_db()
    assert issue.state == IssueState.DRAFTING
    log = issue.logs.get(action="reopen")
    assert log.actor == editor and "内容有修改" in log.comment


def test_editing_an_item_placed_in_an_approved_issue_takes_the_issue_back_to_drafting(bulletin, unit, contributor, editor, responsible_editor):
    issue = factories.make_issue(bulletin, state=IssueState.APPROVED, editors=[responsible_editor])
    item = factories.make_item(unit, contributor, state=ItemState.ACCEPTED)
    factories.place(issue, [item])
    actions.save_item(item, editor, body="<p>签发后的修改</p>")
    issue.refresh_from_db()
    assert issue.state == IssueState.DRAFTING


def test_a_published_issue_is_never_edited(bulletin, unit, contributor, editor):
    issue = factories.make_issue(bulletin, state=IssueState.PUBLISHED)
    item = factories.make_item(unit, contributor, state=ItemState.PUBLISHED)
    factories.place(issue, [item])
    with pytest.raises(WorkflowError, match="已印发"):
        actions.update_issue(issue, editor, series_title="偷改")
    with pytest.raises(PermissionDenied):
        actions.save_item(item, editor, title="偷改")
    issue.refresh_from_db()
    assert issue.series_title == ""


def test_only_accepted_items_can_be_placed_in_an_issue(bulletin, unit, contributor, editor):
    issue = factories.make_issue(bulletin)
    item = factories.make_item(unit, contributor, state=ItemState.SUBMITTED)
    with pytest.raises(WorkflowError, match="不是已采用"):
        actions.set_issue_items(issue, editor, [{"item": item}])
    item.refresh_from_db()
    assert item.issue is None


def test_new_issues_are_numbered_per_year_and_in_total_from_the_offset(newspaper, editor):
    import datetime

    first = actions.create_issue(newspaper, editor, issue_date=datetime.date(2025, 12, 26))
    second = actions.create_issue(newspaper, editor, issue_date=datetime.date(2026, 1, 2))
    third = actions.create_issue(newspaper, editor, issue_date=datetime.date(2026, 1, 9))
    assert [(i.year, i.number, i.total_number) for i in (first, second, third)] == [
        (2025, 1, 628), (2026, 1, 629), (2026, 2, 630)
    ]
    assert [p.label for p in third.pages.all()] == ["一版", "二版", "三版", "四版"]


def test_a_new_issue_starts_with_the_publications_editors_and_distribution(bulletin, editor, responsible_editor):
    from bulletins.models import DistributionKind

    factories.add_default_editor(bulletin, responsible_editor)
    factories.add_default_distribution(bulletin, DistributionKind.SEND, "区县处级领导")
    factories.add_default_distribution(bulletin, DistributionKind.ISSUE, "峡窝镇", "各街道办事处")
    issue = actions.create_issue(bulletin, editor)
    assert issue.ordered_editors() == [responsible_editor]
    assert issue.distribution_lines() == [("送", ["区县处级领导"]), ("发", ["峡窝镇", "各街道办事处"])]


def test_contributors_cannot_create_issues(bulletin, contributor):
    with pytest.raises(PermissionDenied):
        actions.create_issue(bulletin, contributor)
