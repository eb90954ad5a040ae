"""Browser journeys: Playwright's sync API driving Debian's Chromium against live_server."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

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


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium.")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core on the page as it is now: zero WCAG 2.2 AA violations."""

    def check(page):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
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


@pytest.fixture(autouse=True)
def _no_console_errors(page):
    """Fail a journey on a CSP refusal or any other console error."""
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield
    assert errors == []
