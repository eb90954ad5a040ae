"""Submit (intake.services.submit): exactly once, after consent, with its history row,
under the intake's row lock."""

import threading
import time
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.test import RequestFactory
from model_bakery import baker
from simple_history.models import HistoricalRecords

from intake import services
from intake.models import Intake, IntakeConsent, KioskSession

from .conftest import CONSENT

needs_row_locks = pytest.mark.skipif(
    not connection.features.has_select_for_update_of,
    reason="PostgreSQL: row locks (SQLite locks the whole database for a write)",
)


def stored(intake):
    return {field.attname: getattr(intake, field.attname) for field in Intake._meta.concrete_fields}


@pytest.fixture
def complete(answer_all, patient, today):
    return answer_all(services.intake_start(patient=patient), today)


def test_submit_returns_the_intake_as_stored_with_its_patient(complete, patient):
    intake = services.intake_submit(intake=complete, token=complete.submit_token)
    assert intake.status == "submitted" and intake.current_step == 10
    assert stored(intake) == stored(Intake.objects.get(pk=intake.pk))
    assert model_to_dict(intake.patient) == model_to_dict(patient)


def test_submit_without_consent_is_refused_and_changes_nothing(draft):
    with pytest.raises(ValidationError) as refused:
        services.intake_submit(intake=draft, token=draft.submit_token)
    assert "consent" in refused.value.message_dict
    assert Intake.objects.get(pk=draft.pk).status == "draft"


def test_submit_with_another_token_is_refused(draft):
    intake = services.intake_step_save(intake=draft, step=9, data=CONSENT)
    for token in (uuid.uuid4(), "not a token", None):
        with pytest.raises(ValidationError) as refused:
            services.intake_submit(intake=intake, token=token)
        assert "token" in refused.value.message_dict
    assert Intake.objects.get(pk=intake.pk).status == "draft"


def test_the_submit_is_in_the_history_dated_when_it_was_submitted(complete):
    intake = services.intake_submit(intake=complete, token=complete.submit_token)
    latest = intake.history.order_by("-history_id").first()
    assert (latest.history_type, latest.history_user, latest.status) == ("~", None, "submitted")
    assert latest.history_date == intake.submitted_at
    assert latest.warning_signs == intake.warning_signs
    assert [h.status for h in intake.history.order_by("history_id")][-2:] == [
        "draft",
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


def test_no_history_row_while_history_is_switched_off(draft, settings):
    intake = services.intake_step_save(intake=draft, step=9, data=CONSENT)
    before = intake.history.count()
    settings.SIMPLE_HISTORY_ENABLED = False
    intake = services.intake_submit(intake=intake, token=intake.submit_token)
    assert intake.status == "submitted"
    assert intake.history.count() == before


def _kiosk_ready(patient):
    desk = baker.make("clinic.User", username="desk")
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    services.kiosk_session_claim(code=kiosk.code)
    services.intake_step_save(intake=kiosk.intake, step=9, data=CONSENT)
    return kiosk


def test_a_kiosk_submit_ends_its_session(patient):
    kiosk = _kiosk_ready(patient)
    intake = services.kiosk_submit(
        kiosk_session=kiosk.pk, token=kiosk.intake.submit_token, require_active=True
    )
    kiosk.refresh_from_db()
    assert (kiosk.end_reason, kiosk.ended_at, kiosk.code_hash, kiosk.unsaved) == (
        "submitted",
        intake.submitted_at,
        "",
        {},
    )
    assert stored(intake) == stored(Intake.objects.get(pk=intake.pk))


def test_a_kiosk_submit_names_no_user(patient):
    kiosk = _kiosk_ready(patient)
    request = RequestFactory().post("/")
    request.user = AnonymousUser()
    HistoricalRecords.context.request = request
    try:
        intake = services.kiosk_submit(kiosk_session=kiosk, token=kiosk.intake.submit_token)
    finally:
        del HistoricalRecords.context.request
    latest = intake.history.order_by("-history_id").first()
    assert (latest.status, latest.history_user) == ("submitted", None)


def test_a_double_tap_returns_the_first_submit_unchanged(patient):
    kiosk = _kiosk_ready(patient)
    token = kiosk.intake.submit_token
    first = services.kiosk_submit(kiosk_session=kiosk.pk, token=token)
    history = first.history.count()
    again = services.kiosk_submit(kiosk_session=kiosk.pk, token=token)
    assert (again.pk, again.submitted_at, again.status) == (
        first.pk,
        first.submitted_at,
        "submitted",
    )
    assert again.history.count() == history
    assert Intake.objects.filter(patient=patient).count() == 1
    kiosk.refresh_from_db()
    assert kiosk.ended_at == first.submitted_at


def test_the_tablet_cannot_submit_once_its_session_has_ended(patient):
    kiosk = _kiosk_ready(patient)
    services.kiosk_session_end(kiosk_session=kiosk, reason=KioskSession.EndReason.ENDED)
    with pytest.raises(services.KioskSessionInactive):
        services.kiosk_submit(
            kiosk_session=kiosk.pk, token=kiosk.intake.submit_token, require_active=True
        )
    assert Intake.objects.get(pk=kiosk.intake.pk).status == "draft"


def test_an_earlier_end_and_its_reason_are_kept(patient):
    kiosk = _kiosk_ready(patient)
    ended = services.kiosk_session_end(kiosk_session=kiosk, reason=KioskSession.EndReason.ENDED)
    services.kiosk_submit(kiosk_session=kiosk.pk, token=kiosk.intake.submit_token)
    kiosk.refresh_from_db()
    assert (kiosk.end_reason, kiosk.ended_at) == ("ended", ended.ended_at)


def test_a_refused_kiosk_submit_keeps_the_session_open(patient):
    kiosk = _kiosk_ready(patient)
    with pytest.raises(ValidationError):
        services.kiosk_submit(kiosk_session=kiosk.pk, token=uuid.uuid4())
    kiosk.refresh_from_db()
    assert kiosk.is_active and kiosk.intake.status == "draft"


def test_an_unknown_kiosk_session_is_reported_as_such(db):
    with pytest.raises(KioskSession.DoesNotExist):
        services.kiosk_submit(kiosk_session=987654, token=uuid.uuid4())


def test_a_kiosk_submit_takes_a_fixed_number_of_queries(patient, django_assert_num_queries):
    kiosk = _kiosk_ready(patient)
    # Savepoint and release, the locked intake, the kiosk session, consent, the warning
    # inputs, the intake's UPDATE and its history row, the kiosk session's UPDATE.
    with django_assert_num_queries(9):
        services.kiosk_submit(
            kiosk_session=kiosk.pk, token=kiosk.intake.submit_token, require_active=True
        )


def _race(hold, submit):
    """Run ``hold(release)`` and then ``submit()`` in two threads, each with its own
    connection: ``hold`` holds its transaction open until ``release`` is set, which
    happens once ``submit`` has had time to start waiting. Returns what they recorded."""
    held, release = threading.Event(), threading.Event()
    seen = {}

    def holder():
        try:
            with transaction.atomic():
                hold()
                held.set()
                release.wait(5)
                seen["released"] = time.monotonic()
        finally:
            connection.close()

    def submitter():
        try:
            held.wait(5)
            timer = threading.Timer(0.3, release.set)  # the submit is waiting by then
            timer.start()
            try:
                seen["submitted"] = submit()
            except ValidationError as error:
                seen["refused"] = error
            seen["done"] = time.monotonic()
        finally:
            connection.close()

    threads = [threading.Thread(target=holder), threading.Thread(target=submitter)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return seen


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_submit_waits_for_the_intake_lock_and_submits_what_was_saved_under_it(patient):
    intake = services.intake_step_save(
        intake=services.intake_start(patient=patient), step=9, data=CONSENT
    )

    def hold():
        Intake.objects.select_for_update().filter(pk=intake.pk).update(goals="Walk again")

    seen = _race(hold, lambda: services.intake_submit(intake=intake, token=intake.submit_token))
    assert seen["done"] >= seen["released"]
    assert seen["submitted"].goals == "Walk again"
    latest = Intake.objects.get(pk=intake.pk).history.order_by("-history_id").first()
    assert (latest.status, latest.goals) == ("submitted", "Walk again")


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_a_submit_waiting_on_the_consent_save_sees_the_consent(patient):
    """The tablet's consent save and its submit can arrive together (a quick tap on
    Send after the last step): the submit waits for the save's lock and must then see
    the consent it committed, not refuse for want of it."""
    desk = baker.make("clinic.User", username="desk")
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    services.kiosk_session_claim(code=kiosk.code)
    intake = kiosk.intake

    def hold():
        services.intake_step_save(intake=intake, step=9, data=CONSENT)

    seen = _race(
        hold,
        lambda: services.kiosk_submit(
            kiosk_session=kiosk.pk, token=intake.submit_token, require_active=True
        ),
    )
    assert "refused" not in seen, seen.get("refused")
    assert seen["done"] >= seen["released"]
    assert seen["submitted"].status == "submitted"
    assert IntakeConsent.objects.filter(intake=intake).exists()
    kiosk.refresh_from_db()
    assert kiosk.end_reason == "submitted"
