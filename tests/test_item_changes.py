"""Item diffs from stored revisions: the editor reviewing a resubmission sees
the unit's changes since the version they returned, beside the changes since
the first submission; the unit sees what the editor changed."""

import pytest

from bulletins import actions, workflow
from bulletins.models import ItemState

from . import factories
from .issue_helpers import login

pytestmark = pytest.mark.django_db

FIRST = "<p>我区启动老旧管网改造工程，首批涉及六个小区。</p>"
EDITED = "<p>我区启动老旧管网改造工程，首批涉及六个小区，年内完工。</p>"
RESUBMITTED = "<p>我区启动老旧管网改造工程，首批涉及六个小区，总投资1200万元，年内完工。</p>"


@pytest.fixture
def resubmitted(unit, contributor, editor):
    item = factories.make_item(unit, contributor, title="我区启动老旧管网改造", body=FIRST)
    workflow.apply_transition(item, "submit", contributor)
    item = actions.save_item(item, editor, body=EDITED)  # the editor's touch before returning
    workflow.apply_transition(item, "return", editor, "请补充投资金额")
    actions.save_item(item, contributor, body=RESUBMITTED, title="我区启动老旧管网改造工程")
    workflow.apply_transition(item, "submit", contributor)
    item.refresh_from_db()
    return item


def test_the_editor_sees_the_units_changes_since_the_return_and_since_the_first_submission(client, resubmitted, editor):
    response = login(client, editor).get(f"/items/{resubmitted.pk}/review/")
    since_return = response.context["since_return"]
    assert since_return["reason"] == "请补充投资金额"
    assert since_return["stats"]["inserted"] == len("总投资1200万元，") and since_return["stats"]["deleted"] == 0
    assert since_return["title_old"] == "我区启动老旧管网改造"
    since_first = response.context["since_first"]
    assert since_first["stats"] == {"inserted": len("，总投资1200万元，年内完工"), "deleted": 0, "changed": True}
    assert '<ins class="diff-ins">，总投资1200万元，年内完工</ins>' in str(since_first["diff"])
    html = response.content.decode()
    assert "退回后重新报送：改了什么" in html and "与首次报送对比" in html and "退回后来稿单位的修改" in html


def test_a_first_submission_has_no_resubmission_panel(client, unit, contributor, editor):
    item = factories.make_item(unit, contributor, title="春耕", body=FIRST)
    workflow.apply_transition(item, "submit", contributor)
    response = login(client, editor).get(f"/items/{item.pk}/review/")
    assert "since_first" not in response.context
    assert "退回后重新报送" not in response.content.decode()


def test_the_unit_sees_what_the_editor_changed_on_a_returned_item(client, unit, contributor, editor):
    item = factories.make_item(unit, contributor, title="春耕", body=FIRST)
    workflow.apply_transition(item, "submit", contributor)
    item = actions.save_item(item, editor, body=EDITED, title="春耕备耕")
    workflow.apply_transition(item, "return", editor, "请补充数据")
    response = login(client, contributor).get(f"/items/{item.pk}/")
    change = response.context["editor_changes"]
    assert change["editors"] == "李德昭"
    assert change["title_old"] == "春耕" and change["title_new"] == "春耕备耕"
    html = response.content.decode()
    assert 'id="editor-changes"' in html and '<ins class="diff-ins">，年内完工</ins>' in html
    assert html.index('id="editor-changes"') < html.index('class="layout-2"')  # not hidden in the history


def test_the_unit_sees_what_the_editor_changed_on_a_published_item(client, unit, contributor, editor):
    item = factories.make_item(unit, contributor, title="春耕", body=FIRST)
    workflow.apply_transition(item, "submit", contributor)
    workflow.apply_transition(item, "accept", editor)
    actions.save_item(item, editor, body=EDITED)
    item.refresh_from_db()
    item.state = ItemState.PUBLISHED  # (published with its issue; the path is tested elsewhere)
    item.save()
    change = login(client, contributor).get(f"/items/{item.pk}/").context["editor_changes"]
    assert change["stats"]["inserted"] == len("，年内完工")


def test_an_item_the_editor_did_not_touch_shows_no_editor_changes(client, unit, contributor, editor):
    item = factories.make_item(unit, contributor, title="春耕", body=FIRST)
    workflow.apply_transition(item, "submit", contributor)
    workflow.apply_transition(item, "return", editor, "请补充数据")
    response = login(client, contributor).get(f"/items/{item.pk}/")
    assert "editor_changes" not in response.context
