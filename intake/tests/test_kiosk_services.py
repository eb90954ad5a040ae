"""Kiosk services and selectors: codes, claims, limits, ends, status for the board."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from model_bakery import baker

from intake import selectors, services
from intake.models import ConsentText, Intake, KioskCodeCounter, KioskSession
from intake.seed import DEFAULT_CONSENT_VERSION, ensure_default_consent
from intake.services.kiosk import (
    WRONG_CODES_PER_ADDRESS,
    client_digest,
    code_digest,
    normalise_code,
)
from intake.tests.conftest import CONSENT
from intake.tests.kiosk_helpers import Clock


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def desk(db):
    return baker.make("clinic.User", username="desk")


def test_start_returns_a_six_digit_code_expiring_in_15_minutes(patient, desk, clock):
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    assert len(kiosk.code) == 6 and kiosk.code.isdigit()
    assert kiosk.expires_at == clock.now + datetime.timedelta(minutes=15)
    assert kiosk.intake.patient == patient and kiosk.intake.is_draft
    assert kiosk.intake.started_by == desk
    assert kiosk.code_hash == code_digest(kiosk.code) != kiosk.code
    assert kiosk.state == KioskSession.State.WAITING
    assert KioskSession.objects.get(pk=kiosk.pk).code_hash == kiosk.code_hash
    assert not hasattr(KioskSession.objects.get(pk=kiosk.pk), "code")


def test_start_resumes_the_open_draft_and_voids_earlier_codes(patient, desk):
    first = services.kiosk_session_start(patient=patient, started_by=desk)
    second = services.kiosk_session_start(patient=patient, started_by=desk)
    assert first.intake_id == second.intake_id
    first.refresh_from_db()
    assert first.state == KioskSession.State.ENDED
    assert first.end_reason == KioskSession.EndReason.REPLACED
    assert first.code_hash == ""
    assert Intake.objects.filter(patient=patient).count() == 1


def test_claim_uses_the_code_once(patient, desk):
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    claimed = services.kiosk_session_claim(code=f" {kiosk.code[:3]}-{kiosk.code[3:]} ")
    assert claimed.pk == kiosk.pk
    assert claimed.state == KioskSession.State.IN_USE
    assert claimed.code_hash == ""
    with pytest.raises(services.KioskCodeRefused):
        services.kiosk_session_claim(code=kiosk.code)


def test_a_submitted_intake_cannot_be_claimed(patient, desk):
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    Intake.objects.filter(pk=kiosk.intake_id).update(
        status="submitted", submitted_at=timezone.now()
    )
    with pytest.raises(services.KioskCodeRefused):
        services.kiosk_session_claim(code=kiosk.code)


def test_wrong_codes_from_one_address_are_limited_too(patient, desk, clock):
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    wrong = "000000" if kiosk.code != "000000" else "111111"
    for _n in range(WRONG_CODES_PER_ADDRESS):
        with pytest.raises(services.KioskCodeRefused):
            services.kiosk_session_claim(code=wrong, address="10.0.0.9")
    with pytest.raises(services.KioskCodeRefused) as refused:
        services.kiosk_session_claim(code=kiosk.code, address="10.0.0.9")
    assert refused.value.code == "too_many_tries"
    # Another address is not affected; addresses are stored hashed.
    assert services.kiosk_session_claim(code=kiosk.code, address="10.0.0.10")
    assert not KioskCodeCounter.objects.filter(key__contains="10.0.0").exists()


def test_old_wrong_code_records_are_cleared(db, clock):
    with pytest.raises(services.KioskCodeRefused):
        services.kiosk_session_claim(code="123456", address="10.0.0.1")
    clock.advance(days=2)
    with pytest.raises(services.KioskCodeRefused):
        services.kiosk_session_claim(code="123456", address="10.0.0.2")
    kept = KioskCodeCounter.objects.filter(scope=KioskCodeCounter.Scope.ADDRESS)
    assert list(kept.values_list("key", flat=True)) == [client_digest("10.0.0.2")]


def test_an_expired_code_can_be_drawn_again(patient, desk, clock, monkeypatch):
    first = services.kiosk_session_start(patient=patient, started_by=desk)
    clock.advance(minutes=16)
    other = baker.make("intake.Patient", chart_number="C-9", date_of_birth="1980-01-01")
    monkeypatch.setattr("intake.services.kiosk._new_code", lambda: first.code)
    second = services.kiosk_session_start(patient=other, started_by=desk)
    assert second.code == first.code
    assert services.kiosk_session_claim(code=first.code).pk == second.pk


@pytest.mark.parametrize("raw", ["12345", "1234567", "abcdef", "", None, 123456, "１２３４５６"])
def test_normalise_code_refuses_anything_but_six_digits(raw):
    assert normalise_code(raw) is None


def test_end_is_idempotent_and_the_next_code_gets_the_kept_drafts(patient, desk):
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    KioskSession.objects.filter(pk=kiosk.pk).update(unsaved={"3": {"goals": ["x"]}})
    ended = services.kiosk_session_end(kiosk_session=kiosk, reason="ended")
    again = services.kiosk_session_end(kiosk_session=kiosk, reason="idle")
    assert again.end_reason == "ended" and again.ended_at == ended.ended_at
    with pytest.raises(ValidationError):
        services.kiosk_session_end(kiosk_session=kiosk, reason="bored")
    # What was typed moves to the patient's next code, and is kept there only.
    following = services.kiosk_session_start(patient=patient, started_by=desk)
    assert KioskSession.objects.get(pk=following.pk).unsaved == {"3": {"goals": ["x"]}}
    assert KioskSession.objects.get(pk=kiosk.pk).unsaved == {}


def test_kiosk_submit_submits_and_ends_the_session_together(patient, desk):
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    services.kiosk_session_claim(code=kiosk.code)
    token = str(kiosk.intake.submit_token)
    # No consent yet: refused, and neither the intake nor the session changes.
    with pytest.raises(ValidationError) as refused:
        services.kiosk_submit(kiosk_session=kiosk, token=token)
    assert "consent" in refused.value.message_dict
    kiosk.refresh_from_db()
    assert kiosk.ended_at is None and kiosk.intake.status == "draft"
    services.intake_step_save(intake=kiosk.intake, step=9, data=CONSENT)
    KioskSession.objects.filter(pk=kiosk.pk).update(unsaved={"3": {"goals": ["x"]}})
    intake = services.kiosk_submit(kiosk_session=kiosk, token=token)
    assert intake.status == "submitted" and intake.submitted_at is not None
    kiosk.refresh_from_db()
    assert (kiosk.end_reason, kiosk.code_hash, kiosk.unsaved) == ("submitted", "", {})
    ended_at = kiosk.ended_at
    assert ended_at is not None
    # A double tap: the same intake, and the session keeps its first end.
    again = services.kiosk_submit(kiosk_session=kiosk, token=token)
    assert (again.pk, again.submitted_at) == (intake.pk, intake.submitted_at)
    kiosk.refresh_from_db()
    assert (kiosk.end_reason, kiosk.ended_at) == ("submitted", ended_at)


def test_kiosk_submit_keeps_an_earlier_end_reason(patient, desk):
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    services.intake_step_save(intake=kiosk.intake, step=9, data=CONSENT)
    ended = services.kiosk_session_end(kiosk_session=kiosk, reason="ended")
    services.kiosk_submit(kiosk_session=kiosk, token=kiosk.intake.submit_token)
    kiosk.refresh_from_db()
    assert (kiosk.end_reason, kiosk.ended_at) == ("ended", ended.ended_at)


def test_identity_confirm_counts_mismatches(patient, desk):
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    services.kiosk_session_claim(code=kiosk.code)
    for n in (1, 2):
        result = services.kiosk_identity_confirm(
            kiosk_session=kiosk, first_name="Ann", date_of_birth=datetime.date(1900, 1, 1)
        )
        assert result.identity_failures == n and result.ended_at is None
    result = services.kiosk_identity_confirm(
        kiosk_session=kiosk, first_name="ann", date_of_birth=patient.date_of_birth
    )
    assert result.identity_confirmed_at is not None


def test_board_status_in_one_query(patient, desk, django_assert_num_queries):
    kiosks = [services.kiosk_session_start(patient=patient, started_by=desk) for _ in range(3)]
    other = baker.make("intake.Patient", chart_number="C-2", date_of_birth="1970-02-02")
    other_kiosk = services.kiosk_session_start(patient=other, started_by=desk)
    with django_assert_num_queries(1):
        latest = selectors.kiosk_sessions_latest(intakes=[kiosks[0].intake, other_kiosk.intake])
    assert latest[kiosks[0].intake_id].pk == kiosks[-1].pk
    assert latest[other_kiosk.intake_id].state_label == "Waiting for the tablet"
    services.kiosk_session_claim(code=other_kiosk.code)
    latest = selectors.kiosk_sessions_latest(intakes=[other_kiosk.intake_id])
    assert latest[other_kiosk.intake_id].state_label == "On the tablet"


def test_a_default_consent_text_exists_after_migrate(db):
    text = selectors.consent_text_current()
    assert text.version == DEFAULT_CONSENT_VERSION
    assert "agree" in text.body
    ensure_default_consent()
    assert ConsentText.objects.count() == 1


def test_the_newest_active_consent_text_is_shown(db):
    services.consent_text_create(version="2030-1", body="New words.")
    services.consent_text_create(version="2030-2", body="Draft words.", active=False)
    assert selectors.consent_text_current().version == "2030-1"
    with pytest.raises(ValidationError):
        services.consent_text_create(version="2030-1", body="Again.")


def test_consent_text_admin_locks_a_signed_version(admin_client, patient):
    text = selectors.consent_text_current()
    url = f"/admin/intake/consenttext/{text.pk}/change/"
    assert admin_client.get(url).status_code == 200
    assert b'name="body"' in admin_client.get(url).content
    draft = services.intake_start(patient=patient)
    baker.make(
        "intake.IntakeConsent",
        intake=draft,
        text_version=text.version,
        consented_at=timezone.now(),
    )
    assert b'name="body"' not in admin_client.get(url).content
    assert admin_client.get("/admin/intake/kiosksession/").status_code == 200


def test_kiosk_submit_for_the_tablet_needs_an_active_session(patient, desk):
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    services.intake_step_save(intake=kiosk.intake, step=9, data=CONSENT)
    token = kiosk.intake.submit_token
    # Not claimed yet: the tablet's submit changes nothing.
    with pytest.raises(services.KioskSessionInactive):
        services.kiosk_submit(kiosk_session=kiosk.pk, token=token, require_active=True)
    services.kiosk_session_claim(code=kiosk.code)
    intake = services.kiosk_submit(kiosk_session=kiosk.pk, token=token, require_active=True)
    assert intake.status == "submitted"
    # Submitted and ended: a second tablet submit is refused; the first one stands.
    with pytest.raises(services.KioskSessionInactive):
        services.kiosk_submit(kiosk_session=kiosk.pk, token=token, require_active=True)
    kiosk.refresh_from_db()
    assert kiosk.end_reason == "submitted" and kiosk.intake.submitted_at == intake.submitted_at
