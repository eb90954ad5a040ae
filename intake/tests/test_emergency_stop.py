"""An emergency answer stops the tablet until staff release it; nothing typed is lost."""

import pytest
from model_bakery import baker

from intake import services
from intake.models import DeskPin, Intake, KioskSession
from intake.services.kiosk import PIN_TRIES
from intake.tests.conftest import FULL_ANSWERS
from intake.tests.kiosk_helpers import claim, identity, step_url, walk_to

STOP_TEXT = "Stop here and get help now"
PIN = "482916"


@pytest.fixture
def desk_pin(db):
    pin = DeskPin()
    pin.set_pin(PIN)
    pin.save()
    return pin


@pytest.fixture
def stopped(client, patient, demo_wording):
    """A tablet whose patient answered yes to an emergency question on step 6."""
    desk = baker.make("clinic.User", username="desk")
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    claim(client, kiosk.code)
    client.post(step_url(1), {**identity(patient), **FULL_ANSWERS[1]})
    walk_to(client, 5)
    response = client.post(step_url(6), {"saddle_numbness": "true", "action": "next"})
    assert response["Location"] == step_url(7)
    client.intake = Intake.objects.get(patient=patient)
    client.kiosk = kiosk
    return client


def test_the_stop_screen_says_what_to_do_and_offers_the_patient_no_way_on(stopped):
    body = stopped.get(step_url(7)).content.decode()
    assert STOP_TEXT in body
    assert "Go to the front desk now" in body
    assert "Your answers are saved" in body
    assert 'name="action"' not in body
    # No desk PIN set: staff are told to use the board.
    assert "release the tablet from the front-desk board" in body
    assert 'name="pin"' not in body
    # No idle reset while it waits for staff: the poll keeps it, the reset form is absent.
    assert "data-kiosk-idle" not in body
    assert 'hx-get="/kiosk/stopped/"' in body


def test_urgent_signs_do_not_stop_the_tablet(client, patient, demo_wording):
    desk = baker.make("clinic.User", username="desk")
    claim(client, services.kiosk_session_start(patient=patient, started_by=desk).code)
    client.post(step_url(1), {**identity(patient), **FULL_ANSWERS[1]})
    walk_to(client, 5)
    client.post(step_url(6), {"night_pain": "true", "cancer_history": "true", "action": "next"})
    intake = Intake.objects.get(patient=patient)
    assert intake.warning_level == 1 and not intake.tablet_stopped
    assert STOP_TEXT not in client.get(step_url(7)).content.decode()


def test_answers_posted_while_stopped_are_kept(stopped):
    stopped.post(step_url(8), {"goals": "Walk the dog again", "action": "next"})
    stopped.post(step_url(6), {"saddle_numbness": "true", "bowel": "false", "action": "next"})
    intake = Intake.objects.get(pk=stopped.intake.pk)
    assert intake.warning_answers.get(question="bowel").answer is False
    assert STOP_TEXT in stopped.get(step_url(8)).content.decode()


def test_the_desk_pin_lets_the_patient_carry_on(stopped, desk_pin):
    page = stopped.get("/kiosk/stopped/").content.decode()
    assert 'name="pin"' in page and 'inputmode="numeric"' in page
    wrong = stopped.post("/kiosk/stopped/", {"pin": "111111"})
    assert f"That PIN is not right. Tries left: {PIN_TRIES - 1}." in wrong.content.decode()
    assert Intake.objects.get(pk=stopped.intake.pk).tablet_stopped
    response = stopped.post("/kiosk/stopped/", {"pin": PIN})
    assert response["Location"] == step_url(7)
    intake = Intake.objects.get(pk=stopped.intake.pk)
    assert not intake.tablet_stopped
    assert intake.emergency_released_at is not None and intake.emergency_released_by is None
    # The right PIN gave its try back.
    assert KioskSession.objects.get(pk=stopped.kiosk.pk).pin_failures == 1
    step = stopped.get(step_url(7)).content.decode()
    assert STOP_TEXT not in step and 'name="action"' in step
    # The release is in the intake's history.
    assert intake.history.filter(emergency_released_at__isnull=False).exists()


@pytest.mark.parametrize("pin", ["", "12", "12ab", "123456789"])
def test_a_malformed_pin_gets_a_message_and_no_try_is_spent(stopped, desk_pin, pin):
    response = stopped.post("/kiosk/stopped/", {"pin": pin})
    assert response.status_code == 200
    assert "desk PIN" in response.content.decode()
    assert KioskSession.objects.get(pk=stopped.kiosk.pk).pin_failures == 0


def test_too_many_wrong_pins_leave_only_the_board(stopped, desk_pin):
    for _ in range(PIN_TRIES):
        stopped.post("/kiosk/stopped/", {"pin": "000000"})
    response = stopped.post("/kiosk/stopped/", {"pin": PIN})
    assert "Too many wrong PINs on this tablet" in response.content.decode()
    assert Intake.objects.get(pk=stopped.intake.pk).tablet_stopped
    assert KioskSession.objects.get(pk=stopped.kiosk.pk).pin_failures == PIN_TRIES


def test_a_release_from_the_board_reaches_the_polling_tablet(stopped):
    poll = stopped.get("/kiosk/stopped/", HTTP_HX_REQUEST="true")
    assert poll.status_code == 204 and "HX-Redirect" not in poll
    staff = baker.make("clinic.User", username="frontdesk2")
    services.intake_emergency_release(intake=stopped.intake, by=staff)
    poll = stopped.get("/kiosk/stopped/", HTTP_HX_REQUEST="true")
    assert poll["HX-Redirect"] == step_url(7)
    assert Intake.objects.get(pk=stopped.intake.pk).emergency_released_by == staff


def test_the_bladder_questions_ask_retention_and_loss_of_control_apart(stopped):
    from intake.vocabulary import EMERGENCY_SIGNS, WarningQuestion

    assert "cannot feel when your bladder is full" in WarningQuestion.BLADDER.label
    assert "New since this pain began" in WarningQuestion.BLADDER_CONTROL.label
    assert {"bladder", "bladder_control"} <= EMERGENCY_SIGNS
