"""The tablet side: kiosk sessions, code attempts, and the consent text patients sign."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.models.core import Intake


class KioskSession(models.Model):
    """One tablet handed to one patient for one intake, opened with a single-use code.

    Only a keyed hash of the code is stored (``intake.services.kiosk``), so reading the
    table does not reveal a live code. The hash is blanked once the code is used or
    voided. The staff board shows ``state`` with the intake's ``current_step``.
    """

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for the tablet")
        EXPIRED = "expired", _("Code expired")
        IN_USE = "in_use", _("On the tablet")
        ENDED = "ended", _("Ended")

    class EndReason(models.TextChoices):
        SUBMITTED = "submitted", _("Intake sent")
        IDLE = "idle", _("Tablet left idle")
        REPLACED = "replaced", _("A newer code was started")
        IDENTITY = "identity", _("Name or date of birth did not match")
        ENDED = "ended", _("Ended")

    intake = models.ForeignKey(
        Intake, on_delete=models.CASCADE, related_name="kiosk_sessions", verbose_name=_("intake")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    code_hash = models.CharField(
        _("code hash"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Keyed hash of the code while it can still be used; empty afterwards."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    expires_at = models.DateTimeField(_("code expires"))
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    identity_confirmed_at = models.DateTimeField(_("identity confirmed"), null=True, blank=True)
    identity_failures = models.PositiveSmallIntegerField(_("identity mismatches"), default=0)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=10, choices=EndReason.choices, blank=True
    )
    unsaved = models.JSONField(
        _("unsaved answers"),
        default=dict,
        blank=True,
        help_text=_(
            "What the patient typed that did not pass the checks yet, by step, so a reload "
            "shows it again. Cleared when the session ends."
        ),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("kiosk session")
        verbose_name_plural = _("kiosk sessions")
        indexes = [
            models.Index(fields=["intake", "-created_at"], name="kiosk_intake_created"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["code_hash"], condition=~Q(code_hash=""), name="kiosk_code_hash_unique"
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | ~Q(end_reason=""),
                name="kiosk_ended_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.intake.patient} · {self.created_at:%Y-%m-%d %H:%M} · {self.state_label}"

    @property
    def state(self):
        if self.ended_at is not None:
            return self.State.ENDED
        if self.claimed_at is not None:
            return self.State.IN_USE
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.WAITING

    @property
    def state_label(self):
        return self.State(self.state).label

    @property
    def is_active(self):
        """Claimed and not ended: the tablet may work on the intake."""
        return self.claimed_at is not None and self.ended_at is None


class KioskCodeAttempt(models.Model):
    """A wrong code typed on a tablet, for the brute-force limit (kept in the database
    because app servers share nothing in memory). Addresses are stored hashed."""

    client = models.CharField(_("browser"), max_length=64, db_index=True)
    address = models.CharField(_("address"), max_length=64, db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("wrong kiosk code")
        verbose_name_plural = _("wrong kiosk codes")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S}"


class ConsentText(models.Model):
    """The consent text shown on step 9. Each version is kept; patients' consents name it."""

    version = models.CharField(
        _("version"),
        max_length=50,
        unique=True,
        help_text=_("A new version for every change of wording, e.g. 2026-2."),
    )
    body = models.TextField(
        _("text"), max_length=10000, help_text=_("Plain text; a blank line starts a paragraph.")
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("The newest active version is the one patients see."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    def __str__(self):
        return self.version
