"""Read queries shared by the wizard and the staff side."""

import uuid

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    F,
    IntegerField,
    Prefetch,
    Value,
    When,
)
from django.db.models.functions import Cast

from intake import instruments
from intake.findings import IntakeFacts, build_findings
from intake.models import (
    ConsentText,
    DeskPin,
    InstrumentSetting,
    InstrumentWording,
    Intake,
    IntakeFactor,
    IntakeMedicine,
    IntakePainQuality,
    IntakeRegion,
    IntakeRiskFactor,
    IntakeSymptom,
    IntakeTreatment,
    IntakeWarningAnswer,
    KioskSession,
    QuestionnaireResponse,
)
from intake.vocabulary import PAIN_RATING_FIELDS

# The questionnaires asked on step 7 (nrs and sbi are part of step 4).
STEP_QUESTIONNAIRES = ("start_back", "rmdq", "odi")

INTAKE_ANSWER_PREFETCHES = (
    "regions",
    "symptoms",
    "pain_qualities",
    "factors",
    "risk_factors",
    "warning_answers",
    "questionnaires",
    "treatments",
    "medicines",
)


# The answer tables made of codes, by relation name: the model and the one or two
# columns read as text (a yes/no as "1"/"0"). Medicines keep their position.
ANSWER_CODE_COLUMNS = {
    "regions": (IntakeRegion, "side", "region"),
    "symptoms": (IntakeSymptom, "kind", None),
    "pain_qualities": (IntakePainQuality, "quality", None),
    "factors": (IntakeFactor, "effect", "factor"),
    "risk_factors": (IntakeRiskFactor, "factor", None),
    "warning_answers": (IntakeWarningAnswer, "question", "answer"),
    "treatments": (IntakeTreatment, "treatment", "outcome"),
    "medicines": (IntakeMedicine, "name", None),
}


def _as_text(model, name):
    """A column of ``model`` as text for ``answer_codes`` ("" when not read, a yes/no as
    "1"/"0"), so every branch of the union has the same column types."""
    if name is None:
        return Value("", output_field=CharField())
    field = model._meta.get_field(name)
    if isinstance(field, BooleanField):
        return Case(
            When(**{name: True}, then=Value("1")), default=Value("0"), output_field=CharField()
        )
    if isinstance(field, CharField):
        return F(name)
    return Cast(name, output_field=CharField())


def _answer_codes_branch(relation, intake_pk):
    model, first, second = ANSWER_CODE_COLUMNS[relation]
    has_position = any(field.name == "position" for field in model._meta.get_fields())
    return (
        model.objects.filter(intake_id=intake_pk)
        .order_by()
        .annotate(
            relation=Value(relation, output_field=CharField()),
            first=_as_text(model, first),
            second=_as_text(model, second),
            order=F("position") if has_position else Value(0, output_field=IntegerField()),
        )
        .values_list("relation", "first", "second", "order", "pk")
    )


def answer_codes(intake_pk, relations):
    """``{relation: [(first, second)]}`` for each of ``relations`` (names in
    ``ANSWER_CODE_COLUMNS``), read in one query (a ``UNION ALL`` of the tables): every
    step save, autosave, submit and step page reads several of them.

    Rows come in the order they were saved (medicines by position); the review shows
    choices in the form's order, whatever order they come in.
    """
    relations = tuple(relations)
    found = {relation: [] for relation in relations}
    if not relations:
        return found
    first, *rest = (_answer_codes_branch(relation, intake_pk) for relation in relations)
    rows = first.union(*rest, all=True) if rest else first
    for relation, code, other, _order, _pk in sorted(rows, key=lambda row: (row[3], row[4])):
        found[relation].append((code, other))
    return found


def instrument_wording(code):
    """The loaded wording for ``code`` (with its ``copyright_line``), or None."""
    return InstrumentWording.objects.filter(instrument=code).first()


def _enabled_wording():
    """The wording of every instrument switched on (one query: an instrument is
    offered only when it is switched on and has wording)."""
    on = InstrumentSetting.objects.filter(enabled=True).values("instrument")
    return InstrumentWording.objects.filter(instrument__in=on)


def _in_registry_order(by_code):
    return {code: by_code[code] for code in instruments.INSTRUMENTS if code in by_code}


def instruments_enabled():
    """Codes of the instruments switched on that have wording, in registry order."""
    return list(
        _in_registry_order(dict.fromkeys(_enabled_wording().values_list("instrument", flat=True)))
    )


def instrument_is_enabled(code):
    return code in instruments_enabled()


def _step_wording():
    """The wording of the step-7 questionnaires switched on (one query)."""
    return _enabled_wording().filter(instrument__in=STEP_QUESTIONNAIRES)


def questionnaire_wording_for_step():
    """``{code: wording}`` of the step-7 questionnaires switched on, in registry order,
    in one query (the step page and the review show their titles and items)."""
    return _in_registry_order({w.instrument: w for w in _step_wording()})


def questionnaire_versions_for_step():
    """``{code: wording version}`` of the step-7 questionnaires switched on, in registry
    order, in one query (a step-7 save stores the version each was answered in)."""
    return _in_registry_order(dict(_step_wording().values_list("instrument", "version")))


def patient_identity_matches(*, patient, first_name, date_of_birth):
    """The kiosk's "is it you?" check: first name (any case, spacing) and date of birth."""
    given = " ".join(str(first_name).split()).casefold()
    return given == " ".join(patient.first_name.split()).casefold() and (
        date_of_birth == patient.date_of_birth
    )


def intake_with_answers():
    """Intakes with the patient and every answer group loaded (for summaries)."""
    return Intake.objects.select_related("patient", "consent", "reviewed_by").prefetch_related(
        *INTAKE_ANSWER_PREFETCHES
    )


def intake_detail(*, pk):
    return intake_with_answers().get(pk=pk)


# What a queue row shows, read alone: an intake row is wide (about forty columns) and
# the queue lists many.
QUEUE_ROW_FIELDS = (
    "pk",
    "status",
    "warning_level",
    "emergency_released_at",
    "current_step",
    "submitted_at",
    "patient__id",
    "patient__first_name",
    "patient__last_name",
)


def intake_queue(*, statuses=(Intake.Status.SUBMITTED,), day=None):
    """Intakes for the practitioner queue: emergencies first, then urgent, then arrival.

    Only ``QUEUE_ROW_FIELDS`` are read; another field is read on first use, one query
    per row (the queue's pinned query count shows it).
    """
    queryset = (
        Intake.objects.select_related("patient").filter(status__in=statuses).only(*QUEUE_ROW_FIELDS)
    )
    if day is not None:
        queryset = queryset.filter(submitted_at__date=day)
    return queryset.order_by("-warning_level", "submitted_at", "pk")


def patient_intakes(*, patient, before=None):
    """The patient's submitted and reviewed intakes, oldest first, with their scores.

    ``before``: only intakes submitted before this intake (for "change since last time").
    """
    queryset = (
        Intake.objects.filter(
            patient=patient, status__in=[Intake.Status.SUBMITTED, Intake.Status.REVIEWED]
        )
        .select_related("patient")
        .prefetch_related(
            Prefetch(
                "questionnaires",
                queryset=QuestionnaireResponse.objects.filter(total__isnull=False),
            )
        )
        .order_by("submitted_at", "pk")
    )
    if before is not None:
        queryset = queryset.exclude(pk=before.pk)
        if before.submitted_at:
            queryset = queryset.filter(submitted_at__lt=before.submitted_at)
    return queryset


def intake_previous(*, intake):
    """The patient's most recent submitted intake before this one, or None."""
    earlier = list(patient_intakes(patient=intake.patient, before=intake))
    return earlier[-1] if earlier else None


def intake_scores(intake):
    """``{"nrs.leg_now": 6, ..., "odi": 34.0}``: the comparable scores of one intake.

    NRS ratings are keyed ``nrs.<rating>``; complete questionnaires by their code.
    Uses prefetched questionnaires when present.
    """
    scores = {
        f"nrs.{code}": getattr(intake, field)
        for code, field in PAIN_RATING_FIELDS.items()
        if getattr(intake, field) is not None
    }
    for response in intake.questionnaires.all():
        if response.total is not None:
            total = response.total
            scores[response.instrument] = int(total) if total == int(total) else float(total)
    return scores


def patient_score_history(*, patient):
    """``[(intake, scores)]`` oldest first, for trends and change since last time."""
    return [(intake, intake_scores(intake)) for intake in patient_intakes(patient=patient)]


def intake_findings(intake):
    """The intake's findings as stable codes with values (see ``intake.findings``).

    Works on any intake; with ``intake_with_answers()`` it runs no further queries.
    """
    questionnaires = {
        r.instrument: (r.total, r.band, r.subscore) for r in intake.questionnaires.all()
    }
    facts = IntakeFacts(
        intake_date=intake.intake_date,
        regions=[(r.side, r.region) for r in intake.regions.all()],
        symptoms=[s.kind for s in intake.symptoms.all()],
        qualities=[q.quality for q in intake.pain_qualities.all()],
        factors=[(f.factor, f.effect) for f in intake.factors.all()],
        risk_factors=[r.factor for r in intake.risk_factors.all()],
        treatments={t.treatment: t.outcome for t in intake.treatments.all()},
        pain={code: getattr(intake, field) for code, field in PAIN_RATING_FIELDS.items()},
        questionnaires=questionnaires,
        onset_date=intake.onset_date,
        onset_type=intake.onset_type,
        onset_after_injury=intake.onset_after_injury,
        course=intake.course,
        first_episode=intake.first_episode,
        injury_date=intake.injury_date,
        height_cm=intake.height_cm,
        weight_kg=intake.weight_kg,
        sits_long=intake.sits_long,
        manual_work=intake.manual_work,
        repetitive_activity=intake.repetitive_activity,
        warning_level=intake.warning_level,
        warning_signs=list(intake.warning_signs or []),
    )
    return build_findings(facts)


# Kiosk ---------------------------------------------------------------------------------


def kiosk_session_for_tablet(*, pk):
    """The tablet's kiosk session with its intake and patient, or None.

    Read on every kiosk request, by key: ``get`` needs no ORDER BY.
    """
    if not pk:
        return None
    try:
        return KioskSession.objects.select_related("intake__patient", "previsit_link").get(pk=pk)
    except KioskSession.DoesNotExist:
        return None


def kiosk_sessions_latest(*, intakes):
    """``{intake id: its newest KioskSession}`` in one query, for the staff board.

    Show ``session.state_label`` ("Waiting for the tablet", "On the tablet", ...),
    ``session.expires_at`` while waiting, and ``intake.current_step`` while in use.
    """
    ids = [getattr(intake, "pk", intake) for intake in intakes]
    latest = {}
    for session in KioskSession.objects.filter(intake_id__in=ids).order_by(
        "intake_id", "-created_at", "-pk"
    ):
        latest.setdefault(session.intake_id, session)
    return latest


def desk_pin_is_set():
    return DeskPin.objects.filter(pk=DeskPin.SINGLETON).exists()


def consent_text_current():
    """The consent text patients see now (the newest active version), or None."""
    return ConsentText.objects.filter(active=True).order_by("-created_at", "-pk").first()


def intake_submitted_with_token(*, token):
    """The submitted intake whose one-time submit token this is, or None."""
    try:
        token = uuid.UUID(str(token))
    except (TypeError, ValueError, AttributeError):
        return None
    return (
        Intake.objects.filter(submit_token=token)
        .exclude(status=Intake.Status.DRAFT)
        .only("pk", "status", "warning_level")
        .first()
    )
