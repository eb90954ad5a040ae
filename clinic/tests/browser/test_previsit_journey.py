"""The pre-visit link from the front desk to a submitted intake on the patient's phone.

The desk sends the link; a real Celery worker takes the task from Redis and sends the
email (Django's outbox); the patient opens it on a phone, confirms their date of birth,
fills in every step and sends; the board then says the tablet is not needed.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from clinic import roles
from clinic.tests.browser import kiosk_steps as steps
from clinic.tests.browser.conftest import PHONE, TABLET_LANDSCAPE
from clinic.tests.conftest import wait_for
from intake.models import Intake, PrevisitLink
from intake.seed import load_demo_wording

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add_patient_with_email(desk):
    form = desk.locator("form", has=desk.get_by_role("button", name="Add patient"))
    form.get_by_label("First name").fill(steps.FIRST_NAME)
    form.get_by_label("Last name").fill("Lee")
    form.get_by_label("Date of birth").fill(steps.DATE_OF_BIRTH)
    form.get_by_label("Chart number").fill("N-42")
    form.get_by_label("Email").fill("ann@example.org")
    form.get_by_role("button", name="Add patient").click()
    desk.get_by_text("Patient added.").wait_for()


def test_link_sent_by_the_desk_filled_in_on_a_phone(
    page, live_server, sign_in, open_page, celery_worker_thread, screen_checks, assert_accessible
):
    load_demo_wording()
    page.set_viewport_size(TABLET_LANDSCAPE)
    sign_in(roles.FRONT_DESK, "desk")
    add_patient_with_email(page)
    section = page.get_by_role("region", name="Fill in at home before the visit")
    expect(section.get_by_label("By email")).to_be_checked()
    expect(section.get_by_label("Email address")).to_have_value("ann@example.org")
    assert_accessible(page)
    section.get_by_role("button", name="Send the pre-visit link").click()
    expect(page.get_by_text("Pre-visit link is being sent.")).to_be_visible()

    wait_for(lambda: len(mail.outbox) == 1)
    email = mail.outbox[0]
    assert email.to == ["ann@example.org"] and "Ann" not in email.body
    url = re.search(r"http://\S+/v/[^/\s]+/", email.body).group(0)

    phone = open_page(viewport=PHONE)
    phone.goto(url)
    expect(phone.get_by_role("heading", name="Before your visit")).to_be_visible()
    screen_checks(phone)
    phone.get_by_label("Your date of birth").fill("1981-01-01")
    phone.get_by_role("button", name="Start").click()
    expect(phone.get_by_text("Tries left: 2")).to_be_visible()
    phone.get_by_label("Your date of birth").fill(steps.DATE_OF_BIRTH)
    phone.get_by_role("button", name="Start").click()
    phone.wait_for_url("**/visit/step/1/")
    assert "/v/" not in phone.url  # the token is not in the wizard's addresses

    steps.walk_to_review(phone, at_home=True, on_screen=screen_checks)
    expect(phone.get_by_text("Calf (Left)")).to_be_visible()
    steps.send(phone)
    expect(phone.get_by_text("You do not need to fill in anything when you arrive")).to_be_visible()
    screen_checks(phone)
    assert Intake.objects.get().status == Intake.Status.SUBMITTED
    assert PrevisitLink.objects.get().state == PrevisitLink.State.SUBMITTED

    # The link is used up: a plain message, nothing of the patient.
    phone.goto(url)
    expect(phone.get_by_role("heading", name="This link does not work")).to_be_visible()
    assert "Lee" not in phone.content()
    screen_checks(phone)

    page.goto(f"{live_server.url}/staff/")
    row = page.get_by_role("row", name="Lee, Ann")
    expect(row).to_contain_text("Filled in at home: no tablet needed")


def test_an_emergency_answer_at_home_says_what_to_do_now(
    live_server, open_page, screen_checks, make_staff
):
    from intake.models import Patient
    from intake.services import intake_start, intake_step_save, previsit_link_send
    from intake.tests.kiosk_helpers import answers

    load_demo_wording()
    patient = Patient.objects.create(
        first_name="Ann", last_name="Lee", date_of_birth=steps.DATE_OF_BIRTH, phone="555 0100"
    )
    # Steps 1 to 5 answered at home earlier: the link opens where the patient left off.
    intake = intake_start(patient=patient)
    for step in range(1, 6):
        intake = intake_step_save(intake=intake, step=step, data=answers(step), next_step=step + 1)
    desk = make_staff(roles.FRONT_DESK, username="desk")
    link = previsit_link_send(patient=patient, sent_by=desk, sms=True, build_url=str)
    phone = open_page(viewport=PHONE)
    phone.goto(f"{live_server.url}/v/{link.token}/")
    phone.get_by_label("Your date of birth").fill(steps.DATE_OF_BIRTH)
    phone.get_by_role("button", name="Start").click()
    phone.wait_for_url("**/visit/step/6/")
    steps.walk_to_review(phone, at_home=True, emergency=True, start=6)
    stop = phone.get_by_role("alert")
    expect(stop).to_contain_text("Call 911 or go to an emergency department now")
    expect(stop.get_by_role("link", name=re.compile("Call NerveDesk Clinic"))).to_be_visible()
    screen_checks(phone)
    phone.get_by_role("button", name="I have read this: finish the questions").click()
    phone.wait_for_url("**/visit/step/7/")
    expect(phone.get_by_role("alert")).to_contain_text("Call 911")
    screen_checks(phone)
