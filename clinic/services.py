"""Writes that belong to the clinic app: audit, warning acknowledgements, reviews,
education plans, handout links and FHIR API tokens."""

import getpass
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.models import (
    ApiToken,
    AuditEvent,
    EducationPlan,
    EducationPlanItem,
    HandoutLink,
    TwoFactorInvitation,
    WarningAcknowledgement,
)
from clinic.selectors import intake_suggestions, warning_is_acknowledged
from common.client_address import client_ip
from common.text import has_control_characters
from common.tokens import new_token
from education.models import CatalogueItem
from intake.services import intake_mark_reviewed
from intake.vocabulary import WarningLevel


def audit_event_record(
    *,
    request,
    action,
    outcome=AuditEvent.Outcome.ALLOWED,
    obj=None,
    patient_id=None,
    object_type="",
    api_token=None,
):
    """Append one audit event for the request's user. Never pass answer values here.

    `obj` names what was touched (its model label and primary key); `patient_id` which
    patient's data it was; `api_token` the FHIR API token that made the request (the
    request's own user, if any, is then not the reader). Returns the event.
    """
    user = request.user if request.user.is_authenticated and api_token is None else None
    if obj is not None:
        object_type = obj._meta.label
    match = getattr(request, "resolver_match", None)
    if api_token is not None:
        username, role = f"api-token:{api_token.name}", "FHIR API"
    else:
        username = user.get_username() if user else ""
        role = ", ".join(user.role_names) if user else ""
    return AuditEvent.objects.create(
        user=user,
        username=username[:150],
        role=role,
        action=action,
        outcome=outcome,
        route=match.view_name if match else "",
        object_type=object_type,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        patient_id=patient_id,
        ip_address=client_ip(request),
        request_id=getattr(request, "request_id", ""),
    )


def audit_command_record(*, command, action, obj, patient_id):
    """Append one audit event for a management command run on the server (no request):
    the operating-system account that ran it stands in for the user."""
    return AuditEvent.objects.create(
        username=f"{getpass.getuser()} (command line)"[:150],
        role="command line",
        action=action,
        route=f"manage.py {command}",
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        patient_id=patient_id,
    )


def _require_text(value, *, field, max_length, message, code):
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: ValidationError(message, code=code)})
    if len(text) > max_length:
        raise ValidationError(
            {
                field: ValidationError(
                    _("Please keep this under %(limit)d characters."),
                    code="too_long",
                    params={"limit": max_length},
                )
            }
        )
    if has_control_characters(text, allow_newlines=True):
        raise ValidationError(
            {
                field: ValidationError(
                    _("This text contains characters that cannot be saved."),
                    code="control_characters",
                )
            }
        )
    return text


@transaction.atomic
def warning_acknowledge(*, intake, by, action_taken):
    """Record that `by` has seen the intake's warning signs and what was done."""
    if intake.warning_level == WarningLevel.NONE:
        raise ValidationError(
            _("This intake has no warning signs to acknowledge."), code="no_warning"
        )
    text = _require_text(
        action_taken,
        field="action_taken",
        max_length=2000,
        message=_("Write what was done about the warning signs."),
        code="required",
    )
    return WarningAcknowledgement.objects.create(
        intake=intake, acknowledged_by=by, warning_level=intake.warning_level, action_taken=text
    )


@transaction.atomic
def intake_review_complete(*, intake, by):
    """Mark the intake reviewed; refused while a warning sign is unacknowledged."""
    if not warning_is_acknowledged(intake):
        raise ValidationError(
            _("Acknowledge the warning signs before completing the review."),
            code="warning_unacknowledged",
        )
    return intake_mark_reviewed(intake=intake, by=by)


@transaction.atomic
def education_plan_save(*, intake, by, item_ids, personal_note="", home_exercises=""):
    """Save the practitioner's chosen items (in order) and notes for an intake.

    The "why this is for you" reason of each item comes from the rules that suggest
    it for this intake, worked out here rather than trusted from the form.
    """
    errors = {}
    for field, value in (("personal_note", personal_note), ("home_exercises", home_exercises)):
        if len(value or "") > 2000:
            errors[field] = ValidationError(
                _("Please keep this under %(limit)d characters."),
                code="too_long",
                params={"limit": 2000},
            )
        elif has_control_characters(value or "", allow_newlines=True):
            errors[field] = ValidationError(
                _("This text contains characters that cannot be saved."),
                code="control_characters",
            )
    ids = list(dict.fromkeys(item_ids))
    published = set(
        CatalogueItem.objects.published().filter(pk__in=ids).values_list("pk", flat=True)
    )
    if set(ids) - published:
        errors["items"] = ValidationError(
            _("One of the chosen items is not in the published library."), code="unknown_item"
        )
    if errors:
        raise ValidationError(errors)

    reasons = {item.pk: suggestion.reason for item, suggestion in intake_suggestions(intake)}
    plan, _created = EducationPlan.objects.select_for_update().get_or_create(
        intake=intake, defaults={"created_by": by}
    )
    plan.personal_note = (personal_note or "").strip()
    plan.home_exercises = (home_exercises or "").strip()
    plan.save()
    plan.items.all().delete()
    EducationPlanItem.objects.bulk_create(
        EducationPlanItem(
            plan=plan, item_id=item_id, position=position, reason=reasons.get(item_id, "")
        )
        for position, item_id in enumerate(ids, start=1)
    )
    return plan


@transaction.atomic
def handout_link_create(*, plan, by, days=None):
    """A new share link for the plan's handout; earlier live links are revoked."""
    days = days or settings.HANDOUT_LINK_DAYS
    now = timezone.now()
    plan.links.filter(revoked_at__isnull=True, expires_at__gt=now).update(
        revoked_at=now, revoked_by=by
    )
    return HandoutLink.objects.create(
        plan=plan,
        token=secrets.token_urlsafe(32),
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )


@transaction.atomic
def handout_link_revoke(*, link, by):
    """Stop a share link working at once."""
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by = by
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link


BACKUP_CODE_COUNT = 10


@transaction.atomic
def two_factor_enrolment_start(*, user):
    """The user's unconfirmed authenticator device, created if needed (one at a time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=str(_("Authenticator app")), confirmed=False
        )
    return device


@transaction.atomic
def two_factor_enrolment_confirm(*, user, device, token):
    """Confirm the authenticator with its first code; returns fresh backup codes (shown once).

    Earlier devices of the user are replaced, so a lost phone stops working.
    """
    if device.user_id != user.pk or device.confirmed:
        raise ValidationError(_("Start the set-up again."), code="stale_device")
    if not device.verify_token(token):
        raise ValidationError(
            {
                "token": ValidationError(
                    _("That code did not match. Check the time on your phone and try again."),
                    code="bad_token",
                )
            }
        )
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return two_factor_backup_codes_renew(user=user)


@transaction.atomic
def two_factor_backup_codes_renew(*, user):
    """Replace the user's backup codes with new single-use ones and return them."""
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name=str(_("Backup codes")), confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    return codes


SETUP_CODE_LIFETIME = timedelta(hours=72)
# Wrong setup codes a person may type before their open code stops working.
SETUP_CODE_WRONG_TRIES = 5
# No 0/O or 1/I: the code is read out or copied by hand.
SETUP_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
SETUP_CODE_GROUPS = 3
SETUP_CODE_GROUP_LENGTH = 4


def setup_code_digest(code):
    """The keyed hash stored for a setup code, typed with or without dashes and spaces."""
    normalised = "".join(code.split()).replace("-", "").upper()
    return salted_hmac("clinic.two_factor.setup_code", normalised, algorithm="sha256").hexdigest()


def _new_setup_code():
    groups = (
        "".join(secrets.choice(SETUP_CODE_ALPHABET) for _ in range(SETUP_CODE_GROUP_LENGTH))
        for _ in range(SETUP_CODE_GROUPS)
    )
    return "-".join(groups)


@transaction.atomic
def two_factor_invitation_issue(*, user, by):
    """Issue a one-time setup code that lets `user` add an authenticator app.

    Returns the TwoFactorInvitation with the plaintext `.code` set on this instance only
    (never stored). The person's earlier unused codes stop working. `by` is None when
    issued on the command line.
    """
    now = timezone.now()
    TwoFactorInvitation.objects.filter(user=user, used_at__isnull=True).delete()
    code = _new_setup_code()
    invitation = TwoFactorInvitation.objects.create(
        user=user,
        code_hash=setup_code_digest(code),
        created_by=by,
        created_at=now,
        expires_at=now + SETUP_CODE_LIFETIME,
    )
    invitation.code = code
    return invitation


class SetupCodeRefused(ValidationError):
    """The setup code cannot start an enrolment (wrong, used, expired, too many tries)."""


def _setup_code_check(*, user, code, now):
    """(invitation or None, refusal message or None); a wrong code is counted."""
    open_codes = TwoFactorInvitation.objects.select_for_update().filter(
        user=user, used_at__isnull=True, expires_at__gt=now
    )
    if any(open_code.wrong_tries >= SETUP_CODE_WRONG_TRIES for open_code in open_codes):
        return None, SetupCodeRefused(
            _("Too many wrong setup codes. Ask your administrator for a new one."),
            code="too_many_tries",
        )
    # Another person's code is simply a wrong code here: it says nothing about them.
    invitation = (
        TwoFactorInvitation.objects.select_for_update()
        .filter(user=user, code_hash=setup_code_digest(code))
        .first()
    )
    if invitation is None:
        open_codes.update(wrong_tries=F("wrong_tries") + 1)
        return None, SetupCodeRefused(
            _("That setup code is not right. Check it and try again."), code="wrong_code"
        )
    if invitation.used_at is not None:
        return invitation, SetupCodeRefused(
            _("That setup code has already been used. Ask your administrator for a new one."),
            code="used_code",
        )
    if invitation.expires_at <= now:
        return invitation, SetupCodeRefused(
            _("That setup code has expired. Ask your administrator for a new one."),
            code="expired_code",
        )
    return invitation, None


def two_factor_invitation_redeem(*, user, code):
    """Use up `user`'s setup code and create their new, unconfirmed authenticator device.

    The device is confirmed later by its first code (two_factor_enrolment_confirm).
    Raises SetupCodeRefused, with `.invitation` set when the code was found; a wrong
    code still counts towards SETUP_CODE_WRONG_TRIES.
    """
    with transaction.atomic():
        invitation, refusal = _setup_code_check(user=user, code=code, now=timezone.now())
        if refusal is None:
            invitation.used_at = timezone.now()
            invitation.save(update_fields=["used_at"])
            # A half-finished set-up from elsewhere is dropped: only this one can finish.
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            device = two_factor_enrolment_start(user=user)
    # Raised outside the transaction, so the wrong-code count is kept.
    if refusal is not None:
        refusal.invitation = invitation
        raise refusal
    device.invitation = invitation
    return device


# Requests one FHIR API token may make per minute.
API_REQUESTS_PER_MINUTE = 120
API_WINDOW = timedelta(minutes=1)


def api_token_issue(*, name, by):
    """A new FHIR API token: returns (the row, the token, shown once and never stored)."""
    token = new_token()
    row = ApiToken.objects.create(name=name, token_hash=ApiToken.digest(token), created_by=by)
    return row, token


def api_token_spend(*, token):
    """The active token row for ``token`` with one request counted, or None (unknown,
    revoked, or its requests for this minute used up: ``row.rate_limited``)."""
    if not token:
        return None
    row = ApiToken.objects.filter(
        token_hash=ApiToken.digest(token), revoked_at__isnull=True
    ).first()
    if row is None:
        return None
    now = timezone.now()
    tokens = ApiToken.objects.filter(pk=row.pk)
    tokens.exclude(window_started_at__gt=now - API_WINDOW).update(
        window_started_at=now, window_requests=0
    )
    counted = tokens.filter(window_requests__lt=API_REQUESTS_PER_MINUTE).update(
        window_requests=F("window_requests") + 1, last_used_at=now
    )
    row.rate_limited = not counted
    return row
