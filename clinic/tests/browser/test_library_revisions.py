"""Draft revisions of live library pages: an editor changes the published "Massage"
page, patients keep the old text until a clinical reviewer publishes the change.

LIBRARY_SCREENSHOTS=1 also writes docs/screenshots/12-library-edit-grade.png and
13-library-compare.png (the viewport, at TABLET_LANDSCAPE).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from clinic import roles
from clinic.tests.browser.conftest import PHONE, TABLET_LANDSCAPE, watch_console
from education.models import CatalogueItem
from education.seed import load_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("LIBRARY_SCREENSHOTS") == "1"
SCREENSHOTS_DIR = Path(settings.BASE_DIR) / "docs" / "screenshots"

# The seeded body's second sentence (one line of it), and the one the editor writes.
OLD_WORDS = "they focus on your lower back"
OLD_SENTENCE = (
    "For nerve pain in the leg, they focus on your lower back, buttocks,\nthighs and calves."
)
NEW_SENTENCE = "For leg pain from a nerve, they work on your back, hips, thighs and calves."
# Deliberately long and full of long words: the grade report must single it out.
HARD_SENTENCE = (
    "Therapeutic manipulation of the musculature surrounding the compressed "
    "neurological structures, undertaken systematically by appropriately accredited "
    "practitioners, frequently facilitates considerable symptomatic amelioration, "
    "particularly regarding radiating discomfort experienced throughout the "
    "posterior lower extremities."
)
EDITOR = {"first_name": "Erin", "last_name": "Ellis"}
REVIEWER = {"first_name": "Rhys", "last_name": "Morgan"}
# The reading-grade report under the body textarea: its grade line and hardest sentences.
BODY_REPORT = ".field-body .grade-report"


# Keep the body's report in view, and as much of the status panel above it as fits.
SCROLL_TO_BODY_REPORT = """() => {
    const top = (selector) => document.querySelector(selector).getBoundingClientRect();
    const status = top('.editor-status').top + scrollY - 8;
    const report = top('.field-body .grade-report').bottom + scrollY + 8 - innerHeight;
    window.scrollTo(0, Math.max(status, report));
}"""


def shot(page, name):
    if SCREENSHOTS:
        SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS_DIR / f"{name}.png", animations="disabled", caret="hide")


def type_body(page, text):
    """Replace the body and wait for htmx to bring its new reading grade."""
    report = page.locator(BODY_REPORT)
    before = report.inner_text()
    page.get_by_label("Body:").fill(text)
    expect(report).not_to_have_text(before)
    return report


def edit_url(live_server, item):
    return f"{live_server.url}/admin/education/catalogueitem/{item.pk}/change/"


def test_editor_changes_a_live_page_and_a_reviewer_publishes_it(
    page, live_server, sign_in, open_page, assert_accessible
):
    load_catalogue()
    item = CatalogueItem.objects.get(slug="massage")
    old_body = item.body
    assert OLD_SENTENCE in old_body
    new_body = old_body.replace(OLD_SENTENCE, NEW_SENTENCE)

    page.set_viewport_size(TABLET_LANDSCAPE)
    sign_in(roles.CONTENT_ADMIN, "editor", is_staff=True, **EDITOR)
    page.goto(edit_url(live_server, item))
    status = page.locator(".editor-status")
    expect(status.get_by_role("heading", level=2)).to_have_text("Live")
    expect(status.locator("#grade-overall")).to_contain_text("Reading grade")

    # A long, hard sentence: the report under the body calls it too hard and marks it.
    report = type_body(page, f"{old_body}\n\n{HARD_SENTENCE}")
    expect(report.get_by_role("status")).to_contain_text("too hard for many patients")
    expect(report.locator("mark").first).to_contain_text("Therapeutic manipulation")
    page.evaluate(SCROLL_TO_BODY_REPORT)
    shot(page, "12-library-edit-grade")

    # The plain sentence the editor settles on.
    report = type_body(page, new_body)
    expect(report.get_by_role("status")).not_to_contain_text("too hard")
    expect(report.locator("mark", has_text="Therapeutic")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("button", name="Save changes (not yet live)").click()
    expect(page.get_by_text("Saved. Patients still see the published version")).to_be_visible()
    expect(page.get_by_label("Body:")).to_have_value(new_body)
    expect(status.get_by_role("heading", level=2)).to_have_text("Live, with unpublished changes")

    patient = open_page(viewport=PHONE)
    patient.goto(f"{live_server.url}/learn/massage/")
    expect(patient.get_by_text(OLD_WORDS)).to_be_visible()
    expect(patient.get_by_text(NEW_SENTENCE)).to_have_count(0)

    preview_errors = []
    page.context.on("page", lambda opened: watch_console(opened, preview_errors))
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Preview changes").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert "/preview/" in preview.url
    expect(preview.get_by_role("status")).to_contain_text(
        "patients still see the published version until it is published"
    )
    expect(preview.get_by_text(NEW_SENTENCE)).to_be_visible()
    expect(preview.get_by_text(OLD_WORDS)).to_have_count(0)
    assert_accessible(preview)
    preview.close()
    assert preview_errors == []

    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_text("Sent for review.")).to_be_visible()
    expect(status.get_by_role("heading", level=2)).to_have_text("Waiting for review")
    expect(status).to_contain_text("Clinical review asked for by Erin Ellis")

    reviewer = open_page(viewport=TABLET_LANDSCAPE)
    sign_in(roles.CLINICAL_REVIEWER, "reviewer", on=reviewer, is_staff=True, **REVIEWER)
    reviewer.goto(f"{live_server.url}/admin/education/catalogueitem/")
    reviewer.get_by_role("link", name="1 page is waiting for your review.").click()
    reviewer.get_by_role("link", name="Massage", exact=True).click()
    expect(reviewer.locator(".editor-status")).to_contain_text(
        "Clinical review asked for by Erin Ellis"
    )

    reviewer.get_by_role("link", name="Compare with live").click()
    reviewer.wait_for_url("**/compare/")
    body_change = reviewer.locator("section.editor-diff-field", has_text="Body")
    # Only the body changed, and only in the sentence the editor rewrote.
    expect(reviewer.locator("section.editor-diff-field h3")).to_have_text(["Body"])
    deleted = " ".join(body_change.locator("del").all_inner_texts())
    inserted = " ".join(body_change.locator("ins").all_inner_texts())
    assert "focus" in deleted and "buttocks" in deleted, deleted
    assert "work" in inserted and "hips" in inserted, inserted
    assert "muscles" not in deleted and "knead" not in deleted, deleted
    assert_accessible(reviewer)
    shot(reviewer, "13-library-compare")

    reviewer.get_by_role("link", name="Back to the edit page").click()
    reviewer.get_by_role("button", name="Save and publish changes").click()
    expect(reviewer.get_by_text("Published. Patients now see this version.")).to_be_visible()
    expect(reviewer.locator(".editor-status").get_by_role("heading", level=2)).to_have_text("Live")

    patient.reload()
    expect(patient.get_by_text(NEW_SENTENCE)).to_be_visible()
    expect(patient.get_by_text(OLD_WORDS)).to_have_count(0)
    expect(patient.get_by_text("Reviewed by Rhys Morgan")).to_be_visible()

    reviewer.get_by_role("link", name="History").click()
    reviewer.wait_for_url("**/history/")
    history = reviewer.locator("#content-main")
    expect(history.locator("table.editor-history")).to_contain_text("Erin Ellis")
    expect(history).to_contain_text("Submitted for review by Erin Ellis")
    expect(history).to_contain_text("Approved and published by Rhys Morgan")
    assert_accessible(reviewer)


def test_edit_page_fits_a_phone(page, live_server, sign_in):
    load_catalogue()
    item = CatalogueItem.objects.get(slug="massage")
    page.set_viewport_size(PHONE)
    sign_in(roles.CONTENT_ADMIN, "editor", is_staff=True, **EDITOR)
    page.goto(edit_url(live_server, item))
    type_body(page, f"{item.body}\n\n{HARD_SENTENCE}")

    width = page.evaluate("() => document.documentElement.clientWidth")
    assert width == PHONE["width"]
    for selector in (".editor-status", "#grade-overall", BODY_REPORT):
        box = page.locator(selector).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, box)
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= width, f"the edit page is {overflow} px wide on a {width} px phone"
