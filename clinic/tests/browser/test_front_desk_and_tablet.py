"""The front desk and a tablet together, as two browser contexts: a new patient's
intake from the board to the thank-you page, and an emergency warning sign that
reaches the board and blocks the practitioner's review until acknowledged."""

import pytest
from playwright.sync_api import expect

from clinic import roles
from clinic.tests.browser import kiosk_steps as steps
from clinic.tests.browser.conftest import TABLET_LANDSCAPE, TABLET_PORTRAIT
from intake.models import Intake
from intake.seed import load_demo_wording

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
URGENT = "Urgent: tell the practitioner"


@pytest.fixture
def wording(db):
    load_demo_wording()


def add_patient_and_start_tablet(desk, assert_accessible):
    """On the board: add Ann Lee, start the tablet, read the code off the page."""
    form = desk.locator("form", has=desk.get_by_role("button", name="Add patient"))
    form.get_by_label("First name").fill(steps.FIRST_NAME)
    form.get_by_label("Last name").fill("Lee")
    form.get_by_label("Date of birth").fill(steps.DATE_OF_BIRTH)
    form.get_by_label("Chart number").fill("N-42")
    form.get_by_role("button", name="Add patient").click()
    desk.get_by_text("Patient added.").wait_for()
    assert_accessible(desk)
    desk.get_by_role("button", name="Start the tablet for this patient").click()
    code = desk.locator(".kiosk-code").inner_text().strip()
    assert len(code) == 6
    assert_accessible(desk)
    return code


@pytest.mark.parametrize(
    "viewport", [TABLET_PORTRAIT, TABLET_LANDSCAPE], ids=["portrait", "landscape"]
)
def test_front_desk_adds_patient_and_tablet_completes_intake(
    page, live_server, sign_in, wording, open_page, viewport, assert_accessible, screen_checks
):
    page.set_viewport_size(TABLET_LANDSCAPE)
    sign_in(roles.FRONT_DESK, "desk")
    code = add_patient_and_start_tablet(page, assert_accessible)

    tablet = open_page(viewport=viewport)
    tablet.goto(f"{live_server.url}/kiosk/")
    screen_checks(tablet)
    steps.claim(tablet, live_server.url, code)
    steps.walk_to_review(tablet, on_screen=screen_checks)
    assert tablet.get_by_text("Calf (Left)").is_visible()
    assert tablet.get_by_text("Signed on the screen").is_visible()
    steps.send(tablet)
    screen_checks(tablet)

    intake = Intake.objects.get()
    assert intake.status == Intake.Status.SUBMITTED
    assert intake.patient.chart_number == "N-42"
    assert intake.height_cm == 168
    assert {str(region) for region in intake.regions.all()} == set(steps.REGIONS.values())
    assert intake.consent.signature.startswith("data:image/png;base64,")

    # Back shows nothing of the patient: the pages are no-store, the session is gone.
    tablet.go_back()
    tablet.wait_for_url(f"{live_server.url}/kiosk/")
    content = tablet.content()
    for private in ("Ann", "Lee", "Calf", "Tingling", "168"):
        assert private not in content
    assert tablet.get_by_label("Your code").input_value() == ""

    page.goto(f"{live_server.url}/staff/")
    row = page.get_by_role("row", name="Lee, Ann")
    expect(row).to_contain_text("Submitted")
    expect(row).not_to_contain_text(URGENT)


def test_emergency_sign_reaches_board_and_blocks_review_until_acknowledged(
    page, live_server, sign_in, wording, open_page, assert_accessible, screen_checks
):
    page.set_viewport_size(TABLET_LANDSCAPE)
    sign_in(roles.FRONT_DESK, "desk")
    code = add_patient_and_start_tablet(page, assert_accessible)
    page.get_by_role("link", name="Back to the board").click()
    row = page.get_by_role("row", name="Lee, Ann")
    expect(row).not_to_contain_text(URGENT)

    tablet = open_page(viewport=TABLET_PORTRAIT)
    steps.claim(tablet, live_server.url, code)
    steps.walk_to_review(tablet, emergency=True, on_screen=screen_checks)
    assert tablet.get_by_role("alert").get_by_text(steps.TELL_THE_DESK).is_visible()

    # The board polls every 5 seconds: the badge appears without a reload.
    expect(row).to_contain_text(URGENT, timeout=12_000)
    assert_accessible(page)

    steps.send(tablet)
    assert tablet.get_by_text(steps.TELL_THE_DESK).is_visible()
    screen_checks(tablet)

    doctor = open_page(viewport=TABLET_LANDSCAPE)
    sign_in(roles.PRACTITIONER, "doc", on=doctor)
    assert_accessible(doctor)
    doctor.get_by_role("link", name="Lee, Ann").click()
    assert doctor.get_by_role("heading", name="Emergency warning signs").is_visible()
    assert doctor.get_by_text("The review cannot be completed until").is_visible()
    assert_accessible(doctor)
    doctor.get_by_role("button", name="Save plan and complete review").click()
    assert doctor.get_by_text("Acknowledge the warning signs before completing").is_visible()
    assert Intake.objects.get().status == Intake.Status.SUBMITTED
    assert_accessible(doctor)

    doctor.get_by_label("What was done").fill("Called the patient in; same-day referral.")
    doctor.get_by_role("button", name="Acknowledge warning signs").click()
    assert doctor.get_by_text("Warning signs acknowledged.").is_visible()
    doctor.get_by_role("button", name="Save plan and complete review").click()
    assert doctor.get_by_text("Review completed.").is_visible()
    assert_accessible(doctor)
    assert Intake.objects.get().status == Intake.Status.REVIEWED
