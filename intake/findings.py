"""Findings: what an intake reported, as stable codes with values.

This is the one place the finding codes are defined. The staff side matches them to
education (``clinic.RecommendationRule``: a code, optionally a numeric threshold).
``intake.selectors.intake_findings(intake)`` returns them for a stored intake.

A code is present only when it has a value: yes/no findings appear (as ``True``)
only when true, so "absent" means "not reported". ``warning.level`` is always there.

Body and symptoms
- ``region.<region>`` -> sorted sides, e.g. ``["left", "right"]``; region codes in
  ``vocabulary.BodyRegion`` (lower_back, buttock, hip, thigh_front, thigh_back, knee,
  calf, shin, ankle, foot_top, foot_sole).
- ``region.below_knee`` -> True: a region below the knee is marked (calf, shin, ankle,
  foot top or sole), i.e. the pain travels down the leg.
- ``symptom.<kind>`` -> True, kinds: pain, numbness, tingling, weakness, stiffness.
- ``symptom.numbness_or_tingling`` -> True when numbness or tingling is reported.
- ``quality.<quality>`` -> True, qualities: sharp, aching, burning, shooting.
- ``aggravating.<factor>`` / ``easing.<factor>`` -> True, factors: sitting, standing,
  walking, bending, coughing_sneezing, lying_down.
- ``onset.type`` -> "sudden" | "gradual"; ``onset.after_injury`` -> True;
  ``course`` -> "better" | "same" | "worse"; ``first_episode`` -> True.
- ``duration.weeks`` -> whole weeks from the onset date to the intake date (int).
- ``duration.over_6_weeks`` -> True when more than 6 weeks (``duration.weeks`` > 6,
  i.e. 43 days or more).

Work, activity and body
- ``work.long_sitting`` -> True; ``work.manual`` -> True.
- ``activity.repetitive`` -> True: sport or repeated movements (step 1) or the
  risk factor ``repetitive_sport``.
- ``activity.repetitive_or_manual`` -> True: ``activity.repetitive`` or ``work.manual``.
- ``bmi`` -> body-mass index, one decimal (float), when height and weight are given.
- ``bmi.band`` -> "underweight" (< 18.5) | "healthy" (< 25) | "overweight" (< 30) |
  "obese" (>= 30).
- ``weight.concern`` -> True: BMI 30 or more, or the patient is worried about weight.

Risk factors
- ``risk.<factor>`` -> True, factors in ``vocabulary.RiskFactor``: injury_trauma,
  muscle_tightness, repetitive_sport, diabetes, arthritis, weight_concern,
  previous_disc_problem, osteoporosis, smoking. ``risk.injury_trauma`` is the
  injury date (ISO string) when one was given, else True.
- ``risk.medical_condition`` -> True: diabetes or arthritis.

Pain and questionnaires
- ``pain.leg_now``, ``pain.leg_average``, ``pain.leg_worst``, ``pain.back_now`` ->
  0-10 (int); ``pain.<rating>.band`` -> "none" | "mild" | "moderate" | "severe".
- ``pain.max`` -> the highest of the four (int); ``pain.severe`` -> True when 7+.
- ``score.<instrument>`` -> the stored total of a complete questionnaire (int; ODI a
  percentage, int or float), instruments: sbi, start_back, rmdq, odi.
- ``score.<instrument>.band`` -> its band (start_back: low/medium/high; odi:
  minimal/moderate/severe/crippling/bed_bound; rmdq: functional/dysfunctional; sbi:
  low/high).
- ``score.start_back.distress`` -> the distress subscore (int).

Treatments
- ``treatment.<code>`` -> "helped" | "not_helped" for each treatment tried
  (codes in ``vocabulary.Treatment``); not-tried treatments are absent.
- ``treatment.tried`` -> sorted codes of the treatments tried.
- ``treatment.conservative_tried`` -> True: a first-line treatment was tried (rest and
  physical therapy, stretching and nerve gliding, chiropractic, massage, medication,
  lifestyle).
- ``conservative_care.over_6_weeks`` -> True: ``duration.over_6_weeks`` and
  ``treatment.conservative_tried``; earlier care has not been enough.

Warning signs
- ``warning.level`` -> "none" | "urgent" | "emergency" (always present).
- ``warning.any`` -> True when any warning sign is present.
- ``warning.<sign>`` -> True for each sign (``vocabulary.WarningSign``).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from intake.instruments import nrs
from intake.vocabulary import (
    BELOW_KNEE_REGIONS,
    CONSERVATIVE_TREATMENTS,
    WARNING_LEVEL_CODES,
    RiskFactor,
    SymptomKind,
    TreatmentOutcome,
    WarningLevel,
)

SEVERE_PAIN = 7
LONG_DURATION_WEEKS = 6
OBESE_BMI = 30

# Every finding code, or code pattern, with a one-line description (for rule editors).
FINDING_CODES = {
    "region.<region>": "Body region marked; value: sides",
    "region.below_knee": "Pain or symptoms below the knee",
    "symptom.<kind>": "Symptom reported",
    "symptom.numbness_or_tingling": "Numbness or tingling",
    "quality.<quality>": "Pain quality",
    "aggravating.<factor>": "Makes it worse",
    "easing.<factor>": "Makes it better",
    "onset.type": "Sudden or gradual start",
    "onset.after_injury": "Started after an injury",
    "course": "Getting better, same or worse",
    "first_episode": "First time with this pain",
    "duration.weeks": "Weeks since it started",
    "duration.over_6_weeks": "Symptoms for more than 6 weeks",
    "work.long_sitting": "Long sitting",
    "work.manual": "Manual work",
    "activity.repetitive": "Sport or repeated movements",
    "activity.repetitive_or_manual": "Repeated movements, sport or manual work",
    "bmi": "Body-mass index",
    "bmi.band": "BMI band",
    "weight.concern": "BMI 30 or more, or worried about weight",
    "risk.<factor>": "Risk factor reported",
    "risk.medical_condition": "Diabetes or arthritis",
    "pain.<rating>": "Pain rating 0-10",
    "pain.<rating>.band": "Pain rating band",
    "pain.max": "Highest pain rating",
    "pain.severe": "A pain rating of 7 or more",
    "score.<instrument>": "Questionnaire total",
    "score.<instrument>.band": "Questionnaire band",
    "score.start_back.distress": "STarT Back distress subscore",
    "treatment.<code>": "Treatment tried and its outcome",
    "treatment.tried": "Treatments tried",
    "treatment.conservative_tried": "First-line care tried",
    "conservative_care.over_6_weeks": "Over 6 weeks and first-line care tried",
    "warning.level": "Warning level",
    "warning.any": "Any warning sign",
    "warning.<sign>": "Warning sign present",
}


@dataclass
class IntakeFacts:
    """The answers findings are computed from (gathered by the selector)."""

    intake_date: date
    regions: list = field(default_factory=list)  # (side, region) pairs
    symptoms: list = field(default_factory=list)
    qualities: list = field(default_factory=list)
    factors: list = field(default_factory=list)  # (factor, effect) pairs
    risk_factors: list = field(default_factory=list)
    treatments: dict = field(default_factory=dict)  # code -> outcome
    pain: dict = field(default_factory=dict)  # rating code -> 0-10
    questionnaires: dict = field(default_factory=dict)  # code -> (total, band, subscore)
    onset_date: date | None = None
    onset_type: str = ""
    onset_after_injury: bool | None = None
    course: str = ""
    first_episode: bool | None = None
    injury_date: date | None = None
    height_cm: int | None = None
    weight_kg: Decimal | float | None = None
    sits_long: bool | None = None
    manual_work: bool | None = None
    repetitive_activity: bool | None = None
    warning_level: int = WarningLevel.NONE
    warning_signs: list = field(default_factory=list)


def bmi(height_cm, weight_kg):
    if not height_cm or not weight_kg:
        return None
    metres = Decimal(height_cm) / 100
    return round(float(Decimal(str(weight_kg)) / (metres * metres)), 1)


def bmi_band(value):
    if value < 18.5:
        return "underweight"
    if value < 25:
        return "healthy"
    if value < OBESE_BMI:
        return "overweight"
    return "obese"


def _number(value):
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def build_findings(facts):
    """The findings dict for ``facts`` (see the module docstring)."""
    out = {}
    sides_by_region = {}
    for side, region in facts.regions:
        sides_by_region.setdefault(str(region), set()).add(str(side))
    for region, sides in sorted(sides_by_region.items()):
        out[f"region.{region}"] = sorted(sides)
    if set(sides_by_region) & set(BELOW_KNEE_REGIONS):
        out["region.below_knee"] = True

    symptoms = {str(kind) for kind in facts.symptoms}
    for kind in sorted(symptoms):
        out[f"symptom.{kind}"] = True
    if symptoms & {SymptomKind.NUMBNESS, SymptomKind.TINGLING}:
        out["symptom.numbness_or_tingling"] = True
    for quality in sorted(str(q) for q in facts.qualities):
        out[f"quality.{quality}"] = True
    for factor, effect in sorted(facts.factors):
        out[f"{'aggravating' if effect == 'worse' else 'easing'}.{factor}"] = True

    if facts.onset_type:
        out["onset.type"] = str(facts.onset_type)
    if facts.onset_after_injury:
        out["onset.after_injury"] = True
    if facts.course:
        out["course"] = str(facts.course)
    if facts.first_episode:
        out["first_episode"] = True
    weeks = None
    if facts.onset_date:
        weeks = max((facts.intake_date - facts.onset_date).days, 0) // 7
        out["duration.weeks"] = weeks
        if (facts.intake_date - facts.onset_date).days > LONG_DURATION_WEEKS * 7:
            out["duration.over_6_weeks"] = True

    risks = {str(code) for code in facts.risk_factors}
    if facts.sits_long:
        out["work.long_sitting"] = True
    if facts.manual_work:
        out["work.manual"] = True
    if facts.repetitive_activity or RiskFactor.REPETITIVE_SPORT in risks:
        out["activity.repetitive"] = True
    if out.get("activity.repetitive") or facts.manual_work:
        out["activity.repetitive_or_manual"] = True
    body_mass = bmi(facts.height_cm, facts.weight_kg)
    if body_mass is not None:
        out["bmi"] = body_mass
        out["bmi.band"] = bmi_band(body_mass)
    if (body_mass is not None and body_mass >= OBESE_BMI) or RiskFactor.WEIGHT_CONCERN in risks:
        out["weight.concern"] = True

    for code in sorted(risks):
        out[f"risk.{code}"] = True
    if RiskFactor.INJURY_TRAUMA in risks and facts.injury_date:
        out["risk.injury_trauma"] = facts.injury_date.isoformat()
    if risks & {RiskFactor.DIABETES, RiskFactor.ARTHRITIS}:
        out["risk.medical_condition"] = True

    ratings = {code: value for code, value in facts.pain.items() if value is not None}
    for code, value in ratings.items():
        out[f"pain.{code}"] = value
        out[f"pain.{code}.band"] = nrs.band(value)
    if ratings:
        out["pain.max"] = max(ratings.values())
        if out["pain.max"] >= SEVERE_PAIN:
            out["pain.severe"] = True

    for code, (total, band, subscore) in sorted(facts.questionnaires.items()):
        if total is None:
            continue
        out[f"score.{code}"] = _number(total)
        if band:
            out[f"score.{code}.band"] = band
        if code == "start_back" and subscore is not None:
            out["score.start_back.distress"] = subscore

    tried = {
        str(code): str(outcome)
        for code, outcome in facts.treatments.items()
        if outcome != TreatmentOutcome.NOT_TRIED
    }
    for code, outcome in sorted(tried.items()):
        out[f"treatment.{code}"] = outcome
    if tried:
        out["treatment.tried"] = sorted(tried)
    if set(tried) & set(CONSERVATIVE_TREATMENTS):
        out["treatment.conservative_tried"] = True
        if out.get("duration.over_6_weeks"):
            out["conservative_care.over_6_weeks"] = True

    out["warning.level"] = WARNING_LEVEL_CODES[WarningLevel(facts.warning_level)]
    if facts.warning_signs:
        out["warning.any"] = True
        for sign in facts.warning_signs:
            out[f"warning.{sign}"] = True
    return out
