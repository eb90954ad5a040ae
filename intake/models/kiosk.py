"""The tablet side: kiosk sessions, enrolled tablets, wrong-code counts, and the consent
text patients sign."""

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.tokens import token_digest
from intake.models.core import Intake


class KioskSession(models.Model):
    """One tablet handed to one patient for one intake, opened with a single-use code;
    or the patient's own device, opened with a pre-visit link (``previsit_link``).

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
    previsit_link = models.ForeignKey(
        "intake.PrevisitLink",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("pre-visit link"),
        help_text=_("Set when the patient fills in at home, on their own device."),
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
    pin_failures = models.PositiveSmallIntegerField(
        _("wrong desk PINs"),
        default=0,
        help_text=_("Wrong desk PINs typed on the emergency stop screen of this session."),
    )
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
    def at_home(self):
        """On the patient's own device by a pre-visit link, not on a clinic tablet."""
        return self.previsit_link_id is not None

    def works_at(self, *, at_home):
        """Whether this session may be used on that mount: a home session only on
        /visit/ and while its link works, a tablet's only on /kiosk/."""
        if self.at_home != at_home:
            return False
        return not at_home or self.previsit_link.is_usable

    @property
    def is_active(self):
        """Claimed and not ended: the tablet may work on the intake."""
        return self.claimed_at is not None and self.ended_at is None


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


class KioskDevice(models.Model):
    """A clinic tablet enrolled as a kiosk by the front desk.

    Its browser holds a random token in a long-lived cookie (``intake.kiosk_devices``);
    only the token's SHA-256 is stored, so reading the table does not let anyone pose
    as the tablet. An enrolled tablet has its own wrong-code budget. Revoked tablets
    count as plain browsers.
    """

    name = models.CharField(
        _("name"), max_length=60, help_text=_("What the front desk calls the tablet.")
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set up by"),
    )
    created_at = models.DateTimeField(_("set up"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    revoked_at = models.DateTimeField(
        _("revoked"),
        null=True,
        blank=True,
        help_text=_("Once set, this tablet is treated like any browser that is not set up."),
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("kiosk tablet")
        verbose_name_plural = _("kiosk tablets")

    def __str__(self):
        return self.name

    # The stored form of a tablet token.
    token_digest = staticmethod(token_digest)

    @property
    def is_revoked(self):
        return self.revoked_at is not None


class DeskPin(models.Model):
    """The short PIN staff type on a tablet to release it after an emergency stop.

    One row at most, set by an admin. Only a password hash of the PIN is kept.
    """

    SINGLETON = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON, editable=False)
    pin_hash = models.CharField(_("PIN hash"), max_length=256, editable=False)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("desk PIN")
        verbose_name_plural = _("desk PIN")
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="desk_pin_single_row"),
        ]

    def __str__(self):
        return str(_("Desk PIN"))

    def set_pin(self, pin):
        self.pin_hash = make_password(pin)

    def check_pin(self, pin):
        return check_password(pin, self.pin_hash)


class KioskCodeCounter(models.Model):
    """Wrong kiosk codes counted for one budget within a window (``intake.services.kiosk``).

    One row per enrolled tablet, per address of browsers that are not enrolled (stored
    hashed), and one for the whole clinic's unenrolled browsers. The count is checked
    and raised in one conditional UPDATE, so concurrent wrong codes cannot all pass.
    """

    class Scope(models.TextChoices):
        TABLET = "tablet", _("Enrolled tablet")
        ADDRESS = "address", _("Address of browsers that are not set up")
        CLINIC = "clinic", _("All browsers that are not set up")

    scope = models.CharField(_("counted for"), max_length=10, choices=Scope.choices)
    key = models.CharField(_("key"), max_length=64, blank=True)
    failures = models.PositiveIntegerField(_("wrong codes"), default=0)
    window_started_at = models.DateTimeField(_("counting since"))

    class Meta:
        verbose_name = _("wrong kiosk code count")
        verbose_name_plural = _("wrong kiosk code counts")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="kiosk_code_counter_unique"),
        ]
        indexes = [
            models.Index(fields=["scope", "window_started_at"], name="kiosk_counter_window"),
        ]

    def __str__(self):
        return f"{self.get_scope_display()}: {self.failures}"
