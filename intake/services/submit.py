"""Submit: the write that makes a draft the clinic's record, exactly once.

``intake_submit`` (by intake: seeding, tests, staff tools) and the kiosk's
``kiosk_submit`` (by kiosk session, which also ends that session) lock the intake row
with ``select_for_update()``, the lock every step save takes, and read what they check
(consent, the kiosk session) only after it: a step-9 save that held the lock has then
committed, so its consent is seen.
"""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.models import Intake, IntakeConsent, KioskSession
from intake.services.intakes import refresh_warnings
from intake.services.previsit import previsit_link_submitted
from intake.vocabulary import STEP_COUNT

# The columns a submit changes (``updated_at`` is set by ``auto_now``).
SUBMIT_FIELDS = [
    "status",
    "submitted_at",
    "last_saved_at",
    "current_step",
    "warning_level",
    "warning_signs",
    "warning_flagged_at",
    "updated_at",
]


class KioskSessionInactive(Exception):
    """``kiosk_submit(require_active=True)``: the session has ended, or its intake is
    no longer a draft; nothing was changed."""


def _locked_intakes():
    # Only the intake row is locked: the patient is read for the age the warning
    # signs need, and nothing else writes it during an intake.
    return Intake.objects.select_for_update(of=("self",)).select_related("patient")


def _same_token(stored, given):
    try:
        given = uuid.UUID(str(given))
    except (TypeError, ValueError, AttributeError):
        return False
    return secrets.compare_digest(stored.hex, given.hex)


def _submit_locked(intake, *, token, now):
    """Submit ``intake``, read with ``_locked_intakes()`` in this transaction.

    A wrong token is refused; an intake already submitted is returned unchanged (a
    double tap or a retry); without consent, refused.
    """
    if not _same_token(intake.submit_token, token):
        raise ValidationError(
            {"token": _("This form has expired. Please open the last step again.")},
            code="invalid_token",
        )
    if intake.status != Intake.Status.DRAFT:
        return intake
    if not IntakeConsent.objects.filter(intake=intake).exists():
        raise ValidationError(
            {"consent": _("Please give your consent before you send your answers.")},
            code="consent_missing",
        )
    intake.status = Intake.Status.SUBMITTED
    intake.submitted_at = intake.last_saved_at = now
    intake.current_step = STEP_COUNT
    refresh_warnings(intake)
    # simple-history dates the row it writes on save from this attribute.
    intake._history_date = now
    intake.save(update_fields=SUBMIT_FIELDS)
    return intake


@transaction.atomic
def intake_submit(*, intake, token) -> Intake:
    """Submit a draft exactly once.

    ``token`` is the intake's one-time ``submit_token`` (the wizard puts it in the
    final form). Submitting again with the same token returns the same submitted
    intake unchanged (a double tap or a retry); any other token is refused. Consent
    must have been given (step 9).
    """
    locked = _locked_intakes().get(pk=intake.pk)
    return _submit_locked(locked, token=token, now=timezone.now())


@transaction.atomic
def kiosk_submit(*, kiosk_session, token, require_active=False, at_home=False) -> Intake:
    """Submit the tablet's intake once and end its kiosk session, in one transaction.

    ``kiosk_session`` is a session or its primary key. With ``require_active`` (the
    tablet's own submit) an ended session, or an intake that is no longer a draft,
    raises ``KioskSessionInactive`` before anything changes, as does a session opened
    on the other mount (``at_home``: from a pre-visit link on /visit/, or a tablet's on
    /kiosk/) or one whose pre-visit link no longer works. Raises
    ``KioskSession.DoesNotExist`` and what ``intake_submit`` raises. The session is
    ended as ``kiosk_session_end`` ends it: its code and kept drafts go, and an
    earlier end and its reason are kept. The caller resets the tablet's browser
    session.
    """
    pk = getattr(kiosk_session, "pk", kiosk_session)
    try:
        locked = _locked_intakes().get(kiosk_sessions=pk)
    except Intake.DoesNotExist:
        raise KioskSession.DoesNotExist() from None
    session = KioskSession.objects.select_related("previsit_link").get(pk=pk)
    if require_active and not (
        session.is_active and locked.is_draft and session.works_at(at_home=at_home)
    ):
        raise KioskSessionInactive()
    now = timezone.now()
    intake = _submit_locked(locked, token=token, now=now)
    KioskSession.objects.filter(pk=pk).update(
        # The right-hand sides read the row as it was: an earlier end is kept.
        ended_at=Coalesce(F("ended_at"), Value(now)),
        end_reason=Case(
            When(ended_at__isnull=True, then=Value(KioskSession.EndReason.SUBMITTED)),
            default=F("end_reason"),
        ),
        code_hash="",
        unsaved={},
        updated_at=now,
    )
    if session.previsit_link_id is not None:
        previsit_link_submitted(link_id=session.previsit_link_id, now=now)
    return intake
