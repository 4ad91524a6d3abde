"""End-to-end tests: Playwright for Python driving Debian's Chromium against live_server.

Playwright's sync API runs an event loop in this thread, and Django then refuses
synchronous database calls from it; the tests only set up data before the
browser starts, so allowing it here (and only here) is safe.
"""

import os

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Opens a fresh browser context (its own cookies: one per signed-in person)."""
    contexts = []

    def open_page():
        context = browser.new_context(base_url=live_server.url, accept_downloads=True, locale="zh-CN")
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
