"""Give one staff user a two-step sign-in setup code from the command line.

For the first administrator of a new installation, who has no one to issue a code in
the admin yet (the admin itself needs the second factor), and for anyone when the
admin cannot be reached.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clinic.models import AuditEvent
from clinic.services import two_factor_invitation_issue


class Command(BaseCommand):
    help = "Print a one-time setup code that lets USERNAME add an authenticator app."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"No active staff user is called {username!r}.") from None
        with transaction.atomic():
            invitation = two_factor_invitation_issue(user=user, by=None)
            # No request on the command line: the event names the command as its route
            # and has no user or address.
            AuditEvent.objects.create(
                action=AuditEvent.Action.CREATE,
                route="manage.py two_factor_setup_code",
                object_type=invitation._meta.label,
                object_id=str(invitation.pk),
            )
        self.stdout.write(
            f"Setup code for {user.get_username()}, valid until "
            f"{invitation.expires_at:%Y-%m-%d %H:%M} UTC, shown only now:"
        )
        self.stdout.write(invitation.code)
