"""After sign-in each role lands on a home page that shows what waits for it."""

from django.urls import reverse

from bulletins import workflow
from bulletins.models import ItemState

from . import factories


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_signing_in_lands_on_home_and_signing_out_returns_to_login(client, contributor):
    page = client.get(reverse("login")).content.decode()
    assert "登录" in page and "csrfmiddlewaretoken" in page
    response = client.post(reverse("login"), {"username": "tongxunyuan", "password": "pass-1234"})
    assert response["Location"] == reverse("home")
    assert "王晓" in client.get(reverse("home")).content.decode()
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302


def test_a_wrong_password_gets_a_clear_message(client, contributor):
    response = client.post(reverse("login"), {"username": "tongxunyuan", "password": "wrong"})
    assert "用户名或密码不正确" in response.content.decode()


def test_contributor_home_counts_items_by_state_and_shows_return_reasons(client, contributor, unit, editor, other_unit, other_contributor):
    factories.make_item(unit, contributor, title="一篇草稿")
    returned = factories.make_item(unit, contributor, title="要修改的稿件", state=ItemState.SUBMITTED)
    workflow.apply_transition(returned, "return", editor, "请核实数据来源。")
    factories.make_item(other_unit, other_contributor, title="外单位的稿件", state=ItemState.SUBMITTED)
    client.force_login(contributor)
    page = client.get(reverse("home")).content.decode()
    assert "一篇草稿" in page
    assert "要修改的稿件" in page and "请核实数据来源。" in page
    assert "外单位的稿件" not in page
    assert "编辑工作台" not in page


def test_editor_home_shows_waiting_items_unplaced_items_and_issues_in_drafting(client, editor, contributor, unit, bulletin):
    factories.make_item(unit, contributor, title="待处理的来稿", state=ItemState.SUBMITTED)
    factories.make_item(unit, contributor, title="已采用未编入", state=ItemState.ACCEPTED)
    placed = factories.make_item(unit, contributor, title="已编入的稿件", state=ItemState.ACCEPTED)
    issue = factories.make_issue(bulletin, number=3)
    factories.place(issue, [placed])
    client.force_login(editor)
    response = client.get(reverse("home"))
    page = response.content.decode()
    assert "待处理的来稿" in page and "已采用未编入" in page
    assert "已编入的稿件" not in page
    assert str(issue) in page
    assert response.context["editor"]["submitted_count"] == 1
    assert response.context["editor"]["unplaced_count"] == 1
    assert response.context["editor"]["drafting_count"] == 1


def test_responsible_editor_home_shows_issues_awaiting_signoff(client, responsible_editor, bulletin):
    issue = factories.make_issue(bulletin, number=5, state="in_review", editors=[responsible_editor])
    factories.make_issue(bulletin, number=6)
    client.force_login(responsible_editor)
    response = client.get(reverse("home"))
    page = response.content.decode()
    assert str(issue) in page and "请您签发" in page
    assert response.context["signoff"]["count"] == 1
    assert "编辑工作台" not in page


def test_administrator_home_links_to_the_admin(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("home")).content.decode()
    assert reverse("admin:index") in page


def test_a_user_without_a_role_is_told_to_ask_the_administrator(client, db):
    user = factories.make_user("nobody")
    client.force_login(user)
    assert "尚未分配角色" in client.get(reverse("home")).content.decode()


def test_names_are_shown_family_name_first(client, editor):
    client.force_login(editor)
    page = client.get(reverse("home")).content.decode()
    assert "李德昭" in page
    assert "德昭 李" not in page
