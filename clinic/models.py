from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clinic import roles
from common.tokens import token_digest


class User(AbstractUser):
    """A member of the clinic's staff. Patients have no account."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("staff user")
        verbose_name_plural = _("staff users")
        permissions = [
            ("use_front_desk", _("Can use the front-desk board")),
            ("review_intakes", _("Can review intakes and build education plans")),
            ("edit_content", _("Can edit the education catalogue and rules")),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def role_names(self):
        return [g.name for g in self.groups.all() if g.name in roles.ROLE_PERMISSIONS]


class AuditEvent(models.Model):
    """One staff read or write of patient data, or a refusal. Append-only.

    Written only by `clinic.services.audit_event_record`; never holds answer values,
    only which object was touched and by whom.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        EXPORT = "export", _("Exported")
        PRINT = "print", _("Printed")
        SHARE = "share", _("Shared")
        REVOKE = "revoke", _("Revoked")

    class Outcome(models.TextChoices):
        ALLOWED = "allowed", _("Allowed")
        REFUSED = "refused", _("Refused")
        FAILED = "failed", _("Failed")

    occurred_at = models.DateTimeField(_("when (UTC)"), default=timezone.now, db_index=True)
    # PROTECT: a staff account with an audit trail is deactivated, never deleted.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=100, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.ALLOWED
    )
    route = models.CharField(_("page"), max_length=200, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    patient_id = models.BigIntegerField(_("patient id"), null=True, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["user", "occurred_at"], name="audit_user_time")]

    def __str__(self):
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.username} {self.action} {self.outcome}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("Audit events are append-only and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only and cannot be deleted.")


class RecommendationRule(models.Model):
    """Finding code -> catalogue item, with the plain-language reason shown to the patient.

    A rule fires when the intake has the finding (see intake.findings) and, when set,
    its value reaches `threshold` (numbers) or equals `expected_value` (text, or one
    of a list's values).
    """

    finding_code = models.CharField(
        _("finding code"),
        max_length=100,
        db_index=True,
        help_text=_("A finding code from intake.findings, e.g. region.below_knee or pain.max."),
    )
    threshold = models.DecimalField(
        _("threshold"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("For numeric findings: the rule fires when the value is at least this."),
    )
    expected_value = models.CharField(
        _("expected value"),
        max_length=50,
        blank=True,
        help_text=_("For text findings: the rule fires only for this value, e.g. high."),
    )
    item = models.ForeignKey(
        "education.CatalogueItem",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("catalogue item"),
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=50, help_text=_("Lower numbers are suggested first.")
    )
    because = models.CharField(
        _("because"),
        max_length=300,
        help_text=_("Why this item fits, in plain words shown to the practitioner and patient."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recommendation rule")
        verbose_name_plural = _("recommendation rules")
        ordering = ["priority", "finding_code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["finding_code", "expected_value", "item"], name="rule_unique_per_item"
            ),
            models.CheckConstraint(condition=~models.Q(because=""), name="rule_because_required"),
        ]

    def __str__(self):
        return f"{self.finding_code} → {self.item}"


class WarningAcknowledgement(models.Model):
    """A practitioner has seen an intake's warning signs and recorded what was done."""

    intake = models.ForeignKey(
        "intake.Intake",
        on_delete=models.PROTECT,
        related_name="acknowledgements",
        verbose_name=_("intake"),
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), default=timezone.now)
    warning_level = models.PositiveSmallIntegerField(_("warning level when acknowledged"))
    action_taken = models.TextField(
        _("what was done"),
        max_length=2000,
        help_text=_("For example: examined today, referred to emergency department."),
    )

    class Meta:
        verbose_name = _("warning acknowledgement")
        verbose_name_plural = _("warning acknowledgements")
        ordering = ["acknowledged_at", "pk"]

    def __str__(self):
        return f"{self.intake_id} · {self.acknowledged_by} · {self.acknowledged_at:%Y-%m-%d %H:%M}"


class DeskScript(models.Model):
    """What the front desk says and does for one warning level, shown with the alert.

    Edited by an admin; a level without a row uses ``DEFAULT_TEXT``.
    """

    class Level(models.IntegerChoices):
        # The values of intake.vocabulary.WarningLevel.
        URGENT = 1, _("Urgent")
        EMERGENCY = 2, _("Emergency")

    DEFAULT_TEXT = {
        Level.EMERGENCY: _(
            "Get a practitioner to the patient now: this cannot wait for their turn. Keep "
            "the patient in sight. If no practitioner is in the building, call the "
            "on-call doctor; if the patient is very unwell, call an ambulance. Do not ask "
            "about their answers at the desk."
        ),
        Level.URGENT: _(
            "Tell the practitioner before the patient's treatment starts. The patient waits "
            "as usual. Do not ask about their answers at the desk."
        ),
    }

    level = models.PositiveSmallIntegerField(_("warning level"), choices=Level.choices, unique=True)
    text = models.TextField(_("what the front desk does"), max_length=1000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-level"]
        verbose_name = _("desk script")
        verbose_name_plural = _("desk scripts")

    def __str__(self):
        return self.get_level_display()


class ApiToken(models.Model):
    """A token for the clinic's integration engine to read the FHIR endpoint.

    Issued by a superuser in the admin, shown once; only its SHA-256 is stored. Requests
    are counted per minute in the row itself (one conditional UPDATE per request).
    """

    name = models.CharField(
        _("name"), max_length=60, help_text=_("Which system uses it, for example the EHR.")
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    window_started_at = models.DateTimeField(_("counting since"), null=True, editable=False)
    window_requests = models.PositiveIntegerField(_("requests"), default=0, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("FHIR API token")
        verbose_name_plural = _("FHIR API tokens")

    def __str__(self):
        return self.name

    # The stored form of a token.
    digest = staticmethod(token_digest)


class EducationPlan(models.Model):
    """The education a practitioner chose for one intake, with their notes."""

    intake = models.OneToOneField(
        "intake.Intake",
        on_delete=models.PROTECT,
        related_name="education_plan",
        verbose_name=_("intake"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("practitioner"),
    )
    personal_note = models.TextField(_("personal note"), max_length=2000, blank=True)
    home_exercises = models.TextField(_("home exercise instructions"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("education plan")
        verbose_name_plural = _("education plans")

    def __str__(self):
        return f"{_('Education plan')} · {self.intake_id}"


class EducationPlanItem(models.Model):
    plan = models.ForeignKey(
        EducationPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("plan")
    )
    item = models.ForeignKey(
        "education.CatalogueItem",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("catalogue item"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    reason = models.CharField(
        _("why this is for you"),
        max_length=1000,
        blank=True,
        help_text=_("The rules' reasons when the item was suggested; empty when added by hand."),
    )

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "item"], name="plan_item_once"),
        ]

    def __str__(self):
        return f"{self.position}. {self.item}"


class HandoutLink(models.Model):
    """A link to a plan's handout that the patient can open at /h/<token>/ until it expires."""

    plan = models.ForeignKey(
        EducationPlan, on_delete=models.CASCADE, related_name="links", verbose_name=_("plan")
    )
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("handout link")
        verbose_name_plural = _("handout links")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="handout_link_expires_after_creation",
            ),
        ]

    def __str__(self):
        return f"{_('Handout link')} · {self.plan_id}"

    # Deliberately not get_absolute_url: the admin's "view on site" shortcut
    # (/admin/r/<type>/<id>/) would send any staff user to the patient's handout.
    def share_path(self):
        return reverse("handout_shared", kwargs={"token": self.token})

    def is_live(self, now=None):
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now


class TwoFactorInvitation(models.Model):
    """A one-time setup code an administrator gave one person, so they may add an
    authenticator app. A password alone never enrols a second factor.

    Only a keyed hash of the code is stored; the code itself is shown once, to the
    administrator who issued it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="two_factor_invitations",
        verbose_name=_("for"),
    )
    code_hash = models.CharField(_("code hash"), max_length=64, unique=True, editable=False)
    # Empty when issued on the command line (the first administrator's own code).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    created_at = models.DateTimeField(_("issued"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    wrong_tries = models.PositiveSmallIntegerField(
        _("wrong codes typed"),
        default=0,
        help_text=_("Wrong setup codes the person typed while this code was open."),
    )

    class Meta:
        verbose_name = _("two-step sign-in setup code")
        verbose_name_plural = _("two-step sign-in setup codes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="two_factor_invitation_expires_after_creation",
            ),
        ]

    def __str__(self):
        return f"{_('Setup code')} · {self.user} · {self.created_at:%Y-%m-%d %H:%M}"
