"""The kiosk on a tablet from a service-issued code: without JavaScript, over reloads,
a double tap on Send, and left idle. axe (WCAG 2.2 AA) and the 44 px touch-target
check run on the screens each journey visits; any CSP refusal or script error fails
the journey (conftest). The walk from the front desk's code is in
test_front_desk_and_tablet.py."""

import pytest
from model_bakery import baker
from playwright.sync_api import expect

from clinic.tests.browser import kiosk_steps as steps
from clinic.tests.browser.conftest import TABLET_LANDSCAPE, TABLET_PORTRAIT
from intake import services
from intake.models import Intake, KioskSession
from intake.seed import load_demo_wording

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def code(db):
    load_demo_wording()
    patient = baker.make(
        "intake.Patient",
        first_name=steps.FIRST_NAME,
        last_name="Lee",
        date_of_birth=steps.DATE_OF_BIRTH,
        chart_number="B-1",
    )
    desk = baker.make("clinic.User", username="desk")
    return services.kiosk_session_start(patient=patient, started_by=desk).code


def test_intake_works_without_javascript(live_server, code, open_page, screen_checks):
    tablet = open_page(viewport=TABLET_LANDSCAPE, java_script_enabled=False)
    # The QR's code is in the fragment, which only a script reads: here it is typed.
    tablet.goto(f"{live_server.url}/kiosk/#code={code}")
    assert tablet.get_by_label("Your code").input_value() == ""
    tablet.get_by_label("Your code").fill(code)
    screen_checks(tablet)
    tablet.get_by_role("button", name="Start").click()
    tablet.wait_for_url("**/kiosk/step/1/")

    steps.walk_to_review(tablet, js=False, on_screen=screen_checks)
    expect(tablet.get_by_text("Calf (Left)")).to_be_visible()
    assert tablet.get_by_text("Signed on the screen").count() == 0
    steps.send(tablet)
    screen_checks(tablet)
    intake = Intake.objects.get()
    assert intake.status == Intake.Status.SUBMITTED
    assert {str(region) for region in intake.regions.all()} == set(steps.REGIONS.values())
    assert intake.consent.typed_name == "Ann Lee"
    assert intake.consent.signature == ""
    tablet.get_by_role("link", name="Finish").click()
    tablet.get_by_role("heading", name="Welcome").wait_for()


def test_reload_mid_intake_and_mid_autosave_loses_nothing(page, live_server, code):
    page.set_viewport_size(TABLET_PORTRAIT)
    steps.claim(page, live_server.url, code)
    steps.about_you(page)
    steps.next_step(page, 2)
    with page.expect_response("**/autosave/"):
        page.get_by_label("Knee (Right)").check()
    page.reload()
    assert page.get_by_label("Knee (Right)").is_checked()

    # In the middle of the intake: the tablet reopens the step it was on.
    steps.next_step(page, 3)
    steps.feels_like(page)
    steps.next_step(page, 4)
    page.reload()
    assert page.url.endswith("/kiosk/step/4/")
    page.goto(f"{live_server.url}/kiosk/")
    page.wait_for_url("**/kiosk/step/4/")
    page.get_by_role("button", name="Back").click()
    page.wait_for_url("**/kiosk/step/3/")
    assert page.get_by_label("Tingling or pins and needles").is_checked()
    steps.next_step(page, 4)
    for step in range(4, 8):
        steps.next_step(page, step + 1)

    goals = page.get_by_label("What would you like to be able to do again?")
    # Reloaded after the typing pause: the autosave has gone.
    with page.expect_response("**/autosave/"):
        goals.press_sequentially("Walk the dog")
    page.reload()
    expect(goals).to_have_value("Walk the dog")

    # Reloaded before the pause: the unsent text goes to the server as the page unloads
    # (nothing is kept in the browser). That save may land just after the reloaded page
    # was drawn, so wait for the server to have it, then look again.
    goals.focus()
    goals.press("Control+End")
    goals.press_sequentially(" every morning")
    page.reload()
    for _ in range(50):
        if Intake.objects.get().goals == "Walk the dog every morning":
            break
        page.wait_for_timeout(100)
    assert Intake.objects.get().goals == "Walk the dog every morning"
    page.reload()
    expect(goals).to_have_value("Walk the dog every morning")
    # No answers in the browser's storage: htmx keeps only the page's path there (its
    # page-snapshot cache is switched off in base.html).
    stored = page.evaluate("JSON.stringify([{...sessionStorage}, {...localStorage}])")
    assert stored == '[{"htmx-current-path-for-history":"/kiosk/step/8/"},{}]', stored


@pytest.mark.parametrize("js", [True, False], ids=["script", "no-script"])
def test_double_tap_on_send_makes_one_intake(live_server, code, open_page, js):
    tablet = open_page(viewport=TABLET_PORTRAIT, java_script_enabled=js)
    steps.claim(tablet, live_server.url, code)
    steps.walk_to_review(tablet, js=js)
    tablet.get_by_role("button", name="Send my answers").dblclick()
    tablet.get_by_role("heading", name="Thank you").wait_for()
    assert Intake.objects.count() == 1
    assert Intake.objects.get().status == Intake.Status.SUBMITTED


def test_idle_tablet_returns_to_the_code_page(
    page, live_server, code, settings, assert_accessible, assert_touch_targets
):
    settings.KIOSK_IDLE_SECONDS = 2
    page.set_viewport_size(TABLET_PORTRAIT)
    steps.claim(page, live_server.url, code)
    steps.about_you(page)
    steps.next_step(page, 2)
    page.wait_for_url(f"{live_server.url}/kiosk/", timeout=10_000)
    expect(page.get_by_text("The tablet was reset after 1 minute without activity")).to_be_visible()
    assert page.get_by_label("Your code").input_value() == ""
    assert_accessible(page)
    assert_touch_targets(page)
    assert KioskSession.objects.get().end_reason == KioskSession.EndReason.IDLE
    page.goto(f"{live_server.url}/kiosk/step/2/")
    page.wait_for_url(f"{live_server.url}/kiosk/")
    assert "Knee" not in page.content()
