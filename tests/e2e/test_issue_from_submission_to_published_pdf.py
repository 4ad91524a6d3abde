"""In a real browser: a contributor submits an item, an editor accepts it and
composes an issue, a responsible editor signs it off, the issue is published,
and the downloaded PDF carries the item's text."""

import io

import pdfplumber
import pytest
from playwright.sync_api import expect

from tests import factories
from tests.e2e.signing_in import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "我区为三十个老旧小区加装电梯"
BODY = "今年首批加装电梯的小区已全部开工，预计年底前投入使用。"
@pytest.fixture
def newsroom(bulletin, contributor, editor, responsible_editor):
    factories.add_default_editor(bulletin, responsible_editor)
    factories.add_default_distribution(bulletin, "send", "区县处级领导")
    return bulletin


def test_an_item_travels_from_a_unit_to_a_published_pdf(newsroom, new_page):
    # 通讯员 writes and submits
    contributor = new_page()
    sign_in(contributor, "tongxunyuan")
    contributor.get_by_role("link", name="写稿").first.click()
    contributor.get_by_role("textbox", name="标题", exact=True).fill(TITLE)
    editor_area = contributor.locator(".ck-editor__editable")
    editor_area.click()
    editor_area.press_sequentially(BODY)
    contributor.get_by_role("button", name="保存并报送").click()
    expect(contributor.get_by_text("已报送").first).to_be_visible()

    # 编辑 accepts it from the inbox
    editor = new_page()
    sign_in(editor, "bianji")
    editor.get_by_role("link", name="来稿").first.click()
    editor.get_by_role("link", name=TITLE).click()
    editor.get_by_role("button", name="采用", exact=True).click()
    expect(editor.get_by_text("已采用").first).to_be_visible()

    # … and composes an issue with it, then sends it for sign-off
    editor.goto("/issues/new/")
    editor.get_by_role("button", name="新建并开始编排").click()
    editor.get_by_role("button", name=f"将《{TITLE}》编入本期").click()
    placed = editor.locator("li.placed-item", has_text=TITLE)
    expect(placed).to_be_visible()
    placed.get_by_label("头条").check()
    editor.get_by_role("button", name="保存编排").click()
    editor.get_by_role("button", name="送签").click()
    expect(editor.locator(".badge", has_text="待签发").first).to_be_visible()

    # 责任编辑 signs it off from the queue, and publishes it
    chief = new_page()
    sign_in(chief, "zeren")
    chief.get_by_role("link", name="待签发").first.click()
    chief.get_by_role("link", name="审阅签发").first.click()
    chief.get_by_role("button", name="签发", exact=True).click()
    expect(chief.locator(".badge", has_text="已签发").first).to_be_visible()
    # 印发 is irreversible: the page asks first. A persistent handler, not once():
    # removing the only listener as the dialog arrives lets Playwright dismiss it.
    chief.on("dialog", lambda dialog: dialog.accept())
    chief.get_by_role("button", name="印发").click()
    expect(chief.get_by_role("heading", name="已印发")).to_be_visible()

    # the final PDF, as downloaded, carries the item
    with chief.expect_download() as download_info:
        chief.get_by_role("link", name="下载", exact=True).click()
    pdf_bytes = open(download_info.value.path(), "rb").read()
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages).replace("\n", "").replace(" ", "")
    assert TITLE in text
    assert BODY in text
