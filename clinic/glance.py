"""The summary's header strip: what a clinician reads in ten seconds, from a ``Summary``
(``clinic.selectors.intake_summary``) and no further queries.

Where it hurts (each side's regions head to foot), how long, pain now and at worst,
each questionnaire's score with its band and change, the warning signs (raised, none,
or not answered), what was tried and whether it helped, and the goal in the patient's
words.
"""

from dataclasses import dataclass

from intake.vocabulary import (
    BodyRegion,
    Factor,
    FactorEffect,
    Side,
    Treatment,
    TreatmentOutcome,
)

# Head to foot: the order BodyRegion declares.
_REGION_ORDER = {code: index for index, code in enumerate(BodyRegion.values)}
# The order the kiosk asks about treatments.
_TREATMENT_ORDER = {code: index for index, code in enumerate(Treatment.values)}


@dataclass(frozen=True)
class SideRegions:
    side: str  # the side's label
    regions: tuple  # region labels, head to foot


@dataclass(frozen=True)
class Tried:
    label: str
    helped: bool


@dataclass(frozen=True)
class Glance:
    where: tuple  # SideRegions, left then right
    weeks: int | None
    onset_date: object
    leg_now: int | None
    leg_worst: int | None
    back_now: int | None
    scores: tuple  # the questionnaires' ScoreRows (the 0-10 ratings are above)
    warning_level: int
    warning_signs: tuple  # labels of the raised signs
    warning_total: int
    warning_answered: int
    acknowledged: bool
    tried: tuple  # Tried, in the order asked; "not tried" left out
    medicines: tuple
    goal: str

    @property
    def warnings_unanswered(self):
        return self.warning_total - self.warning_answered


def regions_by_side(regions):
    """``(SideRegions, ...)`` of an intake's region rows, each side head to foot."""
    by_side = {}
    for row in sorted(regions, key=lambda row: _REGION_ORDER.get(row.region, len(_REGION_ORDER))):
        by_side.setdefault(row.side, []).append(row.get_region_display())
    return tuple(
        SideRegions(side=side.label, regions=tuple(by_side[side.value]))
        for side in Side
        if side.value in by_side
    )


def treatments_tried(treatments):
    """``(Tried, ...)`` in the order asked; treatments marked "not tried" left out."""
    rows = sorted(treatments, key=lambda row: _TREATMENT_ORDER.get(row.treatment, 0))
    return tuple(
        Tried(label=row.get_treatment_display(), helped=row.outcome == TreatmentOutcome.HELPED)
        for row in rows
        if row.outcome != TreatmentOutcome.NOT_TRIED
    )


def factors_by_effect(factors):
    """``{"worse": [labels], "better": [labels]}`` in the order the kiosk lists them."""
    order = {code: index for index, code in enumerate(Factor.values)}
    grouped = {effect.value: [] for effect in FactorEffect}
    for row in sorted(factors, key=lambda row: order.get(row.factor, 0)):
        grouped[row.effect].append(row.get_factor_display())
    return grouped


def glance(summary):
    intake = summary.intake
    line = summary.warning_line
    return Glance(
        where=regions_by_side(intake.regions.all()),
        weeks=summary.findings.get("duration.weeks"),
        onset_date=intake.onset_date,
        leg_now=intake.leg_pain_now,
        leg_worst=intake.leg_pain_worst,
        back_now=intake.back_pain_now,
        scores=tuple(row for row in summary.scores if not row.key.startswith("nrs.")),
        warning_level=intake.warning_level,
        warning_signs=tuple(sign.label for sign in line.signs),
        warning_total=line.total,
        warning_answered=line.answered,
        acknowledged=summary.acknowledged,
        tried=treatments_tried(intake.treatments.all()),
        medicines=tuple(row.name for row in intake.medicines.all()),
        goal=intake.goals.strip(),
    )
