"""An intake's saved answers as each step's form data, and as a readable review.

The inverse of the step savers in ``intake.services``: the wizard fills its forms
from ``step_initial`` and the review page (step 10) lists ``review_sections``.
"""

import datetime
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from intake.forms import STEP_FORMS, QuestionnaireForm
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


def step_initial(intake, step):
    """The saved answers of ``step`` as form data (step 7: ``{code: data}``)."""
    if step == 1:
        return {
            "height_cm": _text(intake.height_cm),
            "weight_kg": _text(intake.weight_kg),
            "sits_long": _yes_no(intake.sits_long),
            "manual_work": _yes_no(intake.manual_work),
            "repetitive_activity": _yes_no(intake.repetitive_activity),
        }
    if step == 2:
        return {"regions": [region_key(r.side, r.region) for r in intake.regions.all()]}
    if step == 3:
        factors = list(intake.factors.all())
        return {
            "symptoms": [s.kind for s in intake.symptoms.all()],
            "pain_qualities": [q.quality for q in intake.pain_qualities.all()],
            "onset_date": _text(intake.onset_date),
            "onset_type": intake.onset_type,
            "onset_after_injury": _yes_no(intake.onset_after_injury),
            "first_episode": _yes_no(intake.first_episode),
            "course": intake.course,
            "worse_factors": [f.factor for f in factors if f.effect == FactorEffect.WORSE],
            "better_factors": [f.factor for f in factors if f.effect == FactorEffect.BETTER],
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
            "risk_factors": [r.factor for r in intake.risk_factors.all()],
            "injury_date": _text(intake.injury_date),
        }
    if step == 6:
        return {a.question: _yes_no(a.answer) for a in intake.warning_answers.all()}
    if step == STEP_QUESTIONNAIRES:
        return {
            r.instrument: {f"item_{n}": _text(v) for n, v in r.answers.items()}
            for r in intake.questionnaires.all()
        }
    if step == 8:
        data = {f"treatment_{t.treatment}": t.outcome for t in intake.treatments.all()}
        data["medicines"] = "\n".join(m.name for m in intake.medicines.all())
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


def _display(field, value):
    """A field's saved value as words, or "" when unanswered."""
    if value in ("", None, []):
        return ""
    choices = dict(getattr(field, "choices", None) or [])
    if isinstance(value, list):
        return ", ".join(str(choices.get(v, v)) for v in value)
    if choices:
        return str(choices.get(value, value))
    try:
        return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    except (TypeError, ValueError):
        return str(value)


def _rows(form, data):
    rows = []
    for name, field in form.fields.items():
        if field.widget.is_hidden or name == "agree":
            continue
        shown = _display(field, data.get(name))
        if shown:
            rows.append((field.label, shown))
    return rows


def review_sections(intake, *, questionnaires=(), wordings=None):
    """``[{step, title, rows: [(question, answer)]}]`` for steps 1-9.

    ``questionnaires``: the switched-on step-7 codes; ``wordings``: their wording by code.
    """
    wordings = wordings or {}
    sections = []
    for step in range(1, STEP_REVIEW):
        data = step_initial(intake, step)
        if step == STEP_QUESTIONNAIRES:
            rows = []
            for code in questionnaires:
                form = QuestionnaireForm(instrument_code=code, wording=wordings.get(code))
                answered = _rows(form, data.get(code, {}))
                title = wordings[code].title if code in wordings else code
                rows.append(
                    (
                        title,
                        _("%(answered)s of %(total)s questions answered")
                        % {"answered": len(answered), "total": len(form.fields)},
                    )
                )
        else:
            rows = _rows(STEP_FORMS[step](), data)
            if step == STEP_CONSENT and data:
                rows.append((_("I agree to the consent text"), _("Yes")))
                if data.get("signature"):
                    rows.append((_("Signature"), _("Signed on the screen")))
        sections.append({"step": step, "title": STEP_TITLES[step], "rows": rows})
    return sections
