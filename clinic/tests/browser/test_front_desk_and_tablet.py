"""The front desk and a tablet together, as two browser contexts: a new patient's
intake from the board to the thank-you page, and an emergency warning sign that
reaches the board and blocks the practitioner's review until acknowledged."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clinic import roles
from clinic.models import WarningAcknowledgement
from clinic.tests.browser import kiosk_steps as steps
from clinic.tests.browser.conftest import TABLET_LANDSCAPE, TABLET_PORTRAIT
from intake.models import DeskPin, Intake
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
    expect(tablet.get_by_text("Calf (Left)")).to_be_visible()
    expect(tablet.get_by_text("Signed on the screen")).to_be_visible()
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
    # The markup without its random CSRF token, which may spell "168" or "Lee" by chance.
    token = tablet.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    content = tablet.content().replace(token, "")
    for private in ("Ann", "Lee", "Calf", "Tingling", "168"):
        assert private not in content
    assert tablet.get_by_label("Your code").input_value() == ""

    page.goto(f"{live_server.url}/staff/")
    row = page.get_by_role("row", name="Lee, Ann")
    expect(row).to_contain_text("Submitted")
    expect(row).not_to_contain_text(URGENT)


def test_emergency_chain_from_tablet_stop_to_acknowledgement(
    page, live_server, sign_in, wording, open_page, assert_accessible, screen_checks
):
    """An emergency answer stops the tablet; the board shows Emergency (not Urgent)
    within one poll; the queue updates without a reload; the desk lets the patient carry
    on; after the practitioner acknowledges, board and queue say who and when."""
    desk_pin = DeskPin()
    desk_pin.set_pin("482916")
    desk_pin.save()
    page.set_viewport_size(TABLET_LANDSCAPE)
    sign_in(roles.FRONT_DESK, "desk")
    code = add_patient_and_start_tablet(page, assert_accessible)
    page.get_by_role("link", name="Back to the board").click()
    row = page.get_by_role("row", name="Lee, Ann")
    expect(row).not_to_contain_text("Emergency")
    board_title = page.title()

    doctor = open_page(viewport=TABLET_LANDSCAPE)
    sign_in(roles.PRACTITIONER, "doc", on=doctor, first_name="Dana", last_name="Doc")
    queue_title = doctor.title()

    tablet = open_page(viewport=TABLET_PORTRAIT)
    steps.claim(tablet, live_server.url, code)
    steps.walk_to_review(tablet, emergency=True, on_screen=screen_checks)
    # The tablet stops: the whole first screen says what to do; no Next, no Back.
    stop = tablet.get_by_role("alert")
    expect(stop).to_contain_text("Go to the front desk now")
    assert tablet.get_by_role("button", name="Next").count() == 0
    assert stop.bounding_box()["height"] >= TABLET_PORTRAIT["height"] * 0.6
    screen_checks(tablet)
    tablet.reload()
    expect(tablet.get_by_role("heading", name=steps.STOP)).to_be_visible()

    # The board, within one poll (every 5 s): Emergency, never Urgent, a banner on top
    # with the desk script, and the page title.
    banner = page.get_by_role("region", name="Emergency: get a practitioner now")
    expect(banner).to_contain_text("Ann Lee", timeout=12_000)
    expect(banner).to_contain_text("Get a practitioner to the patient now")
    expect(row).to_contain_text("Emergency: get a practitioner now")
    expect(row).not_to_contain_text("Urgent")
    expect(page).to_have_title(re.compile(r"^Emergency · "))
    assert "Saddle" not in page.content() and "between your legs" not in page.content()
    assert_accessible(page)

    # The queue, without a reload (every 10 s): the alert, its count, the title, and
    # an announcement for screen readers.
    alerts = doctor.get_by_role("region", name=re.compile("Warning signs in 1 intake"))
    expect(alerts).to_contain_text("Emergency: not acknowledged", timeout=15_000)
    expect(doctor).to_have_title(re.compile(r"^Emergency not acknowledged · "))
    expect(doctor.locator("#alert-announcer")).to_have_text("New emergency in the queue.")
    assert_accessible(doctor)

    # The desk lets the patient carry on: the tablet's poll takes it back to step 7.
    banner.get_by_role("button", name=re.compile("Let the patient carry on")).click()
    page.get_by_text("The tablet lets the patient carry on.").wait_for()
    tablet.get_by_text("Step 7 of 10").wait_for(timeout=12_000)
    steps.walk_to_review(tablet, start=7, on_screen=screen_checks)
    steps.send(tablet)
    expect(tablet.get_by_text(steps.TELL_THE_DESK)).to_be_visible()
    screen_checks(tablet)

    # Submitted: the queue's list shows it, still loud, without a reload.
    queue_row = doctor.get_by_role("row", name=re.compile("Lee, Ann"))
    expect(queue_row).to_contain_text("Emergency: not acknowledged", timeout=15_000)
    doctor.get_by_role("link", name="Lee, Ann").click()
    expect(doctor.get_by_role("heading", name="Emergency warning signs")).to_be_visible()
    doctor.get_by_role("button", name="Save plan and complete review").click()
    expect(doctor.get_by_text("Acknowledge the warning signs before completing")).to_be_visible()
    assert Intake.objects.get().status == Intake.Status.SUBMITTED
    doctor.get_by_label("What was done").fill("Called the patient in; same-day referral.")
    doctor.get_by_role("button", name="Acknowledge warning signs").click()
    expect(doctor.get_by_text("Warning signs acknowledged.")).to_be_visible()
    assert_accessible(doctor)
    at = timezone.localtime(WarningAcknowledgement.objects.get().acknowledged_at)

    # Board and queue say who acknowledged and when; the banner and the title calm down.
    expect(row).to_contain_text(
        f"Emergency, acknowledged by Dana Doc at {at:%H:%M}", timeout=12_000
    )
    expect(banner).to_have_count(0)
    expect(page).to_have_title(board_title)
    assert_accessible(page)
    doctor.get_by_role("link", name="Back to the queue").click()
    expect(doctor.get_by_role("row", name=re.compile("Lee, Ann"))).to_contain_text(
        f"Emergency, acknowledged by Dana Doc at {at:%Y-%m-%d %H:%M}"
    )
    expect(doctor).to_have_title(queue_title)
    doctor.get_by_role("link", name="Lee, Ann").click()
    doctor.get_by_role("button", name="Save plan and complete review").click()
    expect(doctor.get_by_text("Review completed.")).to_be_visible()
    assert Intake.objects.get().status == Intake.Status.REVIEWED


def test_a_board_whose_session_ended_says_alerts_are_paused(
    page, live_server, sign_in, settings, assert_accessible
):
    """Polling is not activity: once the idle limit passes, the next poll empties the
    board (no names left on an unattended screen) and a loud bar says so."""
    settings.STAFF_IDLE_TIMEOUT = 2
    page.set_viewport_size(TABLET_LANDSCAPE)
    sign_in(roles.FRONT_DESK, "desk")
    bar = page.get_by_role("alert").filter(has_text="Signed out: alerts are paused")
    expect(bar).to_be_visible(timeout=12_000)
    expect(page).to_have_title(re.compile("^Signed out: alerts are paused"))
    assert page.locator("#board-rows").inner_text() == ""
    assert_accessible(page)
    bar.get_by_role("link", name="Sign in again").click()
    page.wait_for_url(re.compile("/accounts/login/"))
