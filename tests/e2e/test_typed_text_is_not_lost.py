"""In a real browser: the writing form warns before leaving with unsaved text,
autosaves a copy on the server and offers it back on return, and a text too
large to send is stopped on the page instead of being lost to an error page."""

import pytest
from playwright.sync_api import expect

from tests.e2e.signing_in import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "工业路街道开展冬季消防检查"
BODY = "街道组织社区网格员对辖区九小场所逐一排查。"


def type_an_item(page):
    page.goto("/items/new/")
    page.get_by_role("textbox", name="标题", exact=True).fill(TITLE)
    body = page.locator(".ck-editor__editable")
    body.click()
    body.press_sequentially(BODY)


def test_leaving_warns_and_the_autosaved_copy_is_offered_back(settings, contributor, new_page):
    settings.NEWSROOM_AUTOSAVE_SECONDS = 1
    page = new_page()
    sign_in(page, "tongxunyuan")
    type_an_item(page)
    expect(page.locator("[data-autosave-status]")).to_contain_text("已自动保存草稿副本")

    seen = []

    def stay(dialog):
        seen.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="上街区委 · 信息编辑系统").click()
    expect(page.get_by_role("textbox", name="标题", exact=True)).to_have_value(TITLE)
    assert seen == ["beforeunload"]
    page.remove_listener("dialog", stay)

    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("link", name="上街区委 · 信息编辑系统").click()
    page.wait_for_url("**/")
    page.goto("/items/new/")
    expect(page.get_by_text("自动保存了一份副本")).to_be_visible()
    page.get_by_role("link", name="恢复这份副本").click()

    expect(page.get_by_role("textbox", name="标题", exact=True)).to_have_value(TITLE)
    expect(page.locator(".ck-editor__editable")).to_contain_text(BODY)


def test_a_text_too_large_to_send_stays_on_the_page_with_a_chinese_warning(settings, contributor, new_page):
    page = new_page()
    sign_in(page, "tongxunyuan")
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200  # bytes: the typed title and body alone are larger
    type_an_item(page)
    messages = []
    page.on("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))

    page.get_by_role("button", name="保存草稿").click()

    expect(page.get_by_role("textbox", name="标题", exact=True)).to_have_value(TITLE)
    assert len(messages) == 1 and messages[0].startswith("内容太长，无法保存")
    assert "您的文字仍在页面上，没有丢失" in messages[0]
    assert page.url.endswith("/items/new/")
