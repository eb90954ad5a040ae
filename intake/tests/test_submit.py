"""Submit's own statements (intake.services.submit): the intake they return, the history
row they copy, and the lock they take."""

import threading
import time
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from model_bakery import baker
from simple_history.models import HistoricalRecords

from clinic.sessions import SessionStore
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


def _kiosk_ready(patient):
    desk = baker.make("clinic.User", username="desk")
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    services.kiosk_session_claim(code=kiosk.code)
    services.intake_step_save(intake=kiosk.intake, step=9, data=CONSENT)
    return kiosk


def _browser_session(kiosk):
    store = SessionStore()
    store["kiosk_session"] = kiosk.pk
    store.save()
    return store


def test_a_kiosk_submit_writes_once_on_postgresql_and_deletes_the_browser_session(patient):
    kiosk = _kiosk_ready(patient)
    browser = _browser_session(kiosk)
    key = browser.session_key
    with CaptureQueriesContext(connection) as queries:
        intake = services.kiosk_submit(
            kiosk_session=kiosk.pk,
            token=kiosk.intake.submit_token,
            require_active=True,
            browser_session=browser,
        )
    # The test's transaction makes the submit's a savepoint: those statements aside.
    sql = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    assert [s.split()[0] for s in sql[:2]] == ["SELECT", "SELECT"]  # locked read, inputs
    if connection.vendor == "postgresql":
        # Every write in one statement.
        assert len(sql) == 3
        assert sql[2].startswith('WITH "submitted" AS (UPDATE "intake_intake"')
        assert '"history" AS (INSERT' in sql[2] and '"browser" AS (DELETE' in sql[2]
    else:
        # Intake, history row, kiosk session, browser session: one after the other.
        assert [s.split()[0] for s in sql[2:]] == ["UPDATE", "INSERT", "UPDATE", "DELETE"]
    assert not SessionStore().exists(key)
    assert browser.session_key is None and dict(browser.items()) == {} and browser.modified
    kiosk.refresh_from_db()
    assert (kiosk.end_reason, kiosk.ended_at, kiosk.code_hash) == (
        "submitted",
        intake.submitted_at,
        "",
    )
    assert stored(intake) == stored(Intake.objects.get(pk=intake.pk))
    latest = intake.history.order_by("-history_id").first()
    assert tracked(latest) == stored(intake)
    assert (latest.history_type, latest.history_date) == ("~", intake.submitted_at)


def test_a_double_tap_only_ends_the_session_and_its_browser_session(patient):
    kiosk = _kiosk_ready(patient)
    token = kiosk.intake.submit_token
    first = services.kiosk_submit(kiosk_session=kiosk.pk, token=token)
    history = first.history.count()
    browser = _browser_session(kiosk)
    key = browser.session_key
    again = services.kiosk_submit(kiosk_session=kiosk.pk, token=token, browser_session=browser)
    assert (again.pk, again.submitted_at, again.status) == (
        first.pk,
        first.submitted_at,
        "submitted",
    )
    assert again.history.count() == history
    assert not SessionStore().exists(key) and browser.session_key is None
    kiosk.refresh_from_db()
    assert kiosk.ended_at == first.submitted_at


def test_a_refused_kiosk_submit_keeps_the_browser_session(patient):
    kiosk = _kiosk_ready(patient)
    browser = _browser_session(kiosk)
    key = browser.session_key
    with pytest.raises(ValidationError):
        services.kiosk_submit(kiosk_session=kiosk.pk, token=uuid.uuid4(), browser_session=browser)
    assert SessionStore().exists(key) and browser.session_key == key
    assert browser["kiosk_session"] == kiosk.pk
    assert Intake.objects.get(pk=kiosk.intake.pk).status == "draft"


def test_another_session_store_is_flushed_after_the_submit(patient):
    from django.contrib.sessions.backends.db import SessionStore as DjangoStore

    kiosk = _kiosk_ready(patient)
    browser = DjangoStore()
    browser["kiosk_session"] = kiosk.pk
    browser.save()
    key = browser.session_key
    services.kiosk_submit(
        kiosk_session=kiosk.pk, token=kiosk.intake.submit_token, browser_session=browser
    )
    assert not DjangoStore().exists(key) and browser.session_key is None
