"""The patient library: a reviewer takes a treatment down, edits and republishes it
from the admin list, and patients read /learn/ on a phone."""

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


def test_reviewer_unpublishes_edits_and_republishes_from_the_list(
    page, live_server, library, sign_in, open_page, assert_accessible
):
    """The list actions and a draft's own preview (test_library_revisions.py has the
    journey of a live page edited, reviewed and published)."""
    item = CatalogueItem.objects.get(slug="shockwave-therapy")
    old_summary = item.summary
    page.set_viewport_size(TABLET_LANDSCAPE)
    sign_in(roles.CLINICAL_REVIEWER, "reviewer", is_staff=True)
    page.goto(f"{live_server.url}/admin/education/catalogueitem/?q=shockwave")
    assert_accessible(page)

    run_action(page, "Shockwave therapy", "Unpublish (hide from patients)")
    expect(page.get_by_text("Unpublished the selected items.")).to_be_visible()
    page.get_by_role("link", name="Shockwave therapy", exact=True).click()
    expect(page.get_by_role("heading", name="Draft", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Summary:").fill(NEW_SUMMARY)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Saved as a draft. Patients cannot see it yet.")).to_be_visible()
    expect(page.get_by_label("Summary:")).to_have_value(NEW_SUMMARY)
    item.refresh_from_db()
    assert (item.status, item.summary) == ("draft", NEW_SUMMARY)
    assert_accessible(page)

    page.goto(f"{live_server.url}{item.get_absolute_url()}")
    expect(page.get_by_text("Preview: this page is a draft.")).to_be_visible()
    expect(page.get_by_text(NEW_SUMMARY)).to_be_visible()
    assert_accessible(page)

    patient = open_page(viewport=PHONE)
    assert patient.request.get(f"{live_server.url}{item.get_absolute_url()}").status == 404

    page.goto(f"{live_server.url}/admin/education/catalogueitem/?q=shockwave")
    run_action(page, "Shockwave therapy", "Approve and publish")
    expect(page.get_by_text("Published 1 item.")).to_be_visible()
    assert_accessible(page)

    patient.goto(f"{live_server.url}{item.get_absolute_url()}")
    expect(patient.get_by_role("heading", level=1, name="Shockwave therapy")).to_be_visible()
    expect(patient.get_by_text(NEW_SUMMARY)).to_be_visible()
    assert patient.get_by_text("Preview:").count() == 0
    assert_accessible(patient)

    # The history keeps the seeded text as revision 1, to go back to.
    page.goto(f"{live_server.url}/admin/education/catalogueitem/{item.pk}/history/")
    assert_accessible(page)
    page.get_by_role("button", name="Go back to revision 1").click()
    expect(page.get_by_label("Summary:")).to_have_value(old_summary)
    expect(page.get_by_role("heading", name="Live, with unpublished changes")).to_be_visible()


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
