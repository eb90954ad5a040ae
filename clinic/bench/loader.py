"""A fast bulk loader for the bench: patients with several visits, intakes with child rows.

Rows are built as model instances (so defaults and field conversion are Django's) and
written with PostgreSQL ``COPY``, primary keys reserved from each table's sequence in
one query. About 100,000 intakes with their ~1.5 million child rows load in well
under a minute on two cores. History tables are not filled: nothing on the request
paths measured here reads them.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from intake import instruments
from intake.models import (
    Intake,
    IntakeConsent,
    IntakeFactor,
    IntakeMedicine,
    IntakePainQuality,
    IntakeRegion,
    IntakeRiskFactor,
    IntakeSymptom,
    IntakeTreatment,
    IntakeWarningAnswer,
    KioskSession,
    Patient,
    QuestionnaireResponse,
)
from intake.vocabulary import (
    BodyRegion,
    Course,
    Factor,
    FactorEffect,
    OnsetType,
    PainQuality,
    RiskFactor,
    Side,
    SymptomKind,
    Treatment,
    TreatmentOutcome,
    WarningQuestion,
)
from intake.warning_signs import evaluate

CHILD_MODELS = (
    IntakeRegion,
    IntakeSymptom,
    IntakePainQuality,
    IntakeFactor,
    IntakeRiskFactor,
    IntakeWarningAnswer,
    QuestionnaireResponse,
    IntakeTreatment,
    IntakeMedicine,
    IntakeConsent,
)
FIRST_NAMES = ["Ann", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo", "Kim", "Lea"]
LAST_NAMES = ["Lee", "Khan", "Novak", "Okafor", "Silva", "Berg", "Rossi", "Ito", "Walsh", "Diaz"]
QUESTIONNAIRES = ("sbi", "start_back", "rmdq", "odi")
BATCH = 20_000
SESSION_KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


def reserve_ids(model, count):
    """``count`` fresh primary keys from the model's sequence (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_rows(model, objects):
    """Write unsaved instances (primary keys set) with COPY, in batches."""
    fields = list(model._meta.concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH):
            with cursor.cursor.copy(sql) as copy:
                for obj in objects[start : start + BATCH]:
                    copy.write_row(
                        [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                    )


def _score(code, rng):
    instrument = instruments.get(code)
    answers = {item.number: rng.choice(item.values) for item in instrument.items}
    result = instrument.score(answers)
    return answers, result


def _answers(intake, rng, now):
    """Realistic child rows for one intake (every step answered)."""
    rows = []
    sides = [Side.LEFT] if rng.random() < 0.8 else [Side.LEFT, Side.RIGHT]
    regions = [(s, r) for s in sides for r in rng.sample(BodyRegion.values, rng.randint(2, 4))]
    rows += [IntakeRegion(intake=intake, side=s, region=r) for s, r in regions]
    rows += [
        IntakeSymptom(intake=intake, kind=k)
        for k in rng.sample(SymptomKind.values, rng.randint(1, 3))
    ]
    rows += [
        IntakePainQuality(intake=intake, quality=q)
        for q in rng.sample(PainQuality.values, rng.randint(0, 3))
    ]
    factors = rng.sample(Factor.values, rng.randint(1, 4))
    rows += [
        IntakeFactor(intake=intake, factor=f, effect=rng.choice(FactorEffect.values))
        for f in factors
    ]
    risks = rng.sample(RiskFactor.values, rng.randint(0, 3))
    rows += [IntakeRiskFactor(intake=intake, factor=f) for f in risks]
    answers = {q: rng.random() < 0.015 for q in WarningQuestion.values}
    rows += [IntakeWarningAnswer(intake=intake, question=q, answer=a) for q, a in answers.items()]
    for code in QUESTIONNAIRES:
        given, result = _score(code, rng)
        rows.append(
            QuestionnaireResponse(
                intake=intake,
                instrument=code,
                version=instruments.get(code).version,
                wording_version="bench",
                answers={str(k): v for k, v in given.items()},
                total=Decimal(str(round(result.total, 1))),
                band=result.band or "",
                subscore=result.subscore,
            )
        )
    rows += [
        IntakeTreatment(intake=intake, treatment=t, outcome=rng.choice(TreatmentOutcome.values))
        for t in rng.sample(Treatment.values, rng.randint(1, 4))
    ]
    rows += [
        IntakeMedicine(intake=intake, name=name, position=n)
        for n, name in enumerate(rng.sample(["Ibuprofen 400 mg", "Paracetamol", "Naproxen"], 2))
    ]
    rows.append(
        IntakeConsent(
            intake=intake,
            text_version="nervedesk-1",
            typed_name=f"{intake.patient.first_name} {intake.patient.last_name}",
            consented_at=intake.submitted_at or now,
        )
    )
    result = evaluate(
        answers=answers,
        age=None,
        first_episode=intake.first_episode,
        risk_factors=risks,
        regions=regions,
    )
    intake.warning_level = result.level
    intake.warning_signs = list(result.signs)
    intake.warning_flagged_at = intake.started_at if result.signs else None
    return rows


def load(
    *, intakes, tag, days=730, seed=10, drafts_ready=0, draft_share=0.01, submitted_share=0.02
):
    """Add about ``intakes`` intakes (patients with 1 to 6 visits over ``days`` days).

    The last visit of a patient is submitted (``submitted_share``, the practitioner
    queue), a draft (``draft_share``) or reviewed; earlier visits are reviewed.
    ``drafts_ready`` more patients get a complete draft ready to submit (for the
    submit phase). Returns ``{"intakes": n, "ready": [intake ids]}``.
    """
    # bandit: load pacing and sample data, not security
    rng = random.Random(seed)  # noqa: S311 (test data)   # nosec B311
    now = timezone.now()
    plans = []  # [statuses] per patient
    total = 0
    while total < intakes:
        visits = min(rng.randint(1, 6), intakes - total)
        last = rng.random()
        if last < draft_share:
            final = Intake.Status.DRAFT
        elif last < draft_share + submitted_share:
            final = Intake.Status.SUBMITTED
        else:
            final = Intake.Status.REVIEWED
        plans.append([Intake.Status.REVIEWED] * (visits - 1) + [final])
        total += visits
    plans += [[Intake.Status.DRAFT] for _ in range(drafts_ready)]
    patient_ids = reserve_ids(Patient, len(plans))
    patients = [
        Patient(
            pk=pk,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            date_of_birth=datetime.date(rng.randint(1940, 2004), rng.randint(1, 12), 15),
            chart_number=f"B{tag}-{pk}",
            phone="555-0100",
        )
        for pk in patient_ids
    ]
    copy_rows(Patient, patients)
    intake_ids = iter(reserve_ids(Intake, sum(len(p) for p in plans)))
    intake_rows, children, ready = [], [], []
    for patient, statuses in zip(patients, plans, strict=True):
        starts = sorted(now - datetime.timedelta(days=rng.uniform(0.01, days)) for _ in statuses)
        for index, (status, started) in enumerate(zip(statuses, starts, strict=True)):
            if status != Intake.Status.REVIEWED and index == len(statuses) - 1:
                started = now - datetime.timedelta(minutes=rng.uniform(5, 600))
            intake = Intake(
                pk=next(intake_ids),
                patient=patient,
                status=status,
                started_at=started,
                last_saved_at=started + datetime.timedelta(minutes=12),
                current_step=10 if status != Intake.Status.DRAFT else rng.randint(2, 9),
                furthest_step=10,
                height_cm=rng.randint(150, 200),
                weight_kg=Decimal(rng.randint(500, 1200)) / 10,
                sits_long=rng.random() < 0.5,
                manual_work=rng.random() < 0.3,
                repetitive_activity=rng.random() < 0.2,
                onset_date=(started - datetime.timedelta(weeks=rng.randint(1, 40))).date(),
                onset_type=rng.choice(OnsetType.values),
                onset_after_injury=False,
                course=rng.choice(Course.values),
                first_episode=rng.random() < 0.3,
                leg_pain_now=rng.randint(0, 10),
                leg_pain_average=rng.randint(0, 10),
                leg_pain_worst=rng.randint(0, 10),
                back_pain_now=rng.randint(0, 10),
                goals="Walk without pain.",
            )
            if status != Intake.Status.DRAFT:
                intake.submitted_at = started + datetime.timedelta(minutes=15)
            if status == Intake.Status.REVIEWED:
                intake.reviewed_at = started + datetime.timedelta(hours=2)
            children += _answers(intake, rng, now)
            intake_rows.append(intake)
    # The last ``drafts_ready`` patients are the tablets waiting on the review page.
    for intake in intake_rows[len(intake_rows) - drafts_ready :] if drafts_ready else []:
        intake.current_step = 10
        ready.append(intake)
    copy_rows(Intake, intake_rows)
    by_model = {}
    for row in children:
        by_model.setdefault(type(row), []).append(row)
    for model in CHILD_MODELS:
        rows = by_model.get(model, [])
        for row, pk in zip(rows, reserve_ids(model, len(rows)), strict=True):
            row.pk = row.id = pk
        copy_rows(model, rows)
    return {"intakes": len(intake_rows), "ready": ready, "child_rows": len(children)}


def tablets_at_review(*, intakes, started_by):
    """A claimed, identity-confirmed kiosk session and a browser session per draft.

    Returns ``[(session cookie value, submit token)]``: tablets on the review page.
    """
    now = timezone.now()
    kiosks = [
        KioskSession(
            pk=pk,
            intake=intake,
            started_by=started_by,
            code_hash="",
            expires_at=now + datetime.timedelta(minutes=15),
            claimed_at=now,
            identity_confirmed_at=now,
        )
        for intake, pk in zip(intakes, reserve_ids(KioskSession, len(intakes)), strict=True)
    ]
    copy_rows(KioskSession, kiosks)
    store = SessionStore()
    expire = now + datetime.timedelta(hours=8)
    sessions, tablets = [], []
    for kiosk in kiosks:
        key = get_random_string(32, SESSION_KEY_CHARS)
        data = {"kiosk_session_id": kiosk.pk, "kiosk_seen_at": int(now.timestamp())}
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expire)
        )
        tablets.append((key, str(kiosk.intake.submit_token)))
    Session.objects.bulk_create(sessions, batch_size=5000)
    return tablets
