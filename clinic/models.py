from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic import roles


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
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
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
