"""Staff journeys in Chromium: board, queue, summary, plan, print, share, revoke and the
FHIR download."""

import json

import pytest
from playwright.sync_api import expect

from clinic import roles
from clinic.models import HandoutLink
from clinic.tests.browser.conftest import PHONE, TABLET_LANDSCAPE, TABLET_PORTRAIT
from clinic.tests.conftest import EMERGENCY
from clinic.tests.fhir.validate import problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [TABLET_PORTRAIT, TABLET_LANDSCAPE])
def test_front_desk_board_and_patient_pages_are_accessible(
    page, live_server, sign_in, make_intake, viewport, assert_accessible
):
    intake = make_intake(changes=EMERGENCY)
    page.set_viewport_size(viewport)
    sign_in(roles.FRONT_DESK, "desk")
    row = page.get_by_role("row", name="Lee, Ann")
    expect(row.get_by_text("Emergency: get a practitioner now")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Name, chart number or date of birth").fill("Lee")
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.goto(f"{live_server.url}/staff/patients/{intake.patient_id}/")
    expect(page.get_by_text("Get a practitioner to the patient now")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Start the tablet for this patient").click()
    assert page.locator(".kiosk-code").inner_text().strip()
    assert_accessible(page)


def test_practitioner_reviews_plans_prints_shares_and_revokes(
    page, live_server, sign_in, make_intake, assert_accessible, browser
):
    intake = make_intake(changes=EMERGENCY)
    page.set_viewport_size(TABLET_LANDSCAPE)
    sign_in(roles.PRACTITIONER, "doc")
    assert_accessible(page)
    page.get_by_role("link", name="Lee, Ann").click()
    expect(page.get_by_role("heading", name="Emergency warning signs")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("What was done").fill("Examined today; same-day referral.")
    page.get_by_role("button", name="Acknowledge warning signs").click()
    expect(page.get_by_text("Warning signs acknowledged.")).to_be_visible()

    # Ticked suggestions join "Your plan" in the order ticked; the exercise is suggested.
    page.get_by_label("Herniated disc", exact=True).check()
    page.get_by_label("Seated sciatic nerve glide", exact=True).check()
    page.get_by_label("Numbness", exact=True).check()
    page.get_by_text("Add other items from the library").click()
    page.get_by_label("Search the library").fill("calf")
    page.get_by_label("Calf stretch", exact=True).check()
    plan_rows = page.locator("[data-plan-chosen] strong")
    assert plan_rows.all_inner_texts() == [
        "Herniated disc",
        "Seated sciatic nerve glide",
        "Numbness",
        "Calf stretch",
    ]
    page.get_by_label("Personal note to the patient").fill("Do the glide twice a day.")
    page.get_by_role("button", name="Save plan", exact=True).click()
    expect(page.get_by_text("Education plan saved.")).to_be_visible()
    assert plan_rows.all_inner_texts()[-1] == "Calf stretch"
    # Pinned on top, the library is closed again.
    expect(page.get_by_label("Search the library")).to_be_hidden()
    assert_accessible(page)

    page.get_by_role("button", name="Make a share link").click()
    share_url = page.locator("a.share-link").get_attribute("href")
    page.locator("#share [role=img] svg").wait_for()  # the QR code, in place
    page.get_by_role("link", name="Open the printable handout").click()
    page.emulate_media(media="print")
    expect(page.get_by_text("Why this is for you:").first).to_be_visible()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.locator(".handout-qr svg")).to_be_visible()
    page.emulate_media(media="screen")
    assert_accessible(page)

    phone = browser.new_page(viewport=PHONE)
    phone.goto(f"{live_server.url}{share_url}")
    expect(phone.get_by_role("heading", name="Your personal guide, Ann")).to_be_visible()
    expect(phone.locator(".handout-qr svg")).to_be_visible()
    expect(phone.get_by_role("heading", name="When to get help today")).to_be_visible()
    assert phone.get_by_text("Why this is for you").count() == 0
    assert_accessible(phone)

    page.goto(f"{live_server.url}/staff/intakes/{intake.pk}/")
    page.get_by_role("button", name="Stop the share link").click()
    page.get_by_text("The share link no longer works.").wait_for()  # swapped in place
    assert HandoutLink.objects.get().revoked_at is not None
    phone.reload()
    expect(phone.get_by_role("heading", name="This link is no longer available")).to_be_visible()
    assert_accessible(phone)
    phone.close()

    page.get_by_role("button", name="Save plan and complete review").click()
    expect(page.get_by_text("Review completed.")).to_be_visible()


def test_practitioner_downloads_the_fhir_file_on_a_phone(
    page, sign_in, make_intake, assert_accessible, assert_touch_targets, tmp_path
):
    intake = make_intake(changes=EMERGENCY)
    page.set_viewport_size(PHONE)
    sign_in(roles.PRACTITIONER, "doc")
    page.get_by_role("link", name="Lee, Ann").click()
    # The warning comes first; the export sits below the plan.
    expect(page.get_by_role("heading", name="Emergency warning signs")).to_be_visible()
    download_link = page.get_by_role("link", name="Download FHIR")
    download_link.scroll_into_view_if_needed()
    assert_touch_targets(page)
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename == f"intake-{intake.pk}.fhir.json"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    bundle = json.loads(path.read_text())
    assert problems(bundle) == []
    assert {"Flag", "Observation"} <= {e["resource"]["resourceType"] for e in bundle["entry"]}
    assert_accessible(page)
