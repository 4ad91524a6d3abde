"""Signing in through the login page, as every end-to-end test starts."""

from playwright.sync_api import expect

# The password tests.factories.make_user gives every test user.
PASSWORD = "pass-1234"


def sign_in(page, username):
    page.goto("/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("button", name="退出")).to_be_visible()
