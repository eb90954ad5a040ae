"""Intake before the visit: a link the patient opens at home, the messages that carry
it, and the record of what happened to it."""

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.models.core import Intake


class PrevisitLink(models.Model):
    """A link that opens one patient's draft intake on their own device.

    Only the SHA-256 of its token is stored (``common.tokens``). It works until
    ``expires_at`` (the appointment or ``PREVISIT_LINK_DAYS``, whichever is first), until
    a newer link for the intake revokes it, until the intake is sent, or until too many
    wrong dates of birth lock it. Opening it (GET) only shows a start page.
    """

    class State(models.TextChoices):
        ACTIVE = "active", _("Can be used")
        SUBMITTED = "submitted", _("Filled in at home")
        REVOKED = "revoked", _("Replaced by a newer link")
        LOCKED = "locked", _("Locked after wrong dates of birth")
        EXPIRED = "expired", _("Expired")

    intake = models.ForeignKey(
        Intake, on_delete=models.CASCADE, related_name="previsit_links", verbose_name=_("intake")
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    appointment_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    locked_at = models.DateTimeField(_("locked"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    dob_failures = models.PositiveSmallIntegerField(_("wrong dates of birth"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pre-visit link")
        verbose_name_plural = _("pre-visit links")
        indexes = [
            models.Index(fields=["intake", "-created_at"], name="previsit_intake_created"),
            models.Index(fields=["appointment_at"], name="previsit_appointment"),
        ]

    def __str__(self):
        return f"{self.intake.patient} · {self.created_at:%Y-%m-%d %H:%M} · {self.state_label}"

    @property
    def state(self):
        # The same order as state_expression.
        if self.submitted_at is not None:
            return self.State.SUBMITTED
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.locked_at is not None:
            return self.State.LOCKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.ACTIVE

    @classmethod
    def state_expression(cls, now):
        """``state`` as a database expression, for annotating many links at once."""
        return Case(
            When(submitted_at__isnull=False, then=Value(cls.State.SUBMITTED)),
            When(revoked_at__isnull=False, then=Value(cls.State.REVOKED)),
            When(locked_at__isnull=False, then=Value(cls.State.LOCKED)),
            When(expires_at__lte=now, then=Value(cls.State.EXPIRED)),
            default=Value(cls.State.ACTIVE),
        )

    @property
    def state_label(self):
        return self.State(self.state).label

    @property
    def is_usable(self):
        return self.state == self.State.ACTIVE


class PrevisitEvent(models.Model):
    """Append-only: every send, open, start, wrong date of birth, lock and submit of a
    pre-visit link. Patients have no account, so ``by`` is set only for staff actions."""

    class Action(models.TextChoices):
        SENT = "sent", _("Link sent")
        DELIVERED = "delivered", _("Message handed to the provider")
        SEND_FAILED = "send_failed", _("Message could not be sent")
        OPENED = "opened", _("Link opened")
        STARTED = "started", _("Patient started")
        DOB_WRONG = "dob_wrong", _("Wrong date of birth")
        LOCKED = "locked", _("Link locked")
        REFUSED = "refused", _("Used, expired or replaced link opened")
        SUBMITTED = "submitted", _("Intake sent from home")
        REVOKED = "revoked", _("Link replaced")

    link = models.ForeignKey(
        PrevisitLink, on_delete=models.CASCADE, related_name="events", verbose_name=_("link")
    )
    action = models.CharField(_("what"), max_length=12, choices=Action.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    detail = models.CharField(_("detail"), max_length=200, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("pre-visit link event")
        verbose_name_plural = _("pre-visit link events")
        indexes = [models.Index(fields=["link", "at"], name="previsit_event_link_at")]

    def __str__(self):
        return f"{self.get_action_display()} · {self.at:%Y-%m-%d %H:%M}"


class OutboundMessage(models.Model):
    """One email or text message to a patient, sent in the background.

    The address is the patient's at the time of sending. A message that still fails
    after its retries stays here as FAILED with the reason (the dead letter), and shows
    on the front-desk board until a newer link is sent.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        SMS = "sms", _("Text message")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to send")
        RETRYING = "retrying", _("Trying again")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    link = models.ForeignKey(
        PrevisitLink, on_delete=models.CASCADE, related_name="messages", verbose_name=_("link")
    )
    channel = models.CharField(_("channel"), max_length=5, choices=Channel.choices)
    to = models.CharField(_("to"), max_length=254)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message to a patient")
        verbose_name_plural = _("messages to patients")
        indexes = [
            models.Index(
                fields=["failed_at"], condition=Q(status="failed"), name="outbound_failed"
            ),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} · {self.get_status_display()}"
