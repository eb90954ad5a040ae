"""Every write to intake data: keyword-only, atomic, validating, returning the object.

Validation failures raise ``django.core.exceptions.ValidationError`` with a dict of
field name -> messages (the names of the step's form fields), so the wizard can show
each message next to its field. A submitted intake is never edited in place: the
services refuse with ``IntakeLocked``; a correction starts a new intake that
``supersedes`` the old one (``intake_correction_start``).
"""

import hashlib
import json
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake import instruments
from intake.forms import STEP_FORMS, PatientForm, QuestionnaireForm
from intake.instruments.wording import validate_wording
from intake.models import (
    InstrumentSetting,
    InstrumentWording,
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
from intake.selectors import (
    answer_codes,
    instrument_is_enabled,
    questionnaire_versions_for_step,
)
from intake.vocabulary import (
    STEP_COUNT,
    STEP_QUESTIONNAIRES,
    FactorEffect,
    WarningLevel,
    split_region_key,
)
from intake.warning_signs import evaluate


class IntakeLocked(ValidationError):
    """The intake is no longer a draft, so its answers cannot change."""

    def __init__(self):
        super().__init__(
            _("This intake has been submitted and can no longer be changed."),
            code="intake_locked",
        )


def _form_errors(form):
    return ValidationError(form.errors.as_data())


# Patients ----------------------------------------------------------------------------


@transaction.atomic
def patient_create(
    *, first_name, last_name, date_of_birth, chart_number, phone="", email=""
) -> Patient:
    """Create a patient after validating (dates, lengths, unique chart number)."""
    form = PatientForm(
        data={
            "first_name": first_name,
            "last_name": last_name,
            "date_of_birth": date_of_birth,
            "chart_number": chart_number,
            "phone": phone,
            "email": email,
        }
    )
    if not form.is_valid():
        raise _form_errors(form)
    return form.save()


@transaction.atomic
def patient_update(*, patient, **changes) -> Patient:
    """Change some of a patient's details; unknown field names are refused."""
    allowed = set(PatientForm.Meta.fields)
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            {name: _("This detail cannot be changed here.") for name in sorted(unknown)},
            code="unknown_field",
        )
    data = {name: getattr(patient, name) for name in allowed} | changes
    form = PatientForm(data=data, instance=patient)
    if not form.is_valid():
        raise _form_errors(form)
    return form.save()


# Intakes -----------------------------------------------------------------------------


@transaction.atomic
def intake_start(*, patient, started_by=None) -> Intake:
    """The patient's open draft if there is one (resume), else a new draft."""
    Patient.objects.select_for_update().filter(pk=patient.pk).first()
    draft = Intake.objects.filter(patient=patient, status=Intake.Status.DRAFT).first()
    if draft:
        return draft
    return Intake.objects.create(patient=patient, started_by=started_by)


def _lock_draft(intake):
    locked = Intake.objects.select_for_update().select_related("patient").get(pk=intake.pk)
    if locked.status != Intake.Status.DRAFT:
        raise IntakeLocked()
    return locked


def _replace(model, intake, rows):
    model.objects.filter(intake=intake).delete()
    model.objects.bulk_create([model(intake=intake, **row) for row in rows])


def _save_about_you(intake, form):
    for name in ("height_cm", "weight_kg", "sits_long", "manual_work", "repetitive_activity"):
        setattr(intake, name, form.cleaned_data[name])


def _save_where(intake, form):
    pairs = [split_region_key(key) for key in form.cleaned_data["regions"]]
    _replace(IntakeRegion, intake, [{"side": side, "region": region} for side, region in pairs])


def _save_feels_like(intake, form):
    data = form.cleaned_data
    for name in ("onset_date", "onset_type", "onset_after_injury", "course", "first_episode"):
        setattr(intake, name, data[name])
    _replace(IntakeSymptom, intake, [{"kind": kind} for kind in dict.fromkeys(data["symptoms"])])
    _replace(IntakePainQuality, intake, [{"quality": q} for q in data["pain_qualities"]])
    factors = [{"factor": f, "effect": FactorEffect.WORSE} for f in data["worse_factors"]]
    factors += [{"factor": f, "effect": FactorEffect.BETTER} for f in data["better_factors"]]
    _replace(IntakeFactor, intake, factors)


def _save_how_bad(intake, form):
    for name in form.RATING_FIELDS:
        setattr(intake, name, form.cleaned_data[name])
    _questionnaires_replace(intake, {"sbi": form.sbi_answers()})


def _save_risk_factors(intake, form):
    intake.injury_date = form.cleaned_data["injury_date"]
    codes = dict.fromkeys(form.cleaned_data["risk_factors"])
    _replace(IntakeRiskFactor, intake, [{"factor": code} for code in codes])


def _save_warning_signs(intake, form):
    rows = [{"question": code, "answer": value} for code, value in form.answers().items()]
    _replace(IntakeWarningAnswer, intake, rows)


def _save_tried(intake, form):
    outcomes = form.outcomes()
    _replace(IntakeTreatment, intake, [{"treatment": t, "outcome": o} for t, o in outcomes.items()])
    medicines = form.cleaned_data["medicines"]
    _replace(IntakeMedicine, intake, [{"name": n, "position": i} for i, n in enumerate(medicines)])
    intake.goals = form.cleaned_data["goals"]


def _save_consent(intake, form):
    data = form.cleaned_data
    IntakeConsent.objects.update_or_create(
        intake=intake,
        defaults={
            "text_version": data["text_version"],
            "typed_name": data["typed_name"],
            "signature": data["signature"],
            "consented_at": timezone.now(),
        },
    )


STEP_SAVERS = {
    1: _save_about_you,
    2: _save_where,
    3: _save_feels_like,
    4: _save_how_bad,
    5: _save_risk_factors,
    6: _save_warning_signs,
    8: _save_tried,
    9: _save_consent,
    10: lambda intake, form: None,
}


def _save_questionnaires_step(intake, data):
    """Step 7: one form per switched-on questionnaire, fields prefixed by its code."""
    errors = {}
    forms = []
    versions = questionnaire_versions_for_step()
    for code in versions:
        form = QuestionnaireForm(data=data, prefix=code, instrument_code=code, intake=intake)
        if form.is_valid():
            forms.append(form)
        else:
            errors.update({f"{code}-{name}": errs for name, errs in form.errors.as_data().items()})
    if errors:
        raise ValidationError(errors)
    _questionnaires_replace(
        intake, {form.instrument.code: form.answers() for form in forms}, versions=versions
    )


@transaction.atomic
def intake_step_save(*, intake, step, data, next_step=None) -> Intake:
    """Validate and store one wizard step's answers, replacing that step's earlier ones.

    ``data`` is the whole step's form data (a QueryDict or a dict of field -> value;
    multiple choices as lists); whatever the step's form does not receive is cleared.
    ``current_step`` becomes ``next_step`` when given (the patient moves on), else
    ``step``. Warning signs are re-evaluated and stored on the intake at once.
    """
    if not isinstance(step, int) or not 1 <= step <= STEP_COUNT:
        raise ValidationError({"step": _("There is no such step.")}, code="invalid_step")
    if next_step is not None and (
        not isinstance(next_step, int) or not 1 <= next_step <= STEP_COUNT
    ):
        raise ValidationError({"next_step": _("There is no such step.")}, code="invalid_step")
    intake = _lock_draft(intake)
    if step == STEP_QUESTIONNAIRES:
        _save_questionnaires_step(intake, data)
    else:
        form = STEP_FORMS[step](data=data, intake=intake)
        if not form.is_valid():
            raise _form_errors(form)
        STEP_SAVERS[step](intake, form)
    intake.current_step = next_step or step
    intake.furthest_step = max(intake.furthest_step, intake.current_step, step)
    intake.last_saved_at = timezone.now()
    refresh_warnings(intake)
    intake.save()
    return intake


WARNING_INPUTS = ("warning_answers", "risk_factors", "regions")


def _warning_inputs(intake):
    """The intake's warning answers, risk factors and body-map regions, in one query.

    ``(answers {question: bool}, risk factors [code], regions [(side, region)])``.
    """
    found = answer_codes(intake.pk, WARNING_INPUTS)
    return (
        {question: value == "1" for question, value in found["warning_answers"]},
        [factor for factor, _blank in found["risk_factors"]],
        found["regions"],
    )


def refresh_warnings(intake):
    """Evaluate and set (not save) the intake's warning level and signs."""
    answers, risk_factors, regions = _warning_inputs(intake)
    result = evaluate(
        answers=answers,
        age=intake.patient_age,
        first_episode=intake.first_episode,
        risk_factors=risk_factors,
        regions=regions,
    )
    intake.warning_level = result.level
    intake.warning_signs = list(result.signs)
    if result.level > WarningLevel.NONE and intake.warning_flagged_at is None:
        intake.warning_flagged_at = timezone.now()
    return result


def _scored_response(intake, code, answers, wording_version):
    """An unsaved response of questionnaire ``code``: its answers checked and, once
    complete, scored."""
    instrument = instruments.get(code)
    try:
        cleaned = instrument.clean_answers(answers, complete=False)
    except instruments.InstrumentError as error:
        raise ValidationError({"answers": [str(error)]}, code="invalid_answers") from None
    total = band = subscore = None
    complete = bool(cleaned) if instrument.allows_missing else len(cleaned) == len(instrument.items)
    if complete:
        result = instrument.score(cleaned)
        total, band, subscore = Decimal(str(result.total)), result.band or "", result.subscore
    return QuestionnaireResponse(
        intake=intake,
        instrument=code,
        version=instrument.version,
        wording_version=wording_version,
        answers={str(number): value for number, value in sorted(cleaned.items())},
        total=total,
        band=band or "",
        subscore=subscore,
    )


# What saving a questionnaire again changes (its first save's created_at stays).
RESPONSE_FIELDS = ["version", "wording_version", "answers", "total", "band", "subscore"]


def _questionnaires_save(intake, answers_by_code, versions=None):
    """Store questionnaires' answers, ``{code: {item number: value}}``, each checked and
    scored, with the wording version shown: one query for the versions (unless given,
    ``{code: version}``) and one upsert (``INSERT ... ON CONFLICT (intake, questionnaire)
    DO UPDATE``) for all of them.

    Step 7 saves three or four questionnaires at once; one by one (a wording query and
    an ``update_or_create``, five statements each) they were half of its statements.
    """
    if versions is None:
        versions = dict(
            InstrumentWording.objects.filter(instrument__in=list(answers_by_code)).values_list(
                "instrument", "version"
            )
        )
    responses = [
        _scored_response(intake, code, answers, versions.get(code, ""))
        for code, answers in answers_by_code.items()
    ]
    return QuestionnaireResponse.objects.bulk_create(
        responses,
        update_conflicts=True,
        unique_fields=["intake", "instrument"],
        update_fields=[*RESPONSE_FIELDS, "updated_at"],
    )


def _questionnaires_replace(intake, answers_by_code, versions=None):
    """A step's questionnaires: those with answers stored, those left empty removed."""
    filled = {code: answers for code, answers in answers_by_code.items() if answers}
    emptied = [code for code in answers_by_code if code not in filled]
    if emptied:
        QuestionnaireResponse.objects.filter(intake=intake, instrument__in=emptied).delete()
    if filled:
        _questionnaires_save(intake, filled, versions=versions)


@transaction.atomic
def questionnaire_response_save(*, intake, instrument, answers) -> QuestionnaireResponse:
    """Store one questionnaire's answers (``{item number: value}``), scored once complete.

    Partial answers are kept (a draft); the total and band are filled in when every
    required item is answered. Only switched-on questionnaires can be answered.
    """
    try:
        instruments.get(instrument)
    except instruments.InstrumentError as error:
        raise ValidationError({"instrument": [str(error)]}, code="unknown_instrument") from None
    if not instrument_is_enabled(instrument):
        raise ValidationError(
            {"instrument": _("This questionnaire is switched off at this clinic.")},
            code="instrument_off",
        )
    locked = _lock_draft(intake)
    (response,) = _questionnaires_save(locked, {instrument: answers})
    # The upsert's object carries this save's times; the row keeps its first created_at.
    response.refresh_from_db()
    locked.last_saved_at = timezone.now()
    locked.save(update_fields=["last_saved_at", "updated_at"])
    return response


@transaction.atomic
def intake_mark_reviewed(*, intake, by) -> Intake:
    """Record that a practitioner has reviewed a submitted intake."""
    locked = Intake.objects.select_for_update().get(pk=intake.pk)
    if locked.status != Intake.Status.SUBMITTED:
        raise ValidationError(
            _("Only a submitted intake that is not yet reviewed can be marked reviewed."),
            code="not_submitted",
        )
    locked.status = Intake.Status.REVIEWED
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = by
    locked.save()
    return locked


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
)
COPIED_FIELDS = [
    "height_cm",
    "weight_kg",
    "sits_long",
    "manual_work",
    "repetitive_activity",
    "onset_date",
    "onset_type",
    "onset_after_injury",
    "course",
    "first_episode",
    "leg_pain_now",
    "leg_pain_average",
    "leg_pain_worst",
    "back_pain_now",
    "injury_date",
    "goals",
]


@transaction.atomic
def intake_correction_start(*, intake, started_by=None) -> Intake:
    """A new draft that corrects a submitted intake, starting from a copy of its answers.

    The original stays as it was; the copy ``supersedes`` it and needs fresh consent
    and its own submit.
    """
    original = Intake.objects.select_for_update().get(pk=intake.pk)
    if original.status == Intake.Status.DRAFT:
        raise ValidationError(_("A draft can be changed directly."), code="is_draft")
    if Intake.objects.filter(patient=original.patient, status=Intake.Status.DRAFT).exists():
        raise ValidationError(
            _("This patient already has an unfinished intake."), code="draft_exists"
        )
    copy = Intake.objects.create(
        patient=original.patient,
        started_by=started_by,
        supersedes=original,
        **{name: getattr(original, name) for name in COPIED_FIELDS},
    )
    for model in CHILD_MODELS:
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if f.name not in {"id", "intake", "created_at", "updated_at"}
        ]
        model.objects.bulk_create(
            model(intake=copy, **{name: getattr(row, name) for name in fields})
            for row in model.objects.filter(intake=original)
        )
    refresh_warnings(copy)
    copy.save()
    return copy


# Questionnaire wording and switches ------------------------------------------------


def _checksum(clean):
    return hashlib.sha256(json.dumps(clean, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def instrument_wording_load(*, instrument, data, enable=None) -> InstrumentWording:
    """Load (or replace) an instrument's wording from a wording file's parsed JSON.

    The content is validated against the instrument (``intake.instruments.wording``);
    loading identical content again changes nothing. ``enable`` True/False also
    switches the instrument on or off.
    """
    try:
        clean = validate_wording(instruments.get(instrument), data)
    except instruments.InstrumentError as error:
        raise ValidationError(str(error), code="invalid_wording") from None
    checksum = _checksum(clean)
    wording = InstrumentWording.objects.filter(instrument=instrument).first()
    if wording is None or wording.checksum != checksum:
        wording, _created = InstrumentWording.objects.update_or_create(
            instrument=instrument,
            defaults={
                "version": clean["version"],
                "language": clean["language"],
                "title": clean["title"],
                "instructions": clean["instructions"],
                "copyright": clean["copyright"],
                "is_sample": clean["sample"],
                "notice": clean["notice"],
                "items": clean["items"],
                "checksum": checksum,
            },
        )
    if enable is not None:
        instrument_setting_set(instrument=instrument, enabled=enable)
    return wording


@transaction.atomic
def instrument_setting_set(*, instrument, enabled) -> InstrumentSetting:
    """Switch an instrument on or off; on needs its wording loaded."""
    setting = InstrumentSetting.objects.filter(instrument=instrument).first() or (
        InstrumentSetting(instrument=instrument)
    )
    if setting.pk and setting.enabled == enabled:
        return setting
    setting.enabled = enabled
    setting.full_clean()
    setting.save()
    return setting
