"""Submit's own statements (intake.services.submit): the intake they return, the history
row they copy, and the lock they take."""

import threading
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.test import RequestFactory
from model_bakery import baker
from simple_history.models import HistoricalRecords

from intake import services
from intake.history import HISTORY_OWN_FIELDS, records_for
from intake.models import Intake

from .conftest import CONSENT


def tracked(row):
    """A history row's copy of the intake's fields."""
    return {
        field.attname: getattr(row, field.attname)
        for field in type(row)._meta.concrete_fields
        if field.name not in HISTORY_OWN_FIELDS
    }


def stored(intake):
    return {field.attname: getattr(intake, field.attname) for field in Intake._meta.concrete_fields}


@pytest.fixture
def complete(answer_all, patient, today):
    return answer_all(services.intake_start(patient=patient), today)


def test_submit_returns_the_intake_as_stored_with_its_patient(complete, patient):
    intake = services.intake_submit(intake=complete, token=complete.submit_token)
    assert stored(intake) == stored(Intake.objects.get(pk=intake.pk))
    assert intake.warning_signs == Intake.objects.get(pk=intake.pk).warning_signs
    # Only the date of birth was read with the lock; the rest of the patient loads on use.
    assert (intake.patient.first_name, intake.patient.chart_number) == ("Ann", "C-100")
    assert model_to_dict(intake.patient) == model_to_dict(patient)


def test_the_submitted_history_row_is_the_one_simple_history_would_write(complete):
    intake = services.intake_submit(intake=complete, token=complete.submit_token)
    copied = intake.history.order_by("-history_id").first()
    assert (copied.history_type, copied.history_user, copied.history_change_reason) == (
        "~",
        None,
        None,
    )
    assert copied.history_date == intake.submitted_at
    # simple-history's own record of the same stored row, for comparison.
    records_for(Intake).create_historical_record(Intake.objects.get(pk=intake.pk), "~")
    written = intake.history.order_by("-history_id").first()
    assert written.pk != copied.pk
    assert tracked(copied) == tracked(written) == stored(intake)
    assert [h.status for h in intake.history.order_by("history_id")][-3:] == [
        "draft",
        "submitted",
        "submitted",
    ]


def test_the_submitted_history_row_names_the_signed_in_user(draft, practitioner_user):
    intake = services.intake_step_save(intake=draft, step=9, data=CONSENT)
    request = RequestFactory().post("/")
    request.user = practitioner_user
    HistoricalRecords.context.request = request
    try:
        services.intake_submit(intake=intake, token=intake.submit_token)
    finally:
        del HistoricalRecords.context.request
    assert intake.history.order_by("-history_id").first().history_user == practitioner_user


def test_a_kiosk_submit_names_no_user(patient, practitioner_user):
    desk = baker.make("clinic.User", username="desk")
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    services.intake_step_save(intake=kiosk.intake, step=9, data=CONSENT)
    request = RequestFactory().post("/")
    request.user = AnonymousUser()
    HistoricalRecords.context.request = request
    try:
        intake = services.kiosk_submit(kiosk_session=kiosk, token=kiosk.intake.submit_token)
    finally:
        del HistoricalRecords.context.request
    latest = intake.history.order_by("-history_id").first()
    assert (latest.status, latest.history_user) == ("submitted", None)


def test_no_history_row_while_history_is_switched_off(draft, settings):
    intake = services.intake_step_save(intake=draft, step=9, data=CONSENT)
    before = intake.history.count()
    settings.SIMPLE_HISTORY_ENABLED = False
    intake = services.intake_submit(intake=intake, token=intake.submit_token)
    assert intake.status == "submitted"
    assert intake.history.count() == before


@pytest.mark.skipif(
    not connection.features.has_select_for_update_of,
    reason="PostgreSQL: row locks (SQLite locks the whole database for a write)",
)
@pytest.mark.django_db(transaction=True)
def test_submit_waits_for_the_intake_lock(patient):
    """A submit takes the same row lock as a step save: while another transaction
    holds the intake, the submit waits, and it then sees that transaction's answers."""
    intake = services.intake_step_save(
        intake=services.intake_start(patient=patient), step=9, data=CONSENT
    )
    held, go = threading.Event(), threading.Event()
    times = {}

    def holder():
        try:
            with transaction.atomic():
                Intake.objects.select_for_update().filter(pk=intake.pk).update(goals="Walk again")
                held.set()
                go.wait(5)
                time.sleep(0.3)  # the submit is now waiting on the lock, if it takes one
                times["released"] = time.monotonic()
        finally:
            connection.close()

    def submitter():
        try:
            held.wait(5)
            go.set()
            times["submitted"] = services.intake_submit(intake=intake, token=intake.submit_token)
            times["done"] = time.monotonic()
        finally:
            connection.close()

    threads = [threading.Thread(target=holder), threading.Thread(target=submitter)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert times["done"] >= times["released"]
    # Read after the other transaction committed: its change is in the submitted row.
    assert times["submitted"].goals == "Walk again"
    latest = Intake.objects.get(pk=intake.pk).history.order_by("-history_id").first()
    assert (latest.status, latest.goals) == ("submitted", "Walk again")
