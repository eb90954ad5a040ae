from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, using="default", verbosity=0, **kwargs):
    from clinic.roles import sync_role_permissions

    sync_role_permissions(using=using, verbosity=verbosity)


class ClinicConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clinic"
    verbose_name = _("Clinic")

    def ready(self):
        # clinic is the last installed app, so when its post_migrate fires every
        # other app's permissions already exist.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="clinic.sync_roles")

        from django.contrib.auth.signals import user_logged_in

        from clinic.middleware import start_staff_session_clock

        user_logged_in.connect(start_staff_session_clock, dispatch_uid="clinic.session_clock")
