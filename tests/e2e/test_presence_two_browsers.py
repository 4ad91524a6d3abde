"""In two real browsers: the second editor sees the first one's name appear on
an item's review page while the first has it open, and disappear when they leave;
the soft lock taken in one shows in the other."""

import pytest
from playwright.sync_api import expect

from bulletins.models import Role
from tests import factories
from tests.e2e.signing_in import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

@pytest.fixture
def item(settings, editor, contributor, unit):
    settings.NEWSROOM_PRESENCE_PING_SECONDS = 1  # the page pings every second here (15 s by default)
    factories.make_user("bianji2", Role.EDITOR, full_name="孙悦")
    return factories.make_item(unit, contributor, title="我区启动老旧管网改造", state="submitted")


def test_the_second_editor_sees_the_first_appear_and_disappear(item, new_page):
    first = new_page()
    sign_in(first, "bianji")
    first.goto(f"/items/{item.pk}/review/")
    expect(first.get_by_role("button", name="我来编辑")).to_be_visible()

    second = new_page()
    sign_in(second, "bianji2")
    second.goto(f"/items/{item.pk}/review/")
    banner = second.locator(".presence")
    expect(banner.get_by_text("李德昭 正在审稿")).to_be_visible()
    expect(banner.get_by_role("button", name="请他让出编辑")).to_be_hidden()

    first.get_by_role("button", name="我来编辑").click()
    expect(banner.get_by_text("李德昭 已声明“我来编辑”")).to_be_visible()
    expect(banner.get_by_role("button", name="请他让出编辑")).to_be_visible()
    expect(banner.get_by_role("button", name="我来编辑")).to_be_hidden()
    expect(banner.get_by_role("button", name="解除锁定（管理员）")).to_be_hidden()

    first.get_by_role("button", name="解除我的锁定").click()
    expect(banner.get_by_text("已声明“我来编辑”")).to_be_hidden()

    first.goto("/")  # leaving the page ends its session
    expect(banner.get_by_text("李德昭")).to_have_count(0)


def test_an_editor_is_warned_before_saving_over_a_newer_version(item, new_page):
    first = new_page()
    sign_in(first, "bianji")
    first.goto(f"/items/{item.pk}/review/")
    second = new_page()
    sign_in(second, "bianji2")
    second.goto(f"/items/{item.pk}/review/")
    second.get_by_role("textbox", name="标题", exact=True).fill("我区老旧管网改造全面启动")
    second.get_by_role("button", name="保存修改").click()
    expect(second.get_by_text("修改已保存")).to_be_visible()

    warning = first.locator(".presence-newer")
    expect(warning).to_be_visible()
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept()

    first.on("dialog", answer)
    first.get_by_role("button", name="保存修改").click()
    expect(first.get_by_text("在您编辑期间，其他人已保存了修改")).to_be_visible()  # the conflict page, last line of defence
    assert any("有人已保存了更新的版本" in q for q in questions)
