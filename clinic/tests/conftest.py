import pytest
from django.contrib.auth.models import Group
from model_bakery import baker

from clinic import roles


@pytest.fixture
def make_staff(db):
    """Build a staff user in the given role (or none)."""

    def _make(role=None, **kwargs):
        user = baker.make("clinic.User", **kwargs)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return _make


@pytest.fixture
def front_desk_user(make_staff):
    return make_staff(roles.FRONT_DESK, username="fd")


@pytest.fixture
def practitioner_user(make_staff):
    return make_staff(roles.PRACTITIONER, username="pr")


@pytest.fixture
def content_admin_user(make_staff):
    return make_staff(roles.CONTENT_ADMIN, username="ca", is_staff=True)
