"""Load everything a demo needs, idempotently: run it twice and nothing changes."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string
from django_otp import user_has_device

from clinic import roles
from clinic.middleware import needs_two_factor
from intake.models import DeskPin

DEMO_USERS = [
    # username, role, first name, last name, may open the admin
    ("frontdesk", roles.FRONT_DESK, "Fran", "Desk", False),
    ("practitioner", roles.PRACTITIONER, "Pat", "Clinician", False),
    ("editor", roles.CONTENT_ADMIN, "Eddie", "Editor", True),
    ("reviewer", roles.CLINICAL_REVIEWER, "Rita", "Reyes", True),
]

# Each app's demo loader, called in order with `stdout=`: the catalogue before the
# rules that point into it.
LOADERS = [
    "education.seed.load_catalogue",
    "intake.seed.load_demo_wording",
    "clinic.seed.load_rules",
    "clinic.seed.load_demo_patients",
]

# Where a generated demo password and desk PIN are kept, so later runs reuse them
# (ignored by git).
PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-password"
DESK_PIN_FILE = Path(settings.BASE_DIR) / ".demo-desk-pin"


def _kept(path, variable, generate):
    """The environment variable if set, else the value kept in ``path`` (made once)."""
    from_env = os.environ.get(variable, "").strip()
    if from_env:
        return from_env
    if path.exists():
        stored = path.read_text().strip()
        if stored:
            return stored
    generated = generate()
    path.write_text(generated + "\n")
    path.chmod(0o600)
    return generated


def demo_password():
    """DEMO_PASSWORD if set, else the password generated on the first run."""
    return _kept(PASSWORD_FILE, "DEMO_PASSWORD", lambda: secrets.token_urlsafe(12))


def demo_desk_pin():
    """DEMO_DESK_PIN if set, else the six-digit PIN generated on the first run."""
    return _kept(DESK_PIN_FILE, "DEMO_DESK_PIN", lambda: f"{secrets.randbelow(10**6):06d}")


class Command(BaseCommand):
    help = "Create the demo users and load the catalogue, rules and sample questionnaire wording."

    def handle(self, *args, **options):
        password = demo_password()
        with transaction.atomic():
            roles.sync_role_permissions()
            for username, role, first, last, is_staff in DEMO_USERS:
                self._ensure_user(username, role, first, last, is_staff, password)
            for dotted in LOADERS:
                import_string(dotted)(stdout=self.stdout)
            desk_pin = demo_desk_pin()
            self._ensure_desk_pin(desk_pin)
        self.stdout.write(self.style.SUCCESS("Demo logins (one password for all):"))
        for username, role, *_rest in DEMO_USERS:
            self.stdout.write(f"  {username:<13} {role}")
        self.stdout.write(f"  password:     {password}")
        self.stdout.write(f"  desk PIN:     {desk_pin} (releases a tablet after an emergency stop)")
        if settings.OTP_REQUIRED:
            self._give_setup_codes()

    def _give_setup_codes(self):
        """With two-step sign in on, a setup code for each demo user who must enrol."""
        User = get_user_model()
        for username, *_rest in DEMO_USERS:
            user = User.objects.get(username=username)
            if needs_two_factor(user) and not user_has_device(user, confirmed=True):
                call_command("two_factor_setup_code", username, stdout=self.stdout)

    def _ensure_desk_pin(self, pin):
        desk_pin = DeskPin.objects.filter(pk=DeskPin.SINGLETON).first() or DeskPin()
        if not desk_pin.pin_hash or not desk_pin.check_pin(pin):
            desk_pin.set_pin(pin)
            desk_pin.save()

    def _ensure_user(self, username, role, first, last, is_staff, password):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "is_staff": is_staff},
        )
        changed = []
        if user.is_staff != is_staff:
            user.is_staff = is_staff
            changed.append("is_staff")
        if not user.is_active:
            user.is_active = True
            changed.append("is_active")
        if created or not user.check_password(password):
            user.set_password(password)
            changed.append("password")
        if changed:
            user.save(update_fields=changed)
        group = Group.objects.get(name=role)
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
        if created:
            self.stdout.write(f"Created demo user {username}")
