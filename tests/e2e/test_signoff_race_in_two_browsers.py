"""Two people in two browsers: the 责任编辑 has the sign-off page open while the
编辑 changes the 编者按 and sends the issue for sign-off again. The 签发 button
on the page opened earlier is refused; the page reloads saying what changed,
and signing the content now shown works."""

import pytest
from playwright.sync_api import expect

from bulletins import workflow
from bulletins.models import IssueState, SignOff
from tests import factories
from tests.issue_helpers import accepted_items
from tests.e2e.signing_in import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

@pytest.fixture
def issue_in_review(bulletin, unit, contributor, editor, responsible_editor, other_responsible_editor, renderer):
    issue = factories.make_issue(bulletin, number=5, editors=[responsible_editor])
    items = accepted_items(unit, contributor, "春耕备耕有序推进", "复工复产稳步开展")
    factories.place(issue, items, lead=items[0])
    workflow.apply_transition(issue, "submit_for_review", editor)
    return issue


def test_a_signoff_on_a_page_opened_before_an_edit_is_refused_and_shows_the_change(issue_in_review, new_page):
    chief = new_page()
    sign_in(chief, "zeren")
    chief.goto(f"/issues/{issue_in_review.pk}/review/")
    version_line = chief.locator("#content-version")
    expect(version_line).to_contain_text("内容指纹")
    fingerprint_before = chief.locator("code.fingerprint").inner_text()

    # Meanwhile, in another browser, the editor adds a note and sends the issue again.
    desk = new_page()
    sign_in(desk, "bianji")
    desk.goto(f"/issues/{issue_in_review.pk}/compose/")
    desk.get_by_label("编者按").fill("送签后补充的编者按")
    desk.get_by_role("button", name="保存刊头").click()
    expect(desk.get_by_text("已退回“编排中”")).to_be_visible()
    desk.get_by_role("button", name="送签").click()
    expect(desk.locator(".badge", has_text="待签发").first).to_be_visible()

    # The responsible editor clicks 签发 on the page opened before the edit.
    chief.get_by_role("button", name="签发", exact=True).click()
    expect(chief.get_by_text("不一致，未签发")).to_be_visible()
    changes = chief.locator("#stale-changes")
    expect(changes).to_contain_text("编者按已修改")
    expect(chief.locator(".reading")).to_contain_text("送签后补充的编者按")
    assert chief.locator("code.fingerprint").inner_text() != fingerprint_before
    issue_in_review.refresh_from_db()
    assert issue_in_review.state == IssueState.IN_REVIEW
    assert not SignOff.objects.exists()

    # Signing what is now shown goes through.
    chief.get_by_role("button", name="签发", exact=True).click()
    expect(chief.locator(".badge", has_text="已签发").first).to_be_visible()
    signoff = SignOff.objects.get()
    assert signoff.fingerprint.startswith(chief.locator("code.fingerprint").inner_text())


def test_a_responsible_editor_not_on_the_issue_is_offered_no_signoff(issue_in_review, new_page):
    other = new_page()
    sign_in(other, "zeren2")
    other.goto(f"/issues/{issue_in_review.pk}/review/")
    expect(other.locator("#content-version")).to_contain_text("尚需签发：郝婕")
    expect(other.get_by_role("button", name="签发", exact=True)).to_have_count(0)
