"""People are named family name first (王晓, never “晓 王”) on every page and in every message."""

import pytest
from django.urls import reverse

from bulletins import actions, workflow
from bulletins.forms_issues import IssueHeaderForm
from bulletins.models import Role
from bulletins.templatetags.people import person

from . import factories
from .issue_helpers import login


def test_the_person_filter_puts_the_family_name_first_and_falls_back_to_the_username(db):
    assert person(factories.make_user(full_name="王晓")) == "王晓"
    assert person(factories.make_user("nameless")) == "nameless"
    assert person(None) == "系统"


def test_the_composer_offers_responsible_editors_by_their_chinese_names(composed_issue, responsible_editor):
    labels = [label for _, label in IssueHeaderForm(issue=composed_issue).fields["editor_0"].choices]
    assert "郝婕" in labels
    assert "婕 郝" not in labels


def test_refusing_a_non_responsible_editor_names_them_family_name_first(composed_issue, editor):
    with pytest.raises(workflow.WorkflowError, match="李德昭 不是责任编辑"):
        actions.update_issue(composed_issue, editor, expected_version=composed_issue.version, editors=[editor])


def test_item_history_and_the_signoff_queue_show_chinese_names(client, unit, contributor, editor, composed_issue, responsible_editor):
    item = factories.make_item(unit, contributor, title="区发改委召开会议")
    workflow.apply_transition(item, "submit", contributor)
    text = login(client, editor).get(reverse("item_review", args=[item.pk])).content.decode()
    assert "王晓" in text and "晓 王" not in text
    workflow.apply_transition(composed_issue, "submit_for_review", editor)
    text = login(client, responsible_editor).get(reverse("signoff_queue")).content.decode()
    assert "郝婕" in text and "婕 郝" not in text


def test_the_sign_in_greeting_uses_the_chinese_name(client, db):
    user = factories.make_user("zhangsan", Role.CONTRIBUTOR, units=[factories.make_unit()], full_name="张三丰")
    text = login(client, user).get(reverse("home")).content.decode()
    assert "您好，张三丰" in text
