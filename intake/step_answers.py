"""An intake's saved answers as each step's form data, and as a readable review.

The inverse of the step savers in ``intake.services``: the wizard fills its forms
from ``step_initial`` and the review page (step 10) lists ``review_sections``.
"""

import datetime
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from intake import instruments
from intake.forms import STEP_FORMS
from intake.selectors import ANSWER_CODE_COLUMNS, answer_codes
from intake.vocabulary import (
    STEP_CONSENT,
    STEP_QUESTIONNAIRES,
    STEP_REVIEW,
    STEP_TITLES,
    FactorEffect,
    region_key,
)


def _yes_no(value):
    return "" if value is None else ("true" if value else "false")


def _text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


# The answer tables each step's form is filled from (read by ``answer_codes``).
STEP_ANSWER_TABLES = {
    2: ("regions",),
    3: ("symptoms", "pain_qualities", "factors"),
    5: ("risk_factors",),
    6: ("warning_answers",),
    8: ("treatments", "medicines"),
}


def step_initial(intake, step, codes=None):
    """The saved answers of ``step`` as form data (step 7: ``{code: data}``).

    ``codes``: the intake's ``answer_codes`` when already read (the review reads every
    table at once); otherwise the step's tables are read here, in one query.
    """
    if codes is None:
        codes = answer_codes(intake.pk, STEP_ANSWER_TABLES.get(step, ()))
    if step == 1:
        return {
            "height_cm": _text(intake.height_cm),
            "weight_kg": _text(intake.weight_kg),
            "sits_long": _yes_no(intake.sits_long),
            "manual_work": _yes_no(intake.manual_work),
            "repetitive_activity": _yes_no(intake.repetitive_activity),
        }
    if step == 2:
        return {"regions": [region_key(side, region) for side, region in codes["regions"]]}
    if step == 3:
        factors = codes["factors"]
        return {
            "symptoms": [kind for kind, _blank in codes["symptoms"]],
            "pain_qualities": [quality for quality, _blank in codes["pain_qualities"]],
            "onset_date": _text(intake.onset_date),
            "onset_type": intake.onset_type,
            "onset_after_injury": _yes_no(intake.onset_after_injury),
            "first_episode": _yes_no(intake.first_episode),
            "course": intake.course,
            "worse_factors": [f for effect, f in factors if effect == FactorEffect.WORSE],
            "better_factors": [f for effect, f in factors if effect == FactorEffect.BETTER],
        }
    if step == 4:
        data = {
            name: _text(getattr(intake, name))
            for name in ("leg_pain_now", "leg_pain_average", "leg_pain_worst", "back_pain_now")
        }
        sbi = next((r for r in intake.questionnaires.all() if r.instrument == "sbi"), None)
        for number, value in (sbi.answers if sbi else {}).items():
            data[f"sbi_{number}"] = _text(value)
        return data
    if step == 5:
        return {
            "risk_factors": [factor for factor, _blank in codes["risk_factors"]],
            "injury_date": _text(intake.injury_date),
        }
    if step == 6:
        return {question: _yes_no(answer == "1") for question, answer in codes["warning_answers"]}
    if step == STEP_QUESTIONNAIRES:
        return {
            r.instrument: {f"item_{n}": _text(v) for n, v in r.answers.items()}
            for r in intake.questionnaires.all()
        }
    if step == 8:
        data = {f"treatment_{treatment}": outcome for treatment, outcome in codes["treatments"]}
        data["medicines"] = "\n".join(name for name, _blank in codes["medicines"])
        data["goals"] = intake.goals
        return data
    if step == STEP_CONSENT:
        consent = getattr(intake, "consent", None)
        if consent is None:
            return {}
        return {
            "text_version": consent.text_version,
            "agree": True,
            "typed_name": consent.typed_name,
            "signature": consent.signature,
        }
    return {}


def _review_fields(step):
    """``[(name, label, choices)]`` of a step's form as the review lists it."""
    fields = []
    for name, field in STEP_FORMS[step]().fields.items():
        if field.widget.is_hidden or name == "agree":
            continue
        fields.append((name, field.label, tuple(getattr(field, "choices", None) or ())))
    return tuple(fields)


def _display(choices, value):
    """A field's saved value as words, or "" when unanswered; several choices in the
    form's order."""
    if value in ("", None, []):
        return ""
    labels = dict(choices)
    if isinstance(value, list):
        chosen = set(value)
        words = [str(label) for code, label in choices if code in chosen]
        words += [str(v) for v in value if v not in labels]
        return ", ".join(words)
    if choices:
        return str(labels.get(value, value))
    try:
        return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    except (TypeError, ValueError):
        return str(value)


def _rows(step, data):
    rows = []
    for name, label, choices in _review_fields(step):
        shown = _display(choices, data.get(name))
        if shown:
            rows.append((label, shown))
    return rows


def _answered(code, data):
    """``(answered, total)`` items of questionnaire ``code``."""
    items = instruments.get(code).items
    answered = sum(1 for item in items if data.get(f"item_{item.number}", "") != "")
    return answered, len(items)


def review_sections(intake, *, wordings=None):
    """``[{step, title, rows: [(question, answer)]}]`` for steps 1-9.

    ``wordings``: the switched-on step-7 questionnaires' wording by code, in the order
    shown (``questionnaire_wording_for_step``). The answer tables are read in one query;
    questionnaire responses and consent from the intake (prefetch them).
    """
    wordings = wordings or {}
    codes = answer_codes(intake.pk, ANSWER_CODE_COLUMNS)
    sections = []
    for step in range(1, STEP_REVIEW):
        data = step_initial(intake, step, codes)
        if step == STEP_QUESTIONNAIRES:
            rows = []
            for code, wording in wordings.items():
                answered, total = _answered(code, data.get(code, {}))
                rows.append(
                    (
                        wording.title,
                        _("%(answered)s of %(total)s questions answered")
                        % {"answered": answered, "total": total},
                    )
                )
        else:
            rows = _rows(step, data)
            if step == STEP_CONSENT and data:
                rows.append((_("I agree to the consent text"), _("Yes")))
                if data.get("signature"):
                    rows.append((_("Signature"), _("Signed on the screen")))
        sections.append({"step": step, "title": STEP_TITLES[step], "rows": rows})
    return sections
