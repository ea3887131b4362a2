"""Browser tests: Playwright driving Debian's Chromium, with axe-core checks.

Tests here are marked ``e2e`` automatically and normally use pytest-django's
``live_server``. The ``page`` fixture fails the test when the page logs a
Content Security Policy violation or throws an uncaught error.
"""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in this thread, and Django refuses
# ORM calls from a thread with a running loop unless told this is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, sync_playwright

CSP_MARKERS = ("Content Security Policy", "Refused to")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=CHROMIUM_ARGS,
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # The site's CSP stays enforced, so violations show up here;
    # assert_accessible injects axe through the DevTools protocol instead.
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    new_page = context.new_page()
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if any(marker in message.text for marker in CSP_MARKERS):
            problems.append(f"CSP violation: {message.text}")

    def on_page_error(error: Error) -> None:
        problems.append(f"Page error: {error.message}")

    new_page.on("console", on_console)
    new_page.on("pageerror", on_page_error)
    yield new_page
    context.close()
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems))
