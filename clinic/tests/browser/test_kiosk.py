"""The kiosk on a tablet: claim a code, walk the ten steps tapping the body map, submit.
axe (WCAG 2.2 AA) and the 44 px touch-target check run on every screen; any CSP
refusal or script error fails the journey (conftest)."""

import re

import pytest
from model_bakery import baker
from playwright.sync_api import expect

from clinic.tests.browser.conftest import TABLET_LANDSCAPE, TABLET_PORTRAIT
from intake import services
from intake.models import Intake
from intake.seed import load_demo_wording

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def code(db):
    load_demo_wording()
    patient = baker.make(
        "intake.Patient",
        first_name="Ann",
        last_name="Lee",
        date_of_birth="1980-04-23",
        chart_number="B-1",
    )
    desk = baker.make("clinic.User", username="desk")
    return services.kiosk_session_start(patient=patient, started_by=desk).code


def touch_targets(page, assert_touch_targets):
    assert_touch_targets(page)


def check(page, step, assert_accessible, assert_touch_targets):
    assert page.get_by_text(f"Step {step} of 10").is_visible()
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    touch_targets(page, assert_touch_targets)


def next_step(page, step):
    page.get_by_role("button", name="Next").click()
    page.wait_for_url(f"**/kiosk/step/{step}/")


@pytest.mark.parametrize("viewport", [TABLET_PORTRAIT, TABLET_LANDSCAPE])
def test_patient_walks_the_kiosk_wizard(
    page, live_server, code, viewport, assert_accessible, assert_touch_targets
):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/kiosk/?code={code}")
    assert page.get_by_label("Your code").input_value() == code
    assert_accessible(page)
    touch_targets(page, assert_touch_targets)
    page.get_by_role("button", name="Start").click()
    page.wait_for_url("**/kiosk/step/1/")

    check(page, 1, assert_accessible, assert_touch_targets)
    page.get_by_label("Your first name").fill("Ann")
    page.get_by_label("Your date of birth").fill("1980-04-23")
    page.get_by_label("Height (cm)").fill("168")
    page.get_by_role("group", name="Do you sit for long periods").get_by_text("Yes").click()
    next_step(page, 2)

    check(page, 2, assert_accessible, assert_touch_targets)
    page.locator('[data-region="left_calf"]').click()
    page.locator('[data-region="left_thigh_back"]').click()
    page.locator('[data-region="right_hip"]').click()
    page.locator('[data-region="right_hip"]').click()  # a second tap takes it away
    assert page.get_by_label("Calf (Left)").is_checked()
    assert page.get_by_label("Back of thigh (Left)").is_checked()
    assert not page.get_by_label("Hip (Right)").is_checked()
    assert page.locator('[data-region="left_calf"].is-selected').count() == 1
    page.get_by_label("Sole of foot (Left)").check()
    assert page.locator('[data-region="left_foot_sole"].is-selected').count() == 1
    next_step(page, 3)

    check(page, 3, assert_accessible, assert_touch_targets)
    page.get_by_label("Tingling or pins and needles").check()
    page.get_by_role("group", name="What makes it worse?").get_by_label("Sitting").check()
    next_step(page, 4)

    check(page, 4, assert_accessible, assert_touch_targets)
    page.get_by_role("group", name="Leg pain right now").get_by_label("6", exact=True).check()
    next_step(page, 5)

    for step in (5, 6, 7, 8):
        check(page, step, assert_accessible, assert_touch_targets)
        next_step(page, step + 1)

    check(page, 9, assert_accessible, assert_touch_targets)
    page.get_by_label("I have read and agree").check()
    page.get_by_label("Type your full name").fill("Ann Lee")
    page.locator("canvas").scroll_into_view_if_needed()
    pad = page.locator("canvas").bounding_box()
    page.mouse.move(pad["x"] + 20, pad["y"] + 40)
    page.mouse.down()
    page.mouse.move(pad["x"] + 200, pad["y"] + 80, steps=8)
    page.mouse.up()
    expect(page.locator("input[name=signature]")).to_have_value(re.compile("^data:image/png"))
    next_step(page, 10)

    check(page, 10, assert_accessible, assert_touch_targets)
    assert page.get_by_text("Calf (Left)").is_visible()
    assert page.get_by_text("Signed on the screen").is_visible()
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_role("heading", name="Thank you").wait_for()
    assert_accessible(page)
    intake = Intake.objects.get()
    assert intake.status == Intake.Status.SUBMITTED
    assert intake.height_cm == 168
    assert intake.consent.signature.startswith("data:image/png;base64,")
    page.go_back()
    assert "Ann" not in page.content()


def test_autosave_keeps_what_was_typed_over_a_reload(page, live_server, code):
    page.set_viewport_size(TABLET_PORTRAIT)
    page.goto(f"{live_server.url}/kiosk/?code={code}")
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Your first name").fill("Ann")
    page.get_by_label("Your date of birth").fill("1980-04-23")
    next_step(page, 2)
    with page.expect_response("**/autosave/"):
        page.get_by_label("Knee (Right)").check()
    page.reload()
    assert page.get_by_label("Knee (Right)").is_checked()
