from django.contrib.auth.models import AbstractUser
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
