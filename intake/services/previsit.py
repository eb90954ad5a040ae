"""Pre-visit links: the patient fills in the same intake at home, on their own device.

- ``previsit_link_send``: the front desk sends a link by email and/or text message. It
  revokes the intake's earlier links; the messages go out in the background
  (``intake.tasks``) once the transaction commits.
- ``previsit_link_open``: a GET of the link. It only looks (mail scanners open links),
  and records that it was opened.
- ``previsit_link_start``: the patient's POST with their date of birth, which opens a
  session for their browser on the intake. ``PREVISIT_DOB_TRIES`` wrong dates lock the
  link, and the patient is asked to call the clinic.
- ``previsit_link_submitted``: called by ``kiosk_submit``; the link stops working.

Only the SHA-256 of a link's token is stored (``common.tokens``).
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.tokens import new_token, token_digest
from intake.models import KioskSession, OutboundMessage, PrevisitEvent, PrevisitLink
from intake.services.intakes import intake_start
from intake.services.kiosk import sessions_replace

logger = logging.getLogger(__name__)


class PrevisitRefused(ValidationError):
    """The link cannot start a session: not usable, a wrong date of birth, or locked."""


def previsit_link_lookup(token):
    """The link whose token this is, or None (whatever its state)."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    return (
        PrevisitLink.objects.select_related("intake__patient")
        .filter(token_hash=token_digest(token))
        .first()
    )


def _event(link, action, *, by=None, detail="", now=None):
    PrevisitEvent.objects.create(
        link=link, action=action, by=by, detail=detail, at=now or timezone.now()
    )


def _queue(message, url):
    """Hand the message to the task queue; a queue that cannot be reached is recorded
    as a failed send, so the board shows it."""
    from intake.tasks import send_previsit_message

    try:
        # The link is a secret: the worker's log shows the message id only.
        send_previsit_message.apply_async((message.pk, url), argsrepr=f"({message.pk}, '…')")
    except Exception as error:  # the broker is down: kombu and redis raise their own
        logger.warning("Message %s could not be queued: %s", message.pk, type(error).__name__)
        OutboundMessage.objects.filter(pk=message.pk).update(
            status=OutboundMessage.Status.FAILED,
            failed_at=timezone.now(),
            last_error=str(_("The sending queue could not be reached.")),
        )
        _event(message.link, PrevisitEvent.Action.SEND_FAILED, detail=message.channel)


@transaction.atomic
def previsit_link_send(
    *, patient, sent_by, email=False, sms=False, appointment_at=None, build_url
) -> PrevisitLink:
    """Send ``patient`` a link to their draft intake (resumed, or a new one).

    ``build_url(token)`` gives the absolute link. Returns the PrevisitLink with the
    plaintext ``.token`` on this instance only, and ``.queued`` (its messages). It
    expires after ``PREVISIT_LINK_DAYS`` or at ``appointment_at``, whichever is first.
    Earlier links of the intake stop working, and any device still on the intake is
    ended (only one device works on an intake).
    """
    errors = {}
    if not (email or sms):
        errors["channels"] = _("Choose email, text message or both.")
    if email and not patient.email:
        errors["email"] = _("Add the patient's email address first.")
    if sms and not patient.phone:
        errors["sms"] = _("Add the patient's mobile number first.")
    now = timezone.now()
    if appointment_at is not None and appointment_at <= now:
        errors["appointment_at"] = _("The appointment must be in the future.")
    if errors:
        raise ValidationError(errors)

    intake = intake_start(patient=patient, started_by=sent_by)
    expires_at = now + datetime.timedelta(days=settings.PREVISIT_LINK_DAYS)
    if appointment_at is not None:
        expires_at = min(expires_at, appointment_at)
    for earlier in PrevisitLink.objects.filter(intake=intake, revoked_at__isnull=True):
        if earlier.is_usable:
            _event(earlier, PrevisitEvent.Action.REVOKED, by=sent_by, now=now)
    PrevisitLink.objects.filter(intake=intake, revoked_at__isnull=True).update(revoked_at=now)
    KioskSession.objects.filter(
        intake=intake, previsit_link__isnull=False, ended_at__isnull=True
    ).update(ended_at=now, end_reason=KioskSession.EndReason.REPLACED, updated_at=now)

    token = new_token()
    link = PrevisitLink.objects.create(
        intake=intake,
        token_hash=token_digest(token),
        created_by=sent_by,
        appointment_at=appointment_at,
        expires_at=expires_at,
    )
    channels = [
        (OutboundMessage.Channel.EMAIL, patient.email, email),
        (OutboundMessage.Channel.SMS, patient.phone, sms),
    ]
    link.queued = [
        OutboundMessage.objects.create(link=link, channel=channel, to=address)
        for channel, address, wanted in channels
        if wanted
    ]
    _event(
        link,
        PrevisitEvent.Action.SENT,
        by=sent_by,
        now=now,
        detail=", ".join(message.channel for message in link.queued),
    )
    url = build_url(token)
    for message in link.queued:
        transaction.on_commit(lambda message=message: _queue(message, url))
    link.token = token
    return link


def previsit_link_open(*, token):
    """What a GET of the link shows: the link (any state) or None. Only records it."""
    link = previsit_link_lookup(token)
    if link is not None:
        action = PrevisitEvent.Action.OPENED if link.is_usable else PrevisitEvent.Action.REFUSED
        _event(link, action)
    return link


def previsit_refusal(link):
    """The plain message for a link that cannot be used (None: no such link)."""
    if link is not None and link.state == PrevisitLink.State.SUBMITTED:
        return PrevisitRefused(
            _("Your answers have already been sent. Thank you."), code="submitted"
        )
    if link is not None and link.state == PrevisitLink.State.LOCKED:
        return PrevisitRefused(_locked_message(), code="locked")
    return PrevisitRefused(
        _("This link no longer works. Please call the clinic for a new one."), code="unusable"
    )


def _locked_message():
    return _(
        "The date of birth did not match too many times, so this link is locked. "
        "Please call the clinic."
    )


def previsit_link_start(*, token, date_of_birth) -> KioskSession:
    """The patient's confirmed start: a session for their browser on the link's intake.

    A wrong date is counted in one conditional UPDATE (concurrent guesses cannot pass
    the limit) and the ``PREVISIT_DOB_TRIES``-th locks the link. Raises
    ``PrevisitRefused`` with a message for the patient.
    """
    link = previsit_link_lookup(token)
    if link is None or not link.is_usable or not link.intake.is_draft:
        if link is not None:
            _event(link, PrevisitEvent.Action.REFUSED)
        raise previsit_refusal(link)
    if link.intake.patient.date_of_birth != date_of_birth:
        return _wrong_date(link)
    with transaction.atomic():
        now = timezone.now()
        intake = link.intake
        typed = sessions_replace(intake=intake, now=now)
        session = KioskSession.objects.create(
            intake=intake,
            previsit_link=link,
            expires_at=link.expires_at,
            claimed_at=now,
            identity_confirmed_at=now,
            unsaved=typed,
        )
        _event(link, PrevisitEvent.Action.STARTED, now=now)
    session.intake = intake
    session.previsit_link = link
    return session


def _wrong_date(link):
    tries = settings.PREVISIT_DOB_TRIES
    with transaction.atomic():
        counted = PrevisitLink.objects.filter(
            pk=link.pk, dob_failures__lt=tries, locked_at__isnull=True
        ).update(dob_failures=F("dob_failures") + 1)
        link.refresh_from_db(fields=["dob_failures", "locked_at"])
        if counted:
            _event(link, PrevisitEvent.Action.DOB_WRONG)
        # Only the update that sets locked_at records the lock (concurrent tries race).
        if link.dob_failures >= tries and (
            PrevisitLink.objects.filter(pk=link.pk, locked_at__isnull=True).update(
                locked_at=timezone.now()
            )
        ):
            _event(link, PrevisitEvent.Action.LOCKED)
        link.refresh_from_db(fields=["locked_at"])
    if link.locked_at is not None:
        raise PrevisitRefused(_locked_message(), code="locked")
    raise PrevisitRefused(
        _("That date of birth does not match our record. Please check it. Tries left: %(left)s.")
        % {"left": tries - link.dob_failures},
        code="wrong_date",
    )


def previsit_link_submitted(*, link_id, now):
    """The intake was sent from home: the link stops working (in the submit's
    transaction)."""
    PrevisitLink.objects.filter(pk=link_id, submitted_at__isnull=True).update(submitted_at=now)
    PrevisitEvent.objects.create(link_id=link_id, action=PrevisitEvent.Action.SUBMITTED, at=now)
