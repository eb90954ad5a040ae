"""Emergency and urgent alerts on the board, the patient page and the queue: two levels
the desk can tell apart, loud until acknowledged, then who acknowledged and when."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from clinic.models import AuditEvent, DeskScript
from clinic.services import warning_acknowledge
from clinic.tests.conftest import EMERGENCY
from intake.models import Intake

URGENT = {6: {"saddle_numbness": "false", "night_pain": "true"}}
NONE = {6: {"night_pain": "false"}}
HTMX_POLL = {"HTTP_HX_REQUEST": "true", "HTTP_X_BACKGROUND_POLL": "1"}


def emergency_ids(body):
    state = re.search(r'data-alert-state data-emergencies="([^"]*)"', body)
    return state.group(1).split()


@pytest.fixture
def acknowledger(make_staff):
    from clinic import roles

    return make_staff(roles.PRACTITIONER, username="drlee", first_name="Dana", last_name="Lee")


def test_the_board_tells_the_two_levels_apart_with_no_clinical_detail(
    client, front_desk_user, make_intake
):
    emergency = make_intake(first_name="Eve", last_name="Ray", chart="E-1", changes=EMERGENCY)
    make_intake(first_name="Uma", last_name="Fox", chart="U-1", changes=URGENT)
    make_intake(first_name="Nat", last_name="Cole", chart="N-1", changes=NONE)
    client.force_login(front_desk_user)
    body = client.get("/staff/").content.decode()
    banner = body.split('id="alert-banner"')[1].split('id="today-heading"')[0]
    assert "Emergency: get a practitioner now" in banner and "Eve Ray" in banner
    assert str(DeskScript.DEFAULT_TEXT[DeskScript.Level.EMERGENCY])[:40] in banner
    assert "Uma" not in banner and "Nat" not in banner
    assert "Urgent: tell the practitioner before treatment" in body
    assert str(DeskScript.DEFAULT_TEXT[DeskScript.Level.URGENT])[:40] in body
    assert emergency_ids(body) == [str(emergency.pk)]
    for clinical in ("Saddle", "saddle", "Night pain", "between your legs"):
        assert clinical not in body
    # The banner is on the poll too (swapped in at the top), with the rows.
    poll = client.get("/staff/board/rows/", **HTMX_POLL).content.decode()
    assert 'id="alert-banner" hx-swap-oob="true"' in poll
    assert "Eve Ray" in poll and "Fox, Uma" in poll and "<html" not in poll


def test_after_acknowledgement_the_board_queue_and_patient_page_say_who_and_when(
    client, front_desk_user, acknowledger, make_intake
):
    intake = make_intake(first_name="Eve", last_name="Ray", chart="E-1", changes=EMERGENCY)
    client.force_login(front_desk_user)
    assert "Emergency: get a practitioner now" in client.get("/staff/").content.decode()
    ack = warning_acknowledge(intake=intake, by=acknowledger, action_taken="Seen at once")
    at = timezone.localtime(ack.acknowledged_at)
    said = f"Emergency, acknowledged by Dana Lee at {at:%H:%M}"
    board = client.get("/staff/").content.decode()
    assert said in board
    assert "Emergency: get a practitioner now" not in board  # no banner, no loud badge
    assert emergency_ids(board) == []
    patient_page = client.get(f"/staff/patients/{intake.patient_id}/").content.decode()
    assert f"Emergency, acknowledged by Dana Lee at {at:%Y-%m-%d %H:%M}" in patient_page
    client.force_login(acknowledger)
    queue = client.get("/staff/").content.decode()
    assert f"Emergency, acknowledged by Dana Lee at {at:%Y-%m-%d %H:%M}" in queue
    assert "Emergency: not acknowledged" not in queue
    summary = client.get(f"/staff/intakes/{intake.pk}/").content.decode()
    assert f"Emergency, acknowledged by Dana Lee at {at:%Y-%m-%d %H:%M}:" in summary
    assert "The review cannot be completed until" not in summary


def test_an_urgent_acknowledgement_does_not_cover_a_later_emergency(
    client, front_desk_user, acknowledger, make_intake
):
    from intake import services

    intake = make_intake(chart="E-2", submit=False, changes=URGENT, steps=[1, 6])
    warning_acknowledge(intake=intake, by=acknowledger, action_taken="Will see first")
    services.intake_step_save(intake=intake, step=6, data={"bowel": "true"})
    client.force_login(front_desk_user)
    body = client.get("/staff/").content.decode()
    assert "Emergency: get a practitioner now" in body
    assert "acknowledged by" not in body


def test_the_queue_polls_its_live_part_and_counts_what_it_lists(
    client, practitioner_user, make_intake
):
    submitted = make_intake(first_name="Sub", chart="S-1", changes=EMERGENCY)
    drafting = make_intake(
        first_name="Dra", chart="D-1", submit=False, changes=EMERGENCY, steps=[1, 6]
    )
    client.force_login(practitioner_user)
    page = client.get("/staff/").content.decode()
    assert 'hx-trigger="every 10s"' in page and "js/staff-alerts" in page
    poll = client.get("/staff/", **HTMX_POLL).content.decode()
    assert "<html" not in poll
    assert "1 intake in this list" in poll and "1 emergency" in poll
    assert "Warning signs in 1 intake still being filled in" in poll
    assert sorted(emergency_ids(poll)) == sorted([str(submitted.pk), str(drafting.pk)])
    assert "2 emergencies not acknowledged" in poll
    # A poll is not activity, and is audited as the read it is.
    assert AuditEvent.objects.filter(object_type="intake.Intake", action="view").exists()


def test_the_front_desk_releases_a_stopped_tablet_from_the_board(
    client, front_desk_user, make_intake
):
    intake = make_intake(
        first_name="Eve", chart="E-3", submit=False, changes=EMERGENCY, steps=[1, 6]
    )
    assert intake.tablet_stopped
    client.force_login(front_desk_user)
    board = client.get("/staff/").content.decode()
    assert f'action="/staff/intakes/{intake.pk}/release/"' in board
    assert "their tablet has stopped" in board
    response = client.post(f"/staff/intakes/{intake.pk}/release/")
    assert response["Location"] == "/staff/"
    intake.refresh_from_db()
    assert not intake.tablet_stopped and intake.emergency_released_by == front_desk_user
    assert AuditEvent.objects.filter(
        action="update", object_type="intake.Intake", object_id=str(intake.pk), outcome="allowed"
    ).exists()
    # Still an emergency for the desk until a practitioner acknowledges it.
    assert "Emergency: get a practitioner now" in client.get("/staff/").content.decode()


def test_an_admin_edits_the_desk_script(client, front_desk_user, make_intake):
    DeskScript.objects.create(level=DeskScript.Level.EMERGENCY, text="Ring Dr Patel on 2201.")
    make_intake(chart="E-4", changes=EMERGENCY)
    client.force_login(front_desk_user)
    assert "Ring Dr Patel on 2201." in client.get("/staff/").content.decode()


def test_the_desk_script_admin_starts_from_the_default_and_survives_a_bad_level(client, db):
    admin = get_user_model().objects.create_superuser("root", "r@example.org", "pw-9f8e7d6c")
    client.force_login(admin)
    page = client.get("/admin/clinic/deskscript/add/?level=1").content.decode()
    assert str(DeskScript.DEFAULT_TEXT[DeskScript.Level.URGENT])[:30] in page
    assert client.get("/admin/clinic/deskscript/add/?level=x").status_code == 200


def test_the_desk_pin_is_set_twice_in_the_admin_and_stored_hashed(client, db):
    from intake.models import DeskPin

    admin = get_user_model().objects.create_superuser("root", "r@example.org", "pw-9f8e7d6c")
    client.force_login(admin)
    mismatch = client.post("/admin/intake/deskpin/add/", {"pin": "2468", "pin_again": "2469"})
    assert "The two PINs are not the same." in mismatch.content.decode()
    assert not DeskPin.objects.exists()
    client.post("/admin/intake/deskpin/add/", {"pin": "2468", "pin_again": "2468"})
    pin = DeskPin.objects.get()
    assert "2468" not in pin.pin_hash and pin.check_pin("2468") and pin.changed_by == admin


def test_only_the_front_desk_releases_tablets(client, practitioner_user, make_intake):
    intake = make_intake(chart="E-5", submit=False, changes=EMERGENCY, steps=[1, 6])
    client.force_login(practitioner_user)
    assert client.post(f"/staff/intakes/{intake.pk}/release/").status_code == 403
    assert Intake.objects.get(pk=intake.pk).tablet_stopped
