import datetime
import itertools

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from model_bakery import baker

from education.models import CatalogueItem, ExerciseStep, Status

_numbers = itertools.count(1)

# The role groups by name: education does not import clinic, even in tests.
FRONT_DESK = "Front desk"
PRACTITIONER = "Practitioner"
CONTENT_ADMIN = "Content admin"
CLINICAL_REVIEWER = "Clinical reviewer"


@pytest.fixture
def make_staff(db):
    def _make(role=None, **kwargs):
        user = baker.make(settings.AUTH_USER_MODEL, **kwargs)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return _make


@pytest.fixture
def front_desk_user(make_staff):
    return make_staff(FRONT_DESK, username="fd")


@pytest.fixture
def practitioner_user(make_staff):
    return make_staff(PRACTITIONER, username="pr")


@pytest.fixture
def content_admin_user(make_staff):
    return make_staff(CONTENT_ADMIN, username="ca", is_staff=True)


@pytest.fixture
def make_item(db):
    """Build a catalogue item: published unless told otherwise, with optional steps."""

    def _make(*, steps=(), related=(), **fields):
        number = next(_numbers)
        fields.setdefault("title", f"Topic {number}")
        fields.setdefault("slug", f"topic-{number}")
        fields.setdefault("kind", "cause")
        fields.setdefault("summary", "A short plain summary.")
        fields.setdefault("body", "Some plain text. It is short.")
        fields.setdefault("status", Status.PUBLISHED)
        if fields["kind"] == "treatment":
            fields.setdefault("treatment_category", "self_care")
        if fields["status"] == Status.PUBLISHED:
            fields.setdefault("reviewed_on", datetime.date(2026, 1, 5))
        item = CatalogueItem.objects.create(**fields)
        for position, text in enumerate(steps, start=1):
            ExerciseStep.objects.create(item=item, number=position, text=text)
        if related:
            item.related.set(related)
        return item

    return _make
