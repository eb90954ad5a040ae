"""The starter recommendation rules (clinical-content.md), loaded by seed_demo.

Rules that exist are left as the clinic's content admins edited them; only missing
ones are created, so running seed_demo again changes nothing.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from clinic.models import RecommendationRule
from education.models import CatalogueItem
from intake import services as intake_services
from intake.models import ConsentText, Intake, Patient

# (finding code, threshold, [catalogue slugs], priority, because). Exercises are
# suggested too: the nerve glide for pain down the leg and for numbness or tingling,
# the hamstring and glute (piriformis) stretches for tight muscles and sitting pain.
# A slug added here reaches a clinic's existing rules on its next seed_demo run.
STARTER_RULES = [
    (
        "warning.any",
        None,
        ["when-to-get-help-today"],
        1,
        "You told us about a sign that needs a doctor's attention soon.",
    ),
    (
        "region.below_knee",
        None,
        [
            "herniated-disc",
            "stretching-and-nerve-gliding",
            "sciatic-nerve-glide",
            "rest-and-physical-therapy",
        ],
        10,
        "Your pain travels down your leg.",
    ),
    (
        "symptom.numbness_or_tingling",
        None,
        ["numbness", "tingling", "stretching-and-nerve-gliding", "sciatic-nerve-glide"],
        20,
        "You told us about numbness or tingling.",
    ),
    (
        "risk.muscle_tightness",
        None,
        [
            "muscle-tightness",
            "stretching-and-nerve-gliding",
            "hamstring-stretch",
            "glute-stretch",
            "massage",
        ],
        30,
        "You told us your muscles feel tight.",
    ),
    # Sitting presses on the buttock, where the piriformis lies over the sciatic nerve.
    (
        "aggravating.sitting",
        None,
        ["glute-stretch", "breaks"],
        35,
        "Sitting makes your pain worse.",
    ),
    (
        "activity.repetitive_or_manual",
        None,
        ["repetitive-motions", "breaks", "rest-and-physical-therapy"],
        40,
        "Your work or sport repeats the same movements.",
    ),
    (
        "risk.medical_condition",
        None,
        ["medical-conditions", "lifestyle-adjustments"],
        50,
        "Diabetes and arthritis can make nerve problems more likely.",
    ),
    (
        "weight.concern",
        None,
        ["healthy-weight", "lifestyle-adjustments"],
        60,
        "Extra weight puts more pressure on your back and nerves.",
    ),
    (
        "work.long_sitting",
        None,
        ["posture", "breaks"],
        70,
        "You sit for long periods.",
    ),
    (
        "pain.max",
        Decimal(7),
        ["medication", "rest-and-physical-therapy"],
        15,
        "Your pain is severe.",
    ),
    (
        "conservative_care.over_6_weeks",
        None,
        ["steroid-injections", "spinal-decompression", "surgery"],
        80,
        "Earlier treatments have not been enough, so these are options to talk about.",
    ),
]


@transaction.atomic
def load_rules(*, stdout=None):
    """Create the starter rules that do not exist yet. Returns the number created."""
    slugs = {slug for _code, _t, items, _p, _b in STARTER_RULES for slug in items}
    items = {i.slug: i for i in CatalogueItem.objects.filter(slug__in=slugs)}
    created = 0
    for code, threshold, item_slugs, priority, because in STARTER_RULES:
        for slug in item_slugs:
            if slug not in items:
                continue
            _rule, was_created = RecommendationRule.objects.get_or_create(
                finding_code=code,
                expected_value="",
                item=items[slug],
                defaults={"threshold": threshold, "priority": priority, "because": because},
            )
            created += was_created
    if stdout is not None and created:
        stdout.write(f"Created {created} recommendation rules")
    return created


# Demo patients, so a fresh `make run` shows a working board, queue and summary.
# Chart numbers start with DEMO- and each is created once.
_DEMO_ANSWERS = {
    1: {"height_cm": "168", "weight_kg": "88", "sits_long": "true", "manual_work": "false"},
    2: {"regions": ["left_lower_back", "left_buttock", "left_thigh_back", "left_calf"]},
    3: {
        "symptoms": ["pain", "numbness", "tingling"],
        "pain_qualities": ["burning", "shooting"],
        "onset_type": "gradual",
        "onset_after_injury": "false",
        "first_episode": "false",
        "course": "same",
        "worse_factors": ["sitting", "bending"],
        "better_factors": ["walking"],
    },
    4: {
        "leg_pain_now": "6",
        "leg_pain_average": "5",
        "leg_pain_worst": "8",
        "back_pain_now": "4",
        "sbi_1": "4",
        "sbi_2": "3",
        "sbi_3": "2",
        "sbi_4": "5",
    },
    5: {"risk_factors": ["muscle_tightness", "repetitive_sport"]},
    6: {},
    # STarT Back, Roland-Morris and Oswestry answered, so the summary and the FHIR
    # export of a demo intake carry every kind of score.
    7: {
        **{f"start_back-item_{n}": "1" if n in (1, 2, 4, 5, 7) else "0" for n in range(1, 10)},
        **{f"rmdq-item_{n}": "1" if n <= 9 else "0" for n in range(1, 25)},
        **{f"odi-item_{n}": "2" if n <= 5 else "1" for n in range(1, 11)},
    },
    8: {
        "treatment_rest_physical_therapy": "not_helped",
        "treatment_medication": "helped",
        "medicines": "Ibuprofen 400 mg when needed",
        "goals": "Sit through a work meeting without pain.",
    },
}
DEMO_PATIENTS = [
    # chart, first, last, born, answer changes, submit, visits before today (weeks ago)
    ("DEMO-001", "Maria", "Lopez", "1968-03-14", {6: {"saddle_numbness": "true"}}, True, []),
    ("DEMO-002", "James", "Carter", "1985-09-02", {4: {"leg_pain_now": "4"}}, True, [12, 6]),
    ("DEMO-003", "Aiko", "Tanaka", "1992-11-20", {}, False, []),
]
# The mid-intake patient can be sent a pre-visit link in the demo (console backends).
DEMO_CONTACTS = {"DEMO-003": {"email": "aiko.tanaka@example.org", "phone": "+1 555 010 0199"}}


@transaction.atomic
def load_demo_patients(*, stdout=None):
    """Create the demo patients and their intakes, once. Returns how many were created."""
    consent = ConsentText.objects.filter(active=True).first()
    # Earlier visits were reviewed by the demo practitioner, when there is one.
    reviewer = get_user_model().objects.filter(groups__name="Practitioner").first()
    created = 0
    for chart, first, last, born, changes, submit, earlier_weeks in DEMO_PATIENTS:
        if Patient.objects.filter(chart_number=chart).exists():
            continue
        patient = intake_services.patient_create(
            first_name=first,
            last_name=last,
            date_of_birth=born,
            chart_number=chart,
            **DEMO_CONTACTS.get(chart, {}),
        )
        today = timezone.localdate()
        visits = [*earlier_weeks, 0]
        for index, weeks_ago in enumerate(visits):
            last_visit = index == len(visits) - 1
            answers = {step: dict(data) for step, data in _DEMO_ANSWERS.items()}
            answers[3]["onset_date"] = (today - datetime.timedelta(weeks=16)).isoformat()
            answers[4]["leg_pain_now"] = str(max(2, 8 - index * 2))
            for step, data in changes.items():
                if last_visit:
                    answers[step] = {**answers[step], **data}
            answers[9] = {
                "text_version": consent.version if consent else "",
                "agree": "on",
                "typed_name": f"{first} {last}",
            }
            intake = intake_services.intake_start(patient=patient)
            steps = sorted(answers) if (submit or not last_visit) else [1, 2, 3]
            for step in steps:
                intake = intake_services.intake_step_save(
                    intake=intake, step=step, data=answers[step], next_step=step + 1
                )
            if submit or not last_visit:
                intake = intake_services.intake_submit(intake=intake, token=intake.submit_token)
            if not last_visit and reviewer is not None:
                intake_services.intake_mark_reviewed(intake=intake, by=reviewer)
            if weeks_ago:
                moment = timezone.now() - datetime.timedelta(weeks=weeks_ago)
                Intake.objects.filter(pk=intake.pk).update(
                    started_at=moment,
                    submitted_at=moment,
                    last_saved_at=moment,
                    reviewed_at=moment if reviewer else None,
                )
        created += 1
        if stdout is not None:
            stdout.write(f"Created demo patient {chart}")
    return created
