"""Browser journeys: Playwright's sync API driving Debian's Chromium against live_server."""

import os
import re
import weakref
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group

# The live server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

TABLET_PORTRAIT = {"width": 820, "height": 1180}
TABLET_LANDSCAPE = {"width": 1180, "height": 820}
PHONE = {"width": 390, "height": 844}
# Pages opened with JavaScript off: axe cannot run in them (its timers never fire).
NO_SCRIPT_PAGES = weakref.WeakSet()
SCRIPT_TAG = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)


# Last, after -m and -k have deselected: a run without browser tests (the PostgreSQL
# pass, -m "not browser") never needs Chromium, in CI either.
@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "browser" in item.keywords]
    if CHROMIUM.exists() or not browser_items:
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"{CHROMIUM} is missing; make test installs it as root.")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (sudo apt-get install chromium)")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def axe():
    return Axe()


def page_name(url):
    """A page's path with ids and tokens replaced, for the record of pages checked."""
    path = urlsplit(url).path
    path = re.sub(r"^/h/[^/]+/", "/h/<token>/", path)
    return re.sub(r"/\d+/", "/<id>/", path)


@pytest.fixture(scope="session")
def axe_record():
    """(test, page, viewport, title, violations) for every axe run.

    With AXE_REPORT=<file> set, written there as tab-separated lines at the end.
    """
    rows = []
    yield rows
    if report := os.environ.get("AXE_REPORT"):
        lines = ["\t".join(str(part) for part in row) for row in rows]
        Path(report).write_text("\n".join(lines) + "\n", encoding="utf-8")


def no_script_copy(browser, page):
    """The page as it is now, served at its own URL to a page that may run axe, with
    every script removed so it looks as it does with JavaScript off."""
    html = SCRIPT_TAG.sub("", page.content())
    copy = browser.new_page(viewport=page.viewport_size)
    copy.route(page.url, lambda route: route.fulfill(body=html, content_type="text/html"))
    copy.goto(page.url)
    return copy


@pytest.fixture
def assert_accessible(axe, axe_record, request, browser):
    """Run axe-core on the page as it is now: zero WCAG 2.2 AA violations."""

    def check(page):
        target = no_script_copy(browser, page) if page in NO_SCRIPT_PAGES else page
        AXE_RUNNING.add(target)
        try:
            results = axe.run(target, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            target.evaluate("0")  # the console events axe caused arrive before this answer
        finally:
            AXE_RUNNING.discard(target)
            if target is not page:
                target.close()
        viewport = page.viewport_size or {}
        axe_record.append(
            (
                request.node.name,
                page_name(page.url),
                f"{viewport.get('width')}x{viewport.get('height')}",
                page.title(),
                results.violations_count,
            )
        )
        assert results.violations_count == 0, results.generate_report()
        return results

    return check


@pytest.fixture
def assert_touch_targets():
    """Every visible interactive element's box is at least 44 x 44 CSS pixels.

    A skip link is 1 px until it has focus; it is measured focused.
    """

    def check(page, minimum=44):
        small = page.evaluate(
            """(minimum) => {
                const selector = 'a[href], button, input:not([type=hidden]), select, textarea, '
                    + 'summary, [role=button], [tabindex]:not([tabindex="-1"])';
                return [...document.querySelectorAll(selector)]
                    .filter(el => el.offsetParent !== null)
                    .map(el => {
                        const skip = el.classList.contains('visually-hidden-focusable');
                        if (skip) el.focus();
                        const target = el.closest('label') || el;
                        const box = target.getBoundingClientRect();
                        if (skip) el.blur();
                        return {html: el.outerHTML.slice(0, 120), w: box.width, h: box.height};
                    })
                    .filter(b => b.w < minimum || b.h < minimum);
            }""",
            minimum,
        )
        assert small == [], small

    return check


# axe's css-orientation-lock rule copies @import-ed stylesheets into <style> elements
# to read them; the strict CSP refuses those copies. Only that refusal, only while
# axe runs, is not the page's own error.
AXE_RUNNING = weakref.WeakSet()
AXE_STYLE_COPY = "Applying inline style violates the following Content Security Policy directive"
# Chromium reports a page served as 404 or 410 as a console error; for the page itself
# (not a script or image it loads) that status is the server's answer the journey checks.
STATUS_ERROR = "Failed to load resource: the server responded with a status of 4"


def watch_console(page, errors):
    def on_console(msg):
        if msg.type != "error":
            return
        if page in AXE_RUNNING and msg.text.startswith(AXE_STYLE_COPY):
            return
        if msg.text.startswith(STATUS_ERROR) and msg.location.get("url") == page.url:
            return
        errors.append(f"{page.url}: {msg.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))


@pytest.fixture(autouse=True)
def _no_console_errors(page):
    """Fail a journey on a CSP refusal or any other console error."""
    errors = []
    watch_console(page, errors)
    yield
    assert errors == []


@pytest.fixture
def open_page(browser):
    """A page in a browser context of its own (another device or person), with the same
    console-error guard as `page`: open_page(viewport=PHONE, java_script_enabled=False)."""
    contexts, errors = [], []

    def _open(**context_options):
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        watch_console(page, errors)
        if context_options.get("java_script_enabled") is False:
            NO_SCRIPT_PAGES.add(page)
        return page

    yield _open
    for context in contexts:
        context.close()
    assert errors == []


STAFF_PASSWORD = "a long test password"


@pytest.fixture
def sign_in(page, live_server, django_user_model):
    """Create a staff user in `role` and sign them in on `on` (default: `page`)."""

    def _sign_in(role, username, *, on=None, **fields):
        on = on or page
        user = django_user_model.objects.create_user(username, password=STAFF_PASSWORD, **fields)
        user.groups.add(Group.objects.get(name=role))
        on.goto(f"{live_server.url}/accounts/login/")
        on.get_by_label("Username").fill(username)
        on.get_by_label("Password").fill(STAFF_PASSWORD)
        on.get_by_role("button", name="Sign in").click()
        on.wait_for_url(f"{live_server.url}/staff/")
        return user

    return _sign_in


@pytest.fixture
def screen_checks(assert_accessible, assert_touch_targets):
    """A kiosk screen: axe with zero violations and 44 x 44 px touch targets."""

    def check(page):
        assert_accessible(page)
        assert_touch_targets(page)

    return check
