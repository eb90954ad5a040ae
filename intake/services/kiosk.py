"""Kiosk sessions: the single-use code that puts one tablet on one patient's intake.

- ``kiosk_session_start``: the front desk starts a code for a patient (resuming the
  patient's open draft, voiding their earlier codes).
- ``kiosk_session_claim``: the tablet exchanges the code for the session; wrong codes
  are counted in the database and limited per browser and per address.
- ``kiosk_identity_confirm``: step 1's "is it you?" check, ending the session after
  ``IDENTITY_TRIES`` mismatches.
- ``kiosk_step_save``: saves a wizard step; what fails the checks is kept as typed
  (``KioskSession.unsaved``) so nothing the patient typed is lost.
- ``kiosk_session_end``: submitted, idle, replaced or ended by staff.
- ``kiosk_submit`` (in ``intake.services.submit``): the final submit and the end of
  the session, in one transaction.

Codes are six digits (a tablet's number pad); only a keyed hash (HMAC-SHA256 with the
SECRET_KEY) is stored, so reading the database does not reveal a live code.
"""

import datetime
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from intake.forms import MAX_SIGNATURE_CHARS
from intake.models import ConsentText, Intake, KioskCodeAttempt, KioskSession
from intake.selectors import patient_identity_matches
from intake.services.intakes import IntakeLocked, intake_start, intake_step_save
from intake.step_answers import step_initial
from intake.vocabulary import STEP_QUESTIONNAIRES

CODE_LENGTH = 6
CODE_LIFETIME = datetime.timedelta(minutes=15)
IDENTITY_TRIES = 3
WRONG_CODE_WINDOW = datetime.timedelta(minutes=10)
WRONG_CODES_PER_BROWSER = 5
# Several tablets may share one address behind the clinic's router, so the address
# limit is looser; it stops a browser that throws its cookies away.
WRONG_CODES_PER_ADDRESS = 30
# Form fields that are not answers.
NOT_ANSWERS = frozenset({"csrfmiddlewaretoken", "action", "token"})
MAX_UNSAVED_FIELDS = 200


class KioskCodeRefused(ValidationError):
    """The code cannot open a session (wrong, used, expired, or too many tries)."""


def code_digest(code):
    """The keyed hash stored for a code."""
    return salted_hmac("intake.kiosk.code", code, algorithm="sha256").hexdigest()


def client_digest(value):
    """A keyed hash of a browser marker or an address, for the wrong-code counts."""
    return salted_hmac("intake.kiosk.client", str(value), algorithm="sha256").hexdigest()


def normalise_code(raw):
    """The six digits of a typed code (spaces and dashes ignored), or None."""
    if not isinstance(raw, str) or len(raw) > 40:
        return None
    digits = raw.replace(" ", "").replace("-", "")
    if len(digits) != CODE_LENGTH or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def _new_code():
    return f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"


@transaction.atomic
def kiosk_session_start(*, patient, started_by) -> KioskSession:
    """Start a tablet code for ``patient``'s intake (their open draft, else a new one).

    Returns the KioskSession with the plaintext ``.code`` set on this instance only
    (never stored), ``.expires_at`` (15 minutes to claim it) and ``.intake``. Every
    earlier open session of the patient is ended as replaced, so only the newest code
    works and only one tablet works on the intake.
    """
    intake = intake_start(patient=patient, started_by=started_by)
    now = timezone.now()
    KioskSession.objects.filter(intake__patient=patient, ended_at__isnull=True).update(
        code_hash="",
        ended_at=now,
        end_reason=KioskSession.EndReason.REPLACED,
        updated_at=now,
    )
    # What the patient typed that did not pass the checks moves to the new session
    # (shown again once they confirm who they are); it is kept in one place only.
    earlier = KioskSession.objects.filter(intake=intake).exclude(unsaved={})
    typed = earlier.order_by("-created_at").values_list("unsaved", flat=True).first() or {}
    earlier.update(unsaved={}, updated_at=now)
    for _attempt in range(20):
        code = _new_code()
        digest = code_digest(code)
        # An expired code may be given out again.
        KioskSession.objects.filter(code_hash=digest, expires_at__lte=now).update(code_hash="")
        try:
            with transaction.atomic():
                session = KioskSession.objects.create(
                    intake=intake,
                    started_by=started_by,
                    code_hash=digest,
                    expires_at=now + CODE_LIFETIME,
                    unsaved=typed,
                )
        except IntegrityError:  # the code is live for someone else: draw again
            continue
        session.code = code
        return session
    raise RuntimeError("No free kiosk code could be drawn.")  # pragma: no cover


def _too_many_wrong_codes(*, client, address, now):
    recent = KioskCodeAttempt.objects.filter(created_at__gt=now - WRONG_CODE_WINDOW)
    if client and recent.filter(client=client).count() >= WRONG_CODES_PER_BROWSER:
        return True
    return bool(address) and recent.filter(address=address).count() >= WRONG_CODES_PER_ADDRESS


@transaction.atomic
def _claim(*, code, now):
    digest = code_digest(code)
    session = (
        KioskSession.objects.select_for_update()
        .filter(
            code_hash=digest,
            claimed_at__isnull=True,
            ended_at__isnull=True,
            expires_at__gt=now,
            intake__status=Intake.Status.DRAFT,
        )
        .first()
    )
    if session is None:
        return None
    session.claimed_at = now
    session.code_hash = ""
    session.save(update_fields=["claimed_at", "code_hash", "updated_at"])
    return session


@transaction.atomic
def _record_wrong_code(*, client, address, now):
    KioskCodeAttempt.objects.create(client=client, address=address, created_at=now)
    KioskCodeAttempt.objects.filter(created_at__lt=now - datetime.timedelta(days=1)).delete()


def kiosk_session_claim(*, code, client="", address="") -> KioskSession:
    """Exchange a typed code for its kiosk session (once, before it expires).

    ``client`` and ``address`` identify the browser and its network address (hashed
    here) for the wrong-code limit: after ``WRONG_CODES_PER_BROWSER`` wrong codes
    from one browser (or ``WRONG_CODES_PER_ADDRESS`` from one address) within
    ``WRONG_CODE_WINDOW``, every code is refused until the window has passed.
    Raises ``KioskCodeRefused``.
    """
    now = timezone.now()
    client = client_digest(client) if client else ""
    address = client_digest(address) if address else ""
    if _too_many_wrong_codes(client=client, address=address, now=now):
        raise KioskCodeRefused(
            _(
                "Too many codes did not work. Please wait ten minutes, "
                "or ask the front desk for help."
            ),
            code="too_many_tries",
        )
    normal = normalise_code(code)
    session = _claim(code=normal, now=now) if normal else None
    if session is None:
        _record_wrong_code(client=client, address=address, now=now)
        raise KioskCodeRefused(
            _(
                "This code does not work. Codes work once, for 15 minutes. "
                "Please check the numbers, or ask the front desk for a new code."
            ),
            code="invalid_code",
        )
    return session


@transaction.atomic
def kiosk_session_end(*, kiosk_session, reason) -> KioskSession:
    """End a kiosk session (idempotent): its code stops working. The answers kept as
    typed stay for the patient's next code (``kiosk_session_start``), unless the intake
    was sent."""
    if reason not in KioskSession.EndReason.values:
        raise ValidationError(_("Unknown reason."), code="invalid_reason")
    locked = KioskSession.objects.select_for_update().get(pk=kiosk_session.pk)
    if locked.ended_at is None:
        locked.ended_at = timezone.now()
        locked.end_reason = reason
    locked.code_hash = ""
    if reason == KioskSession.EndReason.SUBMITTED:
        locked.unsaved = {}
    locked.save()
    return locked


@transaction.atomic
def kiosk_identity_confirm(*, kiosk_session, first_name, date_of_birth) -> KioskSession:
    """Step 1's check against the patient record.

    Returns the session: ``identity_confirmed_at`` is set on a match; otherwise the
    mismatch is counted and after ``IDENTITY_TRIES`` the session is ended
    (``ended_at`` set), so the tablet goes back to the front desk.
    """
    locked = (
        KioskSession.objects.select_for_update()
        .select_related("intake__patient")
        .get(pk=kiosk_session.pk)
    )
    if not locked.is_active:
        return locked
    if patient_identity_matches(
        patient=locked.intake.patient, first_name=first_name, date_of_birth=date_of_birth
    ):
        locked.identity_confirmed_at = timezone.now()
        locked.save(update_fields=["identity_confirmed_at", "updated_at"])
        return locked
    locked.identity_failures += 1
    if locked.identity_failures >= IDENTITY_TRIES:
        locked.ended_at = timezone.now()
        locked.end_reason = KioskSession.EndReason.IDENTITY
        locked.unsaved = {}
    locked.save()
    return locked


@dataclass
class StepSaved:
    """What ``kiosk_step_save`` did: the intake as saved, and the errors by field."""

    intake: Intake
    errors: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.errors


def _as_typed(data):
    """The posted answers as ``{name: [values]}``, safe to keep (no NUL, capped)."""
    lists = data.lists() if hasattr(data, "lists") else data.items()
    kept = {}
    for name, values in lists:
        if name in NOT_ANSWERS or len(kept) >= MAX_UNSAVED_FIELDS or len(str(name)) > 100:
            continue
        values = values if isinstance(values, list | tuple) else [values]
        kept[str(name).replace("\x00", "")] = [
            str(v).replace("\x00", "") for v in values[:50] if len(str(v)) <= MAX_SIGNATURE_CHARS
        ]
    return kept


def typed_answers(kiosk_session, step):
    """The answers kept as typed for ``step`` as a QueryDict, or None."""
    kept = (kiosk_session.unsaved or {}).get(str(step))
    if kept is None:
        return None
    data = QueryDict(mutable=True)
    for name, values in kept.items():
        data.setlist(name, values)
    return data


@transaction.atomic
def _keep_typed(*, kiosk_session, step, typed):
    locked = KioskSession.objects.select_for_update().get(pk=kiosk_session.pk)
    unsaved = dict(locked.unsaved or {})
    if typed is None:
        if str(step) not in unsaved:
            return locked
        unsaved.pop(str(step))
    else:
        unsaved[str(step)] = typed
    locked.unsaved = unsaved
    locked.save(update_fields=["unsaved", "updated_at"])
    kiosk_session.unsaved = unsaved
    return locked


def _saved_form_data(intake, step):
    """The step's saved answers as form data, under the names the step's form posts."""
    saved = step_initial(intake, step)
    if step == STEP_QUESTIONNAIRES:
        return {
            f"{code}-{name}": value
            for code, answers in saved.items()
            for name, value in answers.items()
        }
    return saved


def kiosk_step_save(*, kiosk_session, step, data, next_step=None, partial=False) -> StepSaved:
    """Save one step of the tablet's intake; nothing the patient typed is lost.

    Valid answers are saved with ``intake_step_save``. If some fail the checks, the
    step's answers are kept exactly as typed on the kiosk session (shown again, with
    the messages, when the step is opened) and, when ``partial`` (autosave, Back),
    the answers that did pass are saved too. ``next_step`` is where the patient goes;
    with errors and not ``partial`` they stay.
    """
    intake = kiosk_session.intake
    try:
        saved = intake_step_save(intake=intake, step=step, data=data, next_step=next_step)
    except IntakeLocked:
        raise
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    else:
        if str(step) in (kiosk_session.unsaved or {}):
            _keep_typed(kiosk_session=kiosk_session, step=step, typed=None)
        return StepSaved(intake=saved)
    _keep_typed(kiosk_session=kiosk_session, step=step, typed=_as_typed(data))
    if not partial:
        # The patient stays on this step: a reload of /kiosk/ brings them back to it.
        Intake.objects.filter(pk=intake.pk, status=Intake.Status.DRAFT).update(current_step=step)
        intake.current_step = step
    elif "__all__" not in errors:
        # The fields that pass are saved; a failing field keeps its last saved value
        # (the step's save replaces the whole step, so it must be sent its old answer).
        rest = QueryDict(mutable=True)
        for name, values in _as_typed(data).items():
            if name not in errors:
                rest.setlist(name, values)
        for name, value in _saved_form_data(intake, step).items():
            if name in errors:
                rest.setlist(name, value if isinstance(value, list) else [value])
        try:
            intake = intake_step_save(intake=intake, step=step, data=rest, next_step=next_step)
        except IntakeLocked:
            raise
        except ValidationError:
            pass
    return StepSaved(intake=intake, errors=errors)


@transaction.atomic
def consent_text_create(*, version, body, active=True) -> ConsentText:
    """Add a consent text version (the newest active one is shown on step 9)."""
    text = ConsentText(version=str(version).strip(), body=str(body).strip(), active=active)
    text.full_clean()
    text.save()
    return text
