"""A fast bulk loader for the bench: patients with several visits, intakes with child rows.

Rows are plain tuples in the column order of each model's ``_meta.concrete_fields``
(``Table`` checks the loader's layout against the model before writing), sent with
binary PostgreSQL ``COPY``. The load streams: about 2,000 intakes are built and
written at a time, each batch in one transaction, so memory stays near 100 MB.
Patient and intake keys are reserved from their sequences in one query per batch;
child rows take theirs from the column default. Warning levels come from
``intake.warning_signs.evaluate``; questionnaire answers are drawn from a pool of
answer sets scored once per load. About 100,000 intakes with their ~3.9 million
child rows take 80 to 90 seconds on two cores, two thirds of it in PostgreSQL
(index upkeep, and the foreign-key checks at each commit). History tables are not
filled: nothing on the request paths measured here reads them.
"""

import datetime
import json
import random
import uuid
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.utils import timezone
from psycopg.types.json import Jsonb

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
    Patient,
    QuestionnaireResponse,
)
from intake.services.intakes import COPIED_FIELDS
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

FIRST_NAMES = ["Ann", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo", "Kim", "Lea"]
LAST_NAMES = ["Lee", "Khan", "Novak", "Okafor", "Silva", "Berg", "Rossi", "Ito", "Walsh", "Diaz"]
MEDICINES = ["Ibuprofen 400 mg", "Paracetamol", "Naproxen"]
QUESTIONNAIRES = ("sbi", "start_back", "rmdq", "odi")
# Intakes built and written per transaction.
BATCH = 2_000
# Pre-scored answer sets per questionnaire, drawn at random for each intake.
POOL = 1_000
STAMPS = ("created_at", "updated_at")
CHILD = (*STAMPS, "intake_id")

# What each row tuple holds, in order: the model's concrete fields (``Table`` checks).
# Child rows leave out ``id``: the identity column numbers them.
PATIENT_COLUMNS = (
    "id",
    *STAMPS,
    "first_name",
    "last_name",
    "date_of_birth",
    "chart_number",
    "phone",
    "email",
)
INTAKE_COLUMNS = (
    "id",
    *STAMPS,
    "patient_id",
    "status",
    "started_at",
    "last_saved_at",
    "submitted_at",
    "reviewed_at",
    "reviewed_by_id",
    "started_by_id",
    "supersedes_id",
    "current_step",
    "furthest_step",
    "submit_token",
    "warning_level",
    "warning_signs",
    "warning_flagged_at",
    "emergency_released_at",
    "emergency_released_by_id",
    # The patient's answers (the fields a correction copies), in the model's order.
    *COPIED_FIELDS,
)
CHILD_COLUMNS = {
    IntakeRegion: (*CHILD, "region", "side"),
    IntakeSymptom: (*CHILD, "kind"),
    IntakePainQuality: (*CHILD, "quality"),
    IntakeFactor: (*CHILD, "factor", "effect"),
    IntakeRiskFactor: (*CHILD, "factor"),
    IntakeWarningAnswer: (*CHILD, "question", "answer"),
    QuestionnaireResponse: (
        *CHILD,
        "instrument",
        "version",
        "wording_version",
        "answers",
        "total",
        "band",
        "subscore",
    ),
    IntakeTreatment: (*CHILD, "treatment", "outcome"),
    IntakeMedicine: (*CHILD, "name", "position"),
    IntakeConsent: (*CHILD, "text_version", "typed_name", "signature", "consented_at"),
}
# Vocabulary as plain lists (``Choices.values`` builds a new list on every access).
REGIONS = BodyRegion.values
SYMPTOMS = SymptomKind.values
QUALITIES = PainQuality.values
FACTORS = Factor.values
EFFECTS = FactorEffect.values
RISKS = RiskFactor.values
WARNING_QUESTIONS = WarningQuestion.values
TREATMENTS = Treatment.values
OUTCOMES = TreatmentOutcome.values
ONSETS = OnsetType.values
COURSES = Course.values
LEFT, RIGHT = Side.LEFT.value, Side.RIGHT.value
DRAFT = Intake.Status.DRAFT.value
SUBMITTED = Intake.Status.SUBMITTED.value
REVIEWED = Intake.Status.REVIEWED.value


class Table:
    """Binary ``COPY`` into one model's table from tuples laid out as ``columns``.

    ``columns`` must be the attnames of the model's ``_meta.concrete_fields`` in
    order (less the primary key when ``pk`` is false: the column default numbers
    the rows), so a changed model stops the loader instead of shifting values into
    the wrong columns. Column types come from the database, as binary COPY needs.
    """

    def __init__(self, model, columns, *, pk=True):
        fields = [f for f in model._meta.concrete_fields if pk or not f.primary_key]
        expected = tuple(f.attname for f in fields)
        if tuple(columns) != expected:
            raise ImproperlyConfigured(
                f"tools.bench.loader writes {model.__name__} rows as {tuple(columns)}; "
                f"the model's columns are {expected}."
            )
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        names = ", ".join(quote(f.column) for f in fields)
        self.model = model
        self.width = len(fields)
        self.sql = f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)"
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname, atttypid FROM pg_attribute"
                " WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
                [table],
            )
            types = dict(cursor.fetchall())
        self.types = [types[f.column] for f in fields]

    def write(self, rows):
        width = self.width
        with connection.cursor() as cursor, cursor.cursor.copy(self.sql) as copy:
            copy.set_types(self.types)
            for row in rows:
                if len(row) != width:
                    raise ValueError(f"{self.model.__name__}: {len(row)} values, not {width}")
                copy.write_row(row)


def reserve_ids(model, count):
    """``count`` fresh primary keys from the model's sequence (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _as_is(text):
    return text


def _scored_pool(code, rng):
    """``POOL`` answer sets for one questionnaire, scored once.

    Each is the tail of a ``QuestionnaireResponse`` row (``instrument`` to
    ``subscore``), its answers already JSON.
    """
    instrument = instruments.get(code)
    pool = []
    for _ in range(POOL):
        answers = {item.number: rng.choice(item.values) for item in instrument.items}
        result = instrument.score(answers)
        text = json.dumps({str(k): v for k, v in answers.items()})
        pool.append(
            (
                code,
                instrument.version,
                "bench",
                Jsonb(text, dumps=_as_is),
                Decimal(str(round(result.total, 1))),
                result.band or "",
                result.subscore,
            )
        )
    return pool


def _answers(out, rng, pools, intake_id, stamp, first_episode, typed_name, consented_at):
    """Realistic child rows for one intake (every step answered), added to ``out``
    (``{model: [rows]}``). Returns the intake's ``WarningResult``."""
    head = (stamp, stamp, intake_id)
    sides = [LEFT] if rng.random() < 0.8 else [LEFT, RIGHT]
    regions = [(s, r) for s in sides for r in rng.sample(REGIONS, rng.randint(2, 4))]
    out[IntakeRegion] += [(*head, r, s) for s, r in regions]
    out[IntakeSymptom] += [(*head, k) for k in rng.sample(SYMPTOMS, rng.randint(1, 3))]
    out[IntakePainQuality] += [(*head, q) for q in rng.sample(QUALITIES, rng.randint(0, 3))]
    out[IntakeFactor] += [
        (*head, f, rng.choice(EFFECTS)) for f in rng.sample(FACTORS, rng.randint(1, 4))
    ]
    risks = rng.sample(RISKS, rng.randint(0, 3))
    out[IntakeRiskFactor] += [(*head, f) for f in risks]
    answers = {q: rng.random() < 0.015 for q in WARNING_QUESTIONS}
    out[IntakeWarningAnswer] += [(*head, q, a) for q, a in answers.items()]
    out[QuestionnaireResponse] += [head + rng.choice(pools[code]) for code in QUESTIONNAIRES]
    out[IntakeTreatment] += [
        (*head, t, rng.choice(OUTCOMES)) for t in rng.sample(TREATMENTS, rng.randint(1, 4))
    ]
    out[IntakeMedicine] += [(*head, name, n) for n, name in enumerate(rng.sample(MEDICINES, 2))]
    out[IntakeConsent].append((*head, "nervedesk-1", typed_name, "", consented_at))
    return evaluate(
        answers=answers,
        age=None,
        first_episode=first_episode,
        risk_factors=risks,
        regions=regions,
    )


def _plans(rng, intakes, draft_share, submitted_share):
    """The statuses of each patient's visits, oldest first."""
    plans = []
    total = 0
    while total < intakes:
        visits = min(rng.randint(1, 6), intakes - total)
        last = rng.random()
        if last < draft_share:
            final = DRAFT
        elif last < draft_share + submitted_share:
            final = SUBMITTED
        else:
            final = REVIEWED
        plans.append([REVIEWED] * (visits - 1) + [final])
        total += visits
    return plans


def _batches(plans):
    """The patients' plans in batches of about ``BATCH`` intakes."""
    start = 0
    while start < len(plans):
        stop, visits = start, 0
        while stop < len(plans) and visits < BATCH:
            visits += len(plans[stop])
            stop += 1
        yield plans[start:stop]
        start = stop


def _patient_rows(rng, batch, *, patient_ids, intake_ids, now, stamp, days, tag, pools):
    """Rows for one batch of patients: ``(patients, intakes, {child model: rows})``.

    ``batch`` holds each patient's visit statuses; ``stamp`` is the rows'
    created/updated time.
    """
    patient_rows, intake_rows = [], []
    children = {model: [] for model in CHILD_COLUMNS}
    intake_ids = iter(intake_ids)
    minutes = datetime.timedelta(minutes=1)
    for patient_id, statuses in zip(patient_ids, batch, strict=True):
        first_name, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        born = datetime.date(rng.randint(1940, 2004), rng.randint(1, 12), 15)
        chart = f"B{tag}-{patient_id}"
        patient_rows.append(
            (patient_id, stamp, stamp, first_name, last_name, born, chart, "555-0100", "")
        )
        typed_name = f"{first_name} {last_name}"
        starts = sorted(now - datetime.timedelta(days=rng.uniform(0.01, days)) for _ in statuses)
        for index, (status, started) in enumerate(zip(statuses, starts, strict=True)):
            if status != REVIEWED and index == len(statuses) - 1:
                started = now - rng.uniform(5, 600) * minutes
            intake_id = next(intake_ids)
            submitted = started + 15 * minutes if status != DRAFT else None
            first_episode = rng.random() < 0.3
            result = _answers(
                children, rng, pools, intake_id, stamp, first_episode, typed_name, submitted or now
            )
            intake_rows.append(
                (
                    intake_id,
                    stamp,
                    stamp,
                    patient_id,
                    status,
                    started,
                    started + 12 * minutes,
                    submitted,
                    started + 120 * minutes if status == REVIEWED else None,
                    None,
                    None,
                    None,
                    10 if status != DRAFT else rng.randint(2, 9),
                    10,
                    uuid.uuid4(),
                    result.level,
                    list(result.signs),
                    started if result.signs else None,
                    # The desk released every tablet an emergency stopped.
                    started + 5 * minutes if result.is_emergency else None,
                    None,
                    rng.randint(150, 200),
                    Decimal(rng.randint(500, 1200)) / 10,
                    rng.random() < 0.5,
                    rng.random() < 0.3,
                    rng.random() < 0.2,
                    (started - datetime.timedelta(weeks=rng.randint(1, 40))).date(),
                    rng.choice(ONSETS),
                    False,
                    rng.choice(COURSES),
                    first_episode,
                    rng.randint(0, 10),
                    rng.randint(0, 10),
                    rng.randint(0, 10),
                    rng.randint(0, 10),
                    None,
                    "Walk without pain.",
                )
            )
    return patient_rows, intake_rows, children


def load(*, intakes, tag, days=730, seed=10, draft_share=0.01, submitted_share=0.02):
    """Add about ``intakes`` intakes (patients with 1 to 6 visits over ``days`` days).

    The last visit of a patient is submitted (``submitted_share``, the practitioner
    queue), a draft (``draft_share``) or reviewed; earlier visits are reviewed. The
    same ``seed`` in a fresh database gives the same rows with the same keys.
    Returns ``{"intakes": n, "child_rows": n}``.
    """
    rng = random.Random(seed)  # noqa: S311 (sample data, not security)
    now = timezone.now()
    plans = _plans(rng, intakes, draft_share, submitted_share)
    pools = {code: _scored_pool(code, rng) for code in QUESTIONNAIRES}
    patient_table = Table(Patient, PATIENT_COLUMNS)
    intake_table = Table(Intake, INTAKE_COLUMNS)
    child_tables = {model: Table(model, cols, pk=False) for model, cols in CHILD_COLUMNS.items()}
    loaded = {"intakes": 0, "child_rows": 0}
    for batch in _batches(plans):
        patients, intake_rows, children = _patient_rows(
            rng,
            batch,
            patient_ids=reserve_ids(Patient, len(batch)),
            intake_ids=reserve_ids(Intake, sum(len(statuses) for statuses in batch)),
            now=now,
            stamp=timezone.now(),
            days=days,
            tag=tag,
            pools=pools,
        )
        with transaction.atomic():
            patient_table.write(patients)
            intake_table.write(intake_rows)
            for model, table in child_tables.items():
                table.write(children[model])
        loaded["intakes"] += len(intake_rows)
        loaded["child_rows"] += sum(len(rows) for rows in children.values())
    return loaded
