import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
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


@pytest.fixture
def library(db):
    """The seeded catalogue and starter rules."""
    from clinic.seed import load_rules
    from education.seed import load_catalogue
    from intake.seed import load_demo_wording

    load_catalogue()
    load_demo_wording()
    load_rules()


@pytest.fixture
def make_intake(library):
    """Build an intake through the intake services: every step answered, then submitted."""
    from intake import services
    from intake.models import Patient
    from intake.tests.conftest import FULL_ANSWERS, born_years_ago

    def _make(
        *,
        first_name="Ann",
        last_name="Lee",
        chart="C-100",
        age=35,
        changes=None,
        onset_weeks=10,
        submit=True,
        steps=None,
    ):
        today = timezone.localdate()
        patient = Patient.objects.filter(chart_number=chart).first() or services.patient_create(
            first_name=first_name,
            last_name=last_name,
            date_of_birth=born_years_ago(today, age),
            chart_number=chart,
        )
        intake = services.intake_start(patient=patient)
        answers = {step: dict(data) for step, data in FULL_ANSWERS.items()}
        answers[3]["onset_date"] = (today - datetime.timedelta(weeks=onset_weeks)).isoformat()
        for step, data in (changes or {}).items():
            answers[step] = {**answers[step], **data}
        for step in steps or sorted(answers):
            intake = services.intake_step_save(intake=intake, step=step, data=answers[step])
        if submit:
            intake = services.intake_submit(intake=intake, token=intake.submit_token)
        return intake

    return _make


# A yes to one emergency sign (saddle numbness) on step 6.
EMERGENCY = {6: {"saddle_numbness": "true"}}
