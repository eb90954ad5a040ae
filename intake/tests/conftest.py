import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from model_bakery import baker

from intake import services


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

FULL_ANSWERS = {
    1: {"height_cm": "170", "weight_kg": "92.5", "sits_long": "true", "manual_work": "false"},
    2: {"regions": ["left_lower_back", "left_buttock", "left_calf", "left_foot_sole"]},
    3: {
        "symptoms": ["pain", "numbness", "tingling"],
        "pain_qualities": ["burning", "shooting"],
        "onset_type": "gradual",
        "onset_after_injury": "false",
        "first_episode": "false",
        "course": "same",
        "worse_factors": ["sitting", "coughing_sneezing"],
        "better_factors": ["walking"],
    },
    4: {
        "leg_pain_now": "6",
        "leg_pain_average": "5",
        "leg_pain_worst": "8",
        "back_pain_now": "3",
        "sbi_1": "4",
        "sbi_2": "3",
        "sbi_3": "1",
        "sbi_4": "5",
    },
    5: {"risk_factors": ["muscle_tightness", "diabetes", "repetitive_sport"]},
    6: {"bladder": "false", "saddle_numbness": "false", "night_pain": "true"},
    7: {
        **{f"start_back-item_{n}": "1" for n in range(1, 9)},
        "start_back-item_9": "4",
        **{f"rmdq-item_{n}": "1" if n <= 10 else "0" for n in range(1, 25)},
        **{f"odi-item_{n}": "2" for n in range(1, 10)},
    },
    8: {
        "treatment_rest_physical_therapy": "not_helped",
        "treatment_medication": "helped",
        "treatment_surgery": "not_tried",
        "medicines": "Ibuprofen 400 mg\nParacetamol",
        "goals": "Walk the dog again.",
    },
    9: CONSENT,
}


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
