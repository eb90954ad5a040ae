import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from model_bakery import baker

from intake import services
from intake.sample_answers import SAMPLE_ANSWERS


@pytest.fixture
def today():
    return timezone.localdate()


def born_years_ago(today, years, days_later=0):
    """A date of birth making the patient exactly ``years`` old today (plus some days younger)."""
    try:
        born = today.replace(year=today.year - years)
    except ValueError:
        born = today.replace(year=today.year - years, day=28)
    return born + datetime.timedelta(days=days_later)


@pytest.fixture
def patient(db, today):
    return baker.make(
        "intake.Patient",
        first_name="Ann",
        last_name="Lee",
        date_of_birth=born_years_ago(today, 35),
        chart_number="C-100",
    )


@pytest.fixture
def draft(patient):
    return services.intake_start(patient=patient)


CONSENT = {"text_version": "2026-1", "agree": "on", "typed_name": "Ann Lee"}

FULL_ANSWERS = {**SAMPLE_ANSWERS, 9: CONSENT}


@pytest.fixture
def demo_wording(db):
    from intake.seed import load_demo_wording

    load_demo_wording()


@pytest.fixture
def answer_all(demo_wording):
    """Fill every step of an intake with FULL_ANSWERS (onset ten weeks ago)."""

    def _answer(intake, today):
        answers = {**FULL_ANSWERS}
        answers[3] = {
            **answers[3],
            "onset_date": (today - datetime.timedelta(weeks=10)).isoformat(),
        }
        answers[5] = {**answers[5]}
        for step, data in answers.items():
            intake = services.intake_step_save(intake=intake, step=step, data=data)
        return intake

    return _answer


@pytest.fixture
def practitioner_user(db):
    return baker.make(settings.AUTH_USER_MODEL, username="pr")
