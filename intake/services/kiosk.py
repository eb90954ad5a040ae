"""Kiosk sessions: the single-use code that puts one tablet on one patient's intake.

- ``kiosk_session_start``: the front desk starts a code for a patient (resuming the
  patient's open draft, voiding their earlier codes).
- ``kiosk_session_claim``: the tablet exchanges the code for the session; wrong codes
  are counted in the database and limited per enrolled tablet, per address of the
  browsers that are not enrolled, and for all of those browsers together.
- ``kiosk_device_enrol``: the front desk makes a browser an enrolled kiosk tablet.
- ``kiosk_identity_confirm``: step 1's "is it you?" check, ending the session after
  ``IDENTITY_TRIES`` mismatches.
- ``kiosk_step_save``: saves a wizard step; what fails the checks is kept as typed
  (``KioskSession.unsaved``) so nothing the patient typed is lost.
- ``kiosk_session_end``: submitted, idle, replaced or ended by staff.
- ``kiosk_emergency_release`` / ``intake_emergency_release``: staff let a patient whose
  emergency answer stopped the tablet carry on (the desk PIN at the tablet, or the
  front-desk board).
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
from django.db.models import Case, F, Q, Value, When
from django.http import QueryDict
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from common.tokens import new_token
from intake.forms import MAX_SIGNATURE_CHARS
from intake.models import (
    ConsentText,
    DeskPin,
    Intake,
    KioskCodeCounter,
    KioskDevice,
    KioskSession,
)
from intake.selectors import patient_identity_matches
from intake.services.intakes import IntakeLocked, intake_start, intake_step_save
from intake.step_answers import step_initial
from intake.vocabulary import STEP_QUESTIONNAIRES

CODE_LENGTH = 6
CODE_LIFETIME = datetime.timedelta(minutes=15)
IDENTITY_TRIES = 3
# Wrong desk PINs a kiosk session may take before only the board can release it.
PIN_TRIES = 5
# Wrong codes are counted in fixed windows: a budget that is used up refuses every
# code until its window is over.
WRONG_CODE_WINDOW = datetime.timedelta(minutes=10)
# Each enrolled tablet has its own budget, so no other browser can pause it.
WRONG_CODES_PER_TABLET = 5
# Browsers that are not enrolled share one budget per address (a browser that drops
# its cookies is still the same address) ...
WRONG_CODES_PER_ADDRESS = 5
# ... and one for them all, so many addresses together still guess only this many of
# the million codes per window. Enrolled tablets keep working when it is used up.
WRONG_CODES_PER_CLINIC = 20
# Address counts idle this long are deleted (their window is long over).
WRONG_CODE_COUNTS_KEPT = datetime.timedelta(days=1)
# Form fields that are not answers.
NOT_ANSWERS = frozenset({"csrfmiddlewaretoken", "action", "token"})
MAX_UNSAVED_FIELDS = 200


class KioskCodeRefused(ValidationError):
    """The code cannot open a session (wrong, used, expired, or too many tries)."""


def code_digest(code):
    """The keyed hash stored for a code."""
    return salted_hmac("intake.kiosk.code", code, algorithm="sha256").hexdigest()


def client_digest(value):
    """A keyed hash of a client address, for the wrong-code counts."""
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


def sessions_replace(*, intake, now):
    """End every open session of the intake's patient (tablet or home) as replaced, so
    only one device works on the intake; returns the answers kept as typed.

    What the patient typed that did not pass the checks moves to the new session (shown
    again once they confirm who they are); it is kept in one place only.
    """
    KioskSession.objects.filter(intake__patient=intake.patient_id, ended_at__isnull=True).update(
        code_hash="",
        ended_at=now,
        end_reason=KioskSession.EndReason.REPLACED,
        updated_at=now,
    )
    earlier = KioskSession.objects.filter(intake=intake).exclude(unsaved={})
    typed = earlier.order_by("-created_at").values_list("unsaved", flat=True).first() or {}
    earlier.update(unsaved={}, updated_at=now)
    return typed


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
    typed = sessions_replace(intake=intake, now=now)
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


def _spend(*, scope, key, limit, now):
    """Count one wrong code against a budget if it has any left; False when used up.

    The check and the count are one conditional UPDATE: on PostgreSQL a concurrent
    attempt on the same budget waits for the row and re-checks the limit against the
    committed count, so no two attempts can both take the last one.
    """
    window_over = Q(window_started_at__lte=now - WRONG_CODE_WINDOW)
    counter = KioskCodeCounter.objects.filter(scope=scope, key=key)
    spend = {
        "failures": Case(When(window_over, then=Value(1)), default=F("failures") + 1),
        "window_started_at": Case(
            When(window_over, then=Value(now)), default=F("window_started_at")
        ),
    }
    available = counter.filter(Q(failures__lt=limit) | window_over)
    if available.update(**spend):
        return True
    if counter.exists():
        return False
    try:
        with transaction.atomic():
            KioskCodeCounter.objects.create(scope=scope, key=key, failures=1, window_started_at=now)
    except IntegrityError:  # another attempt created it first: count against that row
        return bool(available.update(**spend))
    return True


def _budgets(*, device, address):
    """The budgets one attempt is counted against, always locked in this order."""
    if device is not None:
        return [(KioskCodeCounter.Scope.TABLET, str(device.pk), WRONG_CODES_PER_TABLET)]
    return [
        (KioskCodeCounter.Scope.ADDRESS, client_digest(address), WRONG_CODES_PER_ADDRESS),
        (KioskCodeCounter.Scope.CLINIC, "", WRONG_CODES_PER_CLINIC),
    ]


class _Paused(Exception):
    pass


def kiosk_session_claim(*, code, device=None, address="") -> KioskSession:
    """Exchange a typed code for its kiosk session (once, before it expires).

    ``device`` is the enrolled, unrevoked ``KioskDevice`` the browser is, or None;
    ``address`` the client address (hashed here). Every attempt is first counted as
    a wrong code, in the same transaction as the look-up, and given back if the code
    was right: an enrolled tablet may type ``WRONG_CODES_PER_TABLET`` wrong codes per
    ``WRONG_CODE_WINDOW``; other browsers ``WRONG_CODES_PER_ADDRESS`` per address and
    ``WRONG_CODES_PER_CLINIC`` all together. A used-up budget refuses every code, right
    or wrong, until its window is over. Raises ``KioskCodeRefused``.
    """
    now = timezone.now()
    budgets = _budgets(device=device, address=address or "")
    try:
        with transaction.atomic():
            for scope, key, limit in budgets:
                if not _spend(scope=scope, key=key, limit=limit, now=now):
                    raise _Paused  # rolls back what this attempt counted
            normal = normalise_code(code)
            session = _claim(code=normal, now=now) if normal else None
            if session is not None:
                for scope, key, _limit in budgets:
                    KioskCodeCounter.objects.filter(scope=scope, key=key, failures__gt=0).update(
                        failures=F("failures") - 1
                    )
    except _Paused:
        raise KioskCodeRefused(
            _(
                "Too many codes did not work. This tablet is paused for a few minutes. "
                "Please ask the front desk."
            ),
            code="too_many_tries",
        ) from None
    if session is None:
        KioskCodeCounter.objects.filter(
            scope=KioskCodeCounter.Scope.ADDRESS,
            window_started_at__lt=now - WRONG_CODE_COUNTS_KEPT,
        ).delete()
        raise KioskCodeRefused(
            _(
                "This code does not work. Codes work once, for 15 minutes. "
                "Please check the numbers, or ask the front desk for a new code."
            ),
            code="invalid_code",
        )
    return session


@transaction.atomic
def kiosk_device_enrol(*, name, created_by) -> KioskDevice:
    """Enrol a kiosk tablet named ``name``, set up by ``created_by``.

    Returns the KioskDevice with the plaintext ``.token`` set on this instance only
    (never stored): the caller hands it to the tablet's browser, once.
    """
    token = new_token()
    device = KioskDevice(
        name=" ".join(str(name).split()),
        created_by=created_by,
        token_hash=KioskDevice.token_digest(token),
    )
    device.full_clean()
    device.save()
    device.token = token
    return device


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


class PinRefused(ValidationError):
    """A wrong desk PIN, no PIN set, or no tries left on this session."""


def intake_emergency_release(*, intake, by=None) -> Intake:
    """Let the patient carry on after an emergency stop (``by``: the staff member; None
    for the desk PIN). Releasing an intake that is not stopped changes nothing."""
    with transaction.atomic():
        locked = Intake.objects.select_for_update().get(pk=intake.pk)
        if locked.tablet_stopped:
            locked.emergency_released_at = timezone.now()
            locked.emergency_released_by = by
            locked.save(update_fields=["emergency_released_at", "emergency_released_by"])
        return locked


def kiosk_emergency_release(*, kiosk_session, pin) -> Intake:
    """Release the tablet with the desk PIN, or PinRefused.

    A try is counted before the PIN is checked, in one conditional UPDATE, and given
    back when the PIN is right: concurrent guesses cannot exceed ``PIN_TRIES``.
    """
    desk_pin = DeskPin.objects.filter(pk=DeskPin.SINGLETON).first()
    if desk_pin is None:
        raise PinRefused(_("No desk PIN is set. Release this tablet from the front-desk board."))
    counted = KioskSession.objects.filter(pk=kiosk_session.pk, pin_failures__lt=PIN_TRIES).update(
        pin_failures=F("pin_failures") + 1
    )
    too_many = _("Too many wrong PINs on this tablet. Release it from the front-desk board.")
    if not counted:
        raise PinRefused(too_many)
    if not desk_pin.check_pin(str(pin)):
        left = PIN_TRIES - KioskSession.objects.get(pk=kiosk_session.pk).pin_failures
        if left <= 0:
            raise PinRefused(too_many)
        raise PinRefused(
            _("That PIN is not right. Tries left: %(left)s.") % {"left": left}, code="wrong"
        )
    KioskSession.objects.filter(pk=kiosk_session.pk).update(pin_failures=F("pin_failures") - 1)
    return intake_emergency_release(intake=kiosk_session.intake)


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


def _passing_answers(data, errors, saved):
    """The posted answers, each failing field's value replaced by its ``saved`` one (or
    left out when nothing is saved for it)."""
    passing = QueryDict(mutable=True)
    lists = data.lists() if hasattr(data, "lists") else data.items()
    for name, values in lists:
        if name not in errors:
            passing.setlist(name, values if isinstance(values, list | tuple) else [values])
    for name in errors:
        if name in saved:
            value = saved[name]
            passing.setlist(name, value if isinstance(value, list) else [value])
    return passing


def kiosk_step_save(*, kiosk_session, step, data, next_step=None, partial=False) -> StepSaved:
    """Save one step of the tablet's intake; nothing the patient typed is lost.

    Valid answers are saved with ``intake_step_save``. If some fail the checks, the
    step's answers are kept exactly as typed on the kiosk session (shown again, with
    the messages, when the step is opened), the answers that did pass are saved, and
    each failing field keeps its last saved answer: a failed check never blanks one.
    ``next_step`` is where the patient goes; with errors and not ``partial`` (Next,
    rather than autosave or Back) they stay.
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
    if "__all__" not in errors:
        # The fields that pass are saved; a failing field keeps its last saved value
        # (the step's save replaces the whole step, so it is sent the old answer). A
        # Next that fails leaves the patient on this step.
        passing = _passing_answers(data, errors, _saved_form_data(intake, step))
        try:
            saved = intake_step_save(
                intake=intake, step=step, data=passing, next_step=next_step if partial else None
            )
        except IntakeLocked:
            raise
        except ValidationError:
            pass
        else:
            return StepSaved(intake=saved, errors=errors)
    if not partial:
        # The patient stays on this step: a reload of /kiosk/ brings them back to it.
        Intake.objects.filter(pk=intake.pk, status=Intake.Status.DRAFT).update(current_step=step)
        intake.current_step = step
    return StepSaved(intake=intake, errors=errors)


@transaction.atomic
def consent_text_create(*, version, body, active=True) -> ConsentText:
    """Add a consent text version (the newest active one is shown on step 9)."""
    text = ConsentText(version=str(version).strip(), body=str(body).strip(), active=active)
    text.full_clean()
    text.save()
    return text
