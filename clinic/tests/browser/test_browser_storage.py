"""What the browser keeps: nothing in localStorage, and in sessionStorage only the key
htmx sets on every page it loads, htmx-current-path-for-history, holding that page's
path (no query string, so no kiosk code and no name).

The tablet opens the kiosk the way the front desk's QR does, then walks to the body
map and autosaves it with htmx; the front desk walks the board while htmx polls it."""

import json
from urllib.parse import urlsplit

import pytest
from django.test import Client

from clinic import roles
from clinic.tests.browser import kiosk_steps as steps
from clinic.tests.browser.conftest import TABLET_LANDSCAPE, TABLET_PORTRAIT
from intake.models import Patient
from intake.seed import load_demo_wording

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HTMX_PATH_KEY = "htmx-current-path-for-history"
READ_STORAGE = """() => {
    const read = (store) => Object.fromEntries(
        Object.keys(store).map((key) => [key, store.getItem(key)]));
    return {session: read(sessionStorage), local: read(localStorage)};
}"""


def assert_storage_holds_only_the_path(page, *private):
    stored = page.evaluate(READ_STORAGE)
    assert stored["local"] == {}
    assert stored["session"] == {HTMX_PATH_KEY: urlsplit(page.url).path}
    for text in private:
        assert text not in json.dumps(stored)


def kiosk_link_from_the_desk(desk_user, patient, base_url):
    """The URL the front desk's QR code carries for `patient`, on the live server."""
    client = Client()
    client.force_login(desk_user)
    response = client.post(f"/staff/patients/{patient.pk}/tablet/")
    assert response.status_code == 200
    link = response.context["kiosk_url"].replace("http://testserver", base_url, 1)
    return link, response.context["session"].code


def test_browser_storage_holds_only_the_current_path(page, live_server, sign_in, open_page):
    load_demo_wording()
    page.set_viewport_size(TABLET_LANDSCAPE)
    desk = sign_in(roles.FRONT_DESK, "desk")
    form = page.locator("form", has=page.get_by_role("button", name="Add patient"))
    form.get_by_label("First name").fill(steps.FIRST_NAME)
    form.get_by_label("Last name").fill("Lee")
    form.get_by_label("Date of birth").fill(steps.DATE_OF_BIRTH)
    form.get_by_label("Chart number").fill("N-42")
    form.get_by_role("button", name="Add patient").click()
    page.get_by_text("Patient added.").wait_for()
    assert_storage_holds_only_the_path(page, "Lee", "N-42")
    with page.expect_response("**/staff/board/rows/"):
        page.goto(f"{live_server.url}/staff/")
    # The board's rows are an htmx poll: wait for one beyond the first load.
    with page.expect_response("**/staff/board/rows/"):
        pass
    assert_storage_holds_only_the_path(page, "Lee", "N-42")

    patient = Patient.objects.get(chart_number="N-42")
    link, code = kiosk_link_from_the_desk(desk, patient, live_server.url)
    tablet = open_page(viewport=TABLET_PORTRAIT)
    tablet.goto(link)
    assert tablet.get_by_label("Your code").input_value() == code
    assert urlsplit(tablet.url).fragment == ""  # the code is gone from the address bar
    assert_storage_holds_only_the_path(tablet, code)

    tablet.get_by_role("button", name="Start").click()
    tablet.wait_for_url("**/kiosk/step/1/")
    steps.about_you(tablet)
    assert_storage_holds_only_the_path(tablet, code, steps.FIRST_NAME, steps.DATE_OF_BIRTH)
    steps.next_step(tablet, 2)
    with tablet.expect_response("**/autosave/"):
        tablet.get_by_label("Knee (Right)").check()
    assert_storage_holds_only_the_path(tablet, code, steps.FIRST_NAME, "Knee")
