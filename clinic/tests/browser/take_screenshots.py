"""Screenshots of the main screens for docs/screenshots/ (`make screenshots`).

Not collected by `make test` (the name does not match test_*.py); run it by path:
``pytest clinic/tests/browser/take_screenshots.py``. SCREENSHOTS_DIR changes where
the files go. Each shot is the viewport only, so the files stay small.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

from clinic import roles
from clinic.tests.browser import kiosk_steps as steps
from clinic.tests.browser.conftest import PHONE, TABLET_LANDSCAPE, TABLET_PORTRAIT
from clinic.tests.conftest import EMERGENCY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUT = Path(os.environ.get("SCREENSHOTS_DIR", Path(settings.BASE_DIR) / "docs" / "screenshots"))


def shot(page, name):
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=OUT / f"{name}.png", animations="disabled", caret="hide")


def test_take_screenshots(page, live_server, sign_in, make_intake, open_page):
    earlier = make_intake(first_name="Ben", last_name="Okafor", chart="C-200", changes=EMERGENCY)
    make_intake(first_name="Cara", last_name="Diaz", chart="C-300")

    page.set_viewport_size(TABLET_LANDSCAPE)
    page.goto(f"{live_server.url}/accounts/login/")
    shot(page, "01-login")
    sign_in(roles.FRONT_DESK, "desk")
    form = page.locator("form", has=page.get_by_role("button", name="Add patient"))
    form.get_by_label("First name").fill(steps.FIRST_NAME)
    form.get_by_label("Last name").fill("Lee")
    form.get_by_label("Date of birth").fill(steps.DATE_OF_BIRTH)
    form.get_by_label("Chart number").fill("N-42")
    form.get_by_role("button", name="Add patient").click()
    page.get_by_role("button", name="Start the tablet for this patient").click()
    code = page.locator(".kiosk-code").inner_text().strip()
    shot(page, "03-tablet-code")
    page.get_by_role("link", name="Back to the board").click()
    shot(page, "02-front-desk-board")

    tablet = open_page(viewport=TABLET_PORTRAIT)
    steps.claim(tablet, live_server.url, code)
    steps.about_you(tablet)
    steps.next_step(tablet, 2)
    steps.where(tablet)
    shot(tablet, "04-kiosk-body-map")
    for step in range(2, 6):
        steps.next_step(tablet, step + 1)
    steps.warning_signs(tablet, emergency=True)
    steps.next_step(tablet, 7)
    tablet.get_by_role("heading", name=steps.STOP).wait_for()
    shot(tablet, "05-kiosk-emergency")
    page.goto(f"{live_server.url}/staff/")
    shot(page, "05-board-emergency")
    page.get_by_role("button", name="Let the patient carry on").click()
    tablet.get_by_text("Step 7 of 10").wait_for(timeout=12_000)
    for step in range(7, 9):
        steps.next_step(tablet, step + 1)
    steps.consent(tablet)
    steps.next_step(tablet, 10)
    steps.send(tablet)
    shot(tablet, "06-kiosk-thank-you")

    doctor = open_page(viewport=TABLET_LANDSCAPE)
    sign_in(roles.PRACTITIONER, "doc", on=doctor)
    shot(doctor, "07-practitioner-queue")
    doctor.goto(f"{live_server.url}/staff/intakes/{earlier.pk}/")
    doctor.get_by_label("What was done").fill("Examined today; same-day referral.")
    doctor.get_by_role("button", name="Acknowledge warning signs").click()
    doctor.get_by_label("Herniated disc", exact=True).check()
    doctor.get_by_label("Numbness", exact=True).check()
    doctor.get_by_role("button", name="Save plan", exact=True).click()
    doctor.get_by_text("Education plan saved.").wait_for()
    doctor.evaluate("window.scrollTo(0, 0)")
    shot(doctor, "08-summary")
    doctor.get_by_role("button", name="Make a share link").click()
    share_url = doctor.locator("a.share-link").get_attribute("href")
    doctor.get_by_role("link", name="Open the printable handout").click()
    shot(doctor, "09-handout")

    phone = open_page(viewport=PHONE)
    phone.goto(f"{live_server.url}{share_url}")
    shot(phone, "10-shared-handout-phone")
    phone.goto(f"{live_server.url}/learn/")
    shot(phone, "11-learn-phone")

    # The printed handout's first page: print media, an A4 page's printed area at 96 px
    # per inch (182 x 275 mm). The whole page is laid out and clipped, so the paper-only
    # footer line (fixed, for every printed page) stays out of the picture.
    page_area = {"x": 0, "y": 0, "width": 688, "height": 1039}
    doctor.set_viewport_size({"width": page_area["width"], "height": page_area["height"]})
    doctor.emulate_media(media="print")
    doctor.screenshot(
        path=OUT / "09-handout-print.png",
        full_page=True,
        clip=page_area,
        animations="disabled",
        caret="hide",
    )


def test_take_previsit_screenshots(page, live_server, sign_in, open_page, library):
    """The pre-visit link: the desk's send form, and the patient's phone at home."""
    from django.core import mail

    from intake.services import patient_create

    patient = patient_create(
        first_name=steps.FIRST_NAME,
        last_name="Lee",
        date_of_birth=steps.DATE_OF_BIRTH,
        chart_number="N-42",
        email="ann@example.org",
        phone="+1 555 010 0100",
    )
    page.set_viewport_size(TABLET_LANDSCAPE)
    sign_in(roles.FRONT_DESK, "desk")
    page.goto(f"{live_server.url}/staff/patients/{patient.pk}/")
    page.get_by_role("region", name="Fill in at home before the visit").scroll_into_view_if_needed()
    shot(page, "14-previsit-send")
    page.get_by_role("button", name="Send the pre-visit link").click()
    page.get_by_text("Pre-visit link is being sent.").wait_for()
    url = re.search(r"http://\S+/v/\S+/", mail.outbox[-1].body).group(0)

    phone = open_page(viewport=PHONE)
    phone.goto(url)
    shot(phone, "15-previsit-start-phone")
    phone.get_by_label("Your date of birth").fill(steps.DATE_OF_BIRTH)
    phone.get_by_role("button", name="Start").click()
    phone.wait_for_url("**/visit/step/1/")
    shot(phone, "16-previsit-step-phone")
    steps.walk_to_review(phone, at_home=True)
    steps.send(phone)
    shot(phone, "17-previsit-thanks-phone")
    page.goto(f"{live_server.url}/staff/")
    shot(page, "18-board-filled-at-home")
