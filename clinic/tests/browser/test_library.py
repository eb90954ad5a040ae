"""The patient library: an editor changes a treatment in the admin and publishes it,
and patients read /learn/ on a phone."""

import re

import pytest
from playwright.sync_api import expect

from clinic import roles
from clinic.tests.browser.conftest import PHONE, TABLET_LANDSCAPE
from education.models import CatalogueItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_SUMMARY = "Short pulses of sound on the sore area. Most people need three to five visits."


def run_action(page, title, action):
    page.get_by_role("checkbox", name=re.compile(f"{title}$")).check()
    page.get_by_label("Action:").select_option(label=action)
    page.get_by_role("button", name="Go").click()


def test_editor_changes_previews_and_publishes_a_treatment(
    page, live_server, library, sign_in, open_page, assert_accessible
):
    item = CatalogueItem.objects.get(slug="shockwave-therapy")
    old_summary = item.summary
    page.set_viewport_size(TABLET_LANDSCAPE)
    sign_in(roles.CONTENT_ADMIN, "editor", is_staff=True)
    page.goto(f"{live_server.url}/admin/education/catalogueitem/?q=shockwave")
    assert_accessible(page)

    run_action(page, "Shockwave therapy", "Return to draft (hide from patients)")
    expect(page.get_by_text("Returned the selected items to draft.")).to_be_visible()
    page.get_by_role("link", name="Shockwave therapy", exact=True).click()
    expect(page.get_by_text(re.compile(r"^Grade [\d.]+ \(aim for"))).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Summary:").fill(NEW_SUMMARY)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_label("Summary:")).to_have_value(NEW_SUMMARY)
    item.refresh_from_db()
    assert item.status == "draft"
    expect(page.get_by_text(f"Grade {item.reading_grade} (aim for")).to_be_visible()
    assert_accessible(page)

    preview_url = page.get_by_role("link", name="Preview the patient page").get_attribute("href")
    page.goto(f"{live_server.url}{preview_url}")
    expect(page.get_by_text("Preview: this page is a draft.")).to_be_visible()
    expect(page.get_by_text(NEW_SUMMARY)).to_be_visible()
    assert_accessible(page)

    patient = open_page(viewport=PHONE)
    assert patient.request.get(f"{live_server.url}{preview_url}").status == 404

    page.goto(f"{live_server.url}/admin/education/catalogueitem/?q=shockwave")
    run_action(page, "Shockwave therapy", "Publish (records you as the reviewer)")
    expect(page.get_by_text("Published 1 item.")).to_be_visible()
    assert_accessible(page)

    patient.goto(f"{live_server.url}{preview_url}")
    expect(patient.get_by_role("heading", level=1, name="Shockwave therapy")).to_be_visible()
    expect(patient.get_by_text(NEW_SUMMARY)).to_be_visible()
    assert patient.get_by_text("Preview:").count() == 0
    assert_accessible(patient)

    page.goto(f"{live_server.url}/admin/education/catalogueitem/{item.pk}/history/")
    assert_accessible(page)
    # The oldest row is the seeded version: open it and read the old summary.
    page.locator("#change-history tbody tr").last.get_by_role("link").first.click()
    expect(page.get_by_label("Summary:")).to_have_value(old_summary)
    assert_accessible(page)


def test_patient_reads_the_library_on_a_phone(page, live_server, library, assert_accessible):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/learn/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Library sections").get_by_role(
        "link", name="Treatments"
    ).click()
    page.wait_for_url("**/learn/section/**")
    assert_accessible(page)

    page.get_by_role("link", name="Stretching and nerve gliding").first.click()
    page.wait_for_url("**/learn/stretching-and-nerve-gliding/")
    expect(
        page.get_by_role("heading", level=1, name="Stretching and nerve gliding")
    ).to_be_visible()
    assert_accessible(page)

    search = page.get_by_role("search").first
    search.get_by_label("Search the library").fill("numb")
    search.get_by_role("button", name="Search").click()
    page.wait_for_url("**/learn/search/?q=numb")
    expect(page.get_by_role("link", name="Numbness", exact=True)).to_be_visible()
    assert_accessible(page)
