from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_own_wording(sender, using="default", **kwargs):
    from intake.seed import ensure_default_consent, ensure_own_wording

    ensure_own_wording(using=using)
    ensure_default_consent(using=using)


class IntakeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "intake"
    verbose_name = _("Intake")

    def ready(self):
        # Our own nrs/sbi wording and a first consent text ship with the product: every
        # install has them after migrate, and each instrument has its on/off switch row.
        post_migrate.connect(
            _ensure_own_wording, sender=self, dispatch_uid="intake.ensure_own_wording"
        )
