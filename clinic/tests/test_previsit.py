"""Pre-visit links: sent by the front desk, opened at home, the same wizard on /visit/."""

import datetime
import re

import pytest
import sms
from django.core import mail
from django.utils import timezone
from model_bakery import baker

from clinic import roles
from common.tokens import token_digest
from intake.models import Intake, KioskSession, OutboundMessage, PrevisitEvent, PrevisitLink
from intake.services import previsit_link_send
from intake.tests.conftest import born_years_ago
from intake.tests.kiosk_helpers import Clock, answers
from intake.vocabulary import STEP_REVIEW, STEP_WARNING_SIGNS

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver/v/([^/\s]+)/")


@pytest.fixture
def patient(library):
    return baker.make(
        "intake.Patient",
        first_name="Ann",
        last_name="Lee",
        date_of_birth=born_years_ago(timezone.localdate(), 35),
        chart_number="C-100",
    )


@pytest.fixture
def contact(patient):
    patient.email = "ann@example.org"
    patient.phone = "+15550100"
    patient.save()
    return patient


@pytest.fixture
def desk(make_staff):
    return make_staff(roles.FRONT_DESK, username="desk")


def send(client, desk, patient, **fields):
    """Post the patient page's send form, the addresses on file filled in as it shows them."""
    client.force_login(desk)
    form = {"email_address": patient.email, "phone": patient.phone, **fields}
    return client.post(f"/staff/patients/{patient.pk}/previsit/", form)


def token_from(body):
    return LINK.search(body).group(1)


@pytest.fixture
def sent(client, desk, contact, django_capture_on_commit_callbacks):
    """The desk sends the link by email and text; the token, from the email."""
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, desk, contact, email="on", sms="on")
    assert response.status_code == 302
    client.logout()
    return token_from(mail.outbox[-1].body)


def home_step(step):
    return f"/visit/step/{step}/"


def start(client, token, patient):
    return client.post(f"/v/{token}/", {"date_of_birth": patient.date_of_birth.isoformat()})


def test_sending_stores_only_a_hash_and_sends_email_and_text(sent, contact):
    link = PrevisitLink.objects.get()
    assert link.token_hash == token_digest(sent) and sent not in link.token_hash
    assert len(sent) >= 40
    assert [m.to for m in mail.outbox] == [["ann@example.org"]]
    assert len(sms.outbox) == 1 and sms.outbox[0].recipients == ["+15550100"]
    assert f"/v/{sent}/" in sms.outbox[0].body
    # Neither message names the patient or their health.
    for body in (mail.outbox[0].body, sms.outbox[0].body):
        assert "Ann" not in body and "Lee" not in body
    statuses = set(OutboundMessage.objects.values_list("status", flat=True))
    assert statuses == {OutboundMessage.Status.SENT}
    actions = list(link.events.values_list("action", flat=True))
    assert actions == ["sent", "delivered", "delivered"]
    assert link.events.get(action="sent").by.username == "desk"


def test_expiry_is_seven_days_or_the_appointment(contact, desk):
    now = timezone.now()
    link = previsit_link_send(patient=contact, sent_by=desk, email=True, build_url=str)
    assert abs(link.expires_at - (now + datetime.timedelta(days=7))) < datetime.timedelta(minutes=1)
    appointment = now + datetime.timedelta(days=2)
    link = previsit_link_send(
        patient=contact, sent_by=desk, email=True, appointment_at=appointment, build_url=str
    )
    assert link.expires_at == appointment


def test_a_scanner_get_leaves_the_link_usable(client, sent, contact):
    for _ in range(3):  # a mail scanner, a link preview, the patient
        response = client.get(f"/v/{sent}/")
        assert response.status_code == 200
        assert b"date of birth" in response.content
        assert b"Ann" not in response.content and b"Lee" not in response.content
    link = PrevisitLink.objects.get()
    assert link.is_usable and not link.sessions.exists()
    assert link.events.filter(action="opened").count() == 3
    response = start(client, sent, contact)
    assert response.status_code == 302 and response["Location"] == home_step(1)


def test_wrong_dates_of_birth_lock_the_link(client, sent, contact):
    wrong = {"date_of_birth": "1950-01-01"}
    response = client.post(f"/v/{sent}/", wrong)
    assert response.status_code == 200
    assert b"Tries left: 2" in response.content
    client.post(f"/v/{sent}/", wrong)
    response = client.post(f"/v/{sent}/", wrong)
    assert response.status_code == 410
    assert b"Please call the clinic" in response.content
    # Locked: even the right date no longer opens it.
    response = start(client, sent, contact)
    assert response.status_code == 410
    assert client.get(home_step(1)).status_code == 302
    link = PrevisitLink.objects.get()
    assert link.state == PrevisitLink.State.LOCKED
    assert link.events.filter(action="dob_wrong").count() == 3
    assert link.events.filter(action="locked").count() == 1


def test_bad_date_input_is_a_message_not_a_count(client, sent):
    response = client.post(f"/v/{sent}/", {"date_of_birth": "not a date"})
    assert response.status_code == 200
    assert b"like 1980-04-23" in response.content
    assert PrevisitLink.objects.get().dob_failures == 0


def walk_home(client, last_step):
    for step in range(1, last_step + 1):
        response = client.post(home_step(step), {**answers(step), "action": "next"})
        assert response.status_code == 302, (step, response.content[:3000])
        assert response["Location"] == home_step(step + 1)


def submit_home(client):
    review = client.get(home_step(STEP_REVIEW))
    token = re.search(rb'name="token" value="([^"]+)"', review.content).group(1).decode()
    return client.post("/visit/submit/", {"token": token})


def test_the_whole_intake_at_home_then_the_link_is_used_up(client, sent, contact):
    start(client, sent, contact)
    walk_home(client, 9)
    response = submit_home(client)
    assert response.status_code == 200
    assert b"You do not need to fill in anything when you arrive" in response.content
    intake = Intake.objects.get()
    assert intake.status == Intake.Status.SUBMITTED
    link = PrevisitLink.objects.get()
    assert link.state == PrevisitLink.State.SUBMITTED
    assert list(link.events.values_list("action", flat=True))[-2:] == ["started", "submitted"]
    session = KioskSession.objects.get()
    assert session.at_home and session.end_reason == KioskSession.EndReason.SUBMITTED

    # Reused: a plain message, no data, no session.
    for response in (client.get(f"/v/{sent}/"), start(client, sent, contact)):
        assert response.status_code == 410
        assert b"already been sent" in response.content
        assert b"Ann" not in response.content
    assert client.get(home_step(2)).status_code == 302
    assert KioskSession.objects.count() == 1


def test_an_expired_or_unknown_link_gives_a_plain_message(client, sent, contact, monkeypatch):
    clock = Clock()
    clock.advance(days=8)
    monkeypatch.setattr(timezone, "now", clock)
    response = client.get(f"/v/{sent}/")
    assert response.status_code == 410
    assert b"This link no longer works" in response.content
    assert start(client, sent, contact).status_code == 410
    response = client.get("/v/" + "x" * 43 + "/")
    assert response.status_code == 404
    assert b"This link no longer works" in response.content


def test_a_new_link_revokes_the_old_and_ends_its_session(
    client, sent, contact, desk, django_capture_on_commit_callbacks
):
    start(client, sent, contact)
    assert client.get(home_step(1)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        previsit_link_send(patient=contact, sent_by=desk, email=True, build_url=str)
    response = client.get(home_step(1))
    assert response.status_code == 302 and response["Location"] == "/visit/"
    assert client.get(f"/v/{sent}/").status_code == 410
    old, new = PrevisitLink.objects.order_by("created_at", "pk")
    assert old.state == PrevisitLink.State.REVOKED and new.is_usable
    assert old.events.filter(action="revoked").exists()
    assert old.intake_id == new.intake_id  # the same draft, resumed


def test_a_home_session_is_not_a_tablet_and_idles_out(client, sent, contact, monkeypatch):
    start(client, sent, contact)
    # The kiosk's URLs refuse a home session (and the reverse).
    assert client.get("/kiosk/step/1/")["Location"] == "/kiosk/"
    start(client, sent, contact)
    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock)
    clock.advance(minutes=11)
    response = client.get(home_step(1), follow=True)
    assert b"open the link in your message again" in response.content
    assert KioskSession.objects.filter(end_reason="idle").exists()
    # The link still works for the rest of the answers.
    monkeypatch.undo()
    assert start(client, sent, contact).status_code == 302


def test_emergency_at_home_says_what_to_do_now_and_shows_on_the_board(client, sent, contact, desk):
    start(client, sent, contact)
    walk_home(client, STEP_WARNING_SIGNS - 1)
    emergency = {**answers(STEP_WARNING_SIGNS), "saddle_numbness": "true", "action": "next"}
    client.post(home_step(STEP_WARNING_SIGNS), emergency)
    response = client.get(home_step(STEP_WARNING_SIGNS + 1))
    assert b"Call 911 or go to an emergency department now" in response.content
    assert b"desk PIN" not in response.content

    client.force_login(desk)
    board = client.get("/staff/board/rows/").content.decode()
    assert "answered at home, told to get emergency care now" in board
    assert "+15550100" in board
    client.logout()

    start(client, sent, contact)
    response = client.post("/visit/stopped/")
    assert response["Location"] == home_step(STEP_WARNING_SIGNS + 1)
    # Carrying on, every later page repeats what to do now.
    response = client.get(home_step(STEP_WARNING_SIGNS + 1))
    assert response.status_code == 200
    assert b"Finish the questions only if you are waiting for help." in response.content


def test_urgent_at_home_asks_to_call_the_clinic_today(client, sent, contact):
    start(client, sent, contact)
    walk_home(client, STEP_WARNING_SIGNS - 1)
    urgent = {**answers(STEP_WARNING_SIGNS), "night_pain": "true", "action": "next"}
    client.post(home_step(STEP_WARNING_SIGNS), urgent)
    response = client.get(home_step(STEP_WARNING_SIGNS + 1))
    assert b"Please call the clinic today." in response.content
    assert b"555-0100" in response.content or b"tel:" in response.content


def test_a_failed_send_is_retried_then_kept_and_shown_on_the_board(
    client, desk, contact, settings, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "common.sms.NotConfiguredBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send(client, desk, contact, sms="on")
    message = OutboundMessage.objects.get()
    assert message.status == OutboundMessage.Status.FAILED
    assert message.attempts == settings.MESSAGE_MAX_RETRIES + 1
    assert "ImproperlyConfigured" in message.last_error
    assert PrevisitEvent.objects.filter(action="send_failed").count() == 1
    board = client.get("/staff/board/rows/").content.decode()
    assert "Lee, Ann" in board
    assert "Pre-visit link not sent" in board
    page = client.get(f"/staff/patients/{contact.pk}/").content.decode()
    assert "Could not be sent" in page


def test_the_desk_is_told_what_is_missing(client, desk, patient):
    response = send(client, desk, patient)
    assert response.status_code == 422
    assert "Choose email, text message or both." in response.content.decode()
    response = send(client, desk, patient, email="on", sms="on", phone="12")
    page = response.content.decode()
    assert "Enter the email address to send the link to." in page
    assert "Enter a phone number of digits" in page
    past = (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = send(
        client, desk, patient, email="on", email_address="ann@example.org", appointment_at=past
    )
    assert response.status_code == 422
    assert "The appointment must be in the future." in response.content.decode()
    assert 'value="ann@example.org"' in response.content.decode()  # kept on the form
    patient.refresh_from_db()
    assert patient.email == "" and not PrevisitLink.objects.exists()  # nothing saved


def test_the_desk_corrects_the_address_as_it_sends(
    client, desk, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, desk, contact, email="on", email_address="ann.lee@example.org")
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.email == "ann.lee@example.org"
    assert mail.outbox[0].to == ["ann.lee@example.org"]


def test_filled_in_at_home_shows_on_the_board(client, sent, contact, desk):
    start(client, sent, contact)
    walk_home(client, 9)
    submit_home(client)
    client.force_login(desk)
    board = client.get("/staff/board/rows/").content.decode()
    assert "Filled in at home: no tablet needed" in board
    assert "bladder" not in board.lower()


def test_started_at_home_then_finished_on_the_tablet(client, sent, contact, desk):
    from intake.services import kiosk_session_start
    from intake.tests.kiosk_helpers import claim, identity

    start(client, sent, contact)
    walk_home(client, 4)
    client.force_login(desk)
    board = client.get("/staff/board/rows/").content.decode()
    assert "Filling in at home: step 5 of 10" in board
    session = kiosk_session_start(patient=contact, started_by=desk)
    client.logout()
    # The phone is done; the tablet opens where the patient got to at home.
    tablet = type(client)()
    claim(tablet, session.code)
    response = tablet.post("/kiosk/step/1/", identity(contact))
    assert response["Location"] == "/kiosk/step/5/"
    assert client.get(home_step(5))["Location"] == "/visit/"
