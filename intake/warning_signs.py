"""Warning-sign (red flag) evaluation: which signs an intake shows and how urgent.

Pure: it reads plain answers, never the database (``intake.services`` gathers them
and stores the result on the intake at every step save and on submit).

Rules (clinical-content.md):
- Each warning question answered yes raises its sign; emergency signs (possible
  cauda equina syndrome) make the level ``emergency``, any other sign ``urgent``.
- ``both_legs`` is also raised when the body map marks leg regions (thigh down)
  on both the left and the right side.
- A small fall counts only with osteoporosis (``minor_fall_osteoporosis``); a bad
  fall counts on its own.
- ``first_episode_age``: the patient said this is the first time they have had such
  pain (``first_episode`` answered yes) and their age on the intake date, from the
  date of birth, is under 20 or over 50 (19 and 51 count; 20 and 50 do not). An
  unanswered "first time?" question raises nothing: we do not guess.
"""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from intake.vocabulary import (
    EMERGENCY_SIGNS,
    LEG_REGIONS,
    WARNING_LEVEL_CODES,
    RiskFactor,
    Side,
    WarningLevel,
    WarningQuestion,
    WarningSign,
)

YOUNG_AGE_BELOW = 20
OLD_AGE_ABOVE = 50

# Questions whose yes raises the sign of the same code.
DIRECT_QUESTIONS = frozenset(WarningQuestion.values) - {WarningQuestion.MINOR_FALL}
# The sign a question's yes can raise (a small fall: only with osteoporosis).
QUESTION_SIGNS = {
    **{str(code): str(code) for code in DIRECT_QUESTIONS},
    str(WarningQuestion.MINOR_FALL): str(WarningSign.MINOR_FALL_OSTEOPOROSIS),
}
# The order signs are stored and shown in: the vocabulary's, emergencies first (read
# once: Django builds ``WarningSign.values`` anew on each access).
SIGN_ORDER = tuple(str(code) for code in WarningSign.values)


@dataclass(frozen=True)
class WarningResult:
    level: int
    signs: tuple[str, ...]

    @property
    def level_code(self):
        return WARNING_LEVEL_CODES[WarningLevel(self.level)]

    @property
    def is_emergency(self):
        return self.level == WarningLevel.EMERGENCY


def _minor_fall_with_osteoporosis(answers, risk_factors):
    return answers.get(WarningQuestion.MINOR_FALL) is True and RiskFactor.OSTEOPOROSIS in set(
        risk_factors
    )


def _legs_on_both_sides(regions):
    leg_sides = {side for side, region in regions if region in LEG_REGIONS}
    return {Side.LEFT, Side.RIGHT} <= leg_sides


def _first_episode_at_risk_age(first_episode, age):
    return (
        first_episode is True and age is not None and (age < YOUNG_AGE_BELOW or age > OLD_AGE_ABOVE)
    )


def evaluate(*, answers, age=None, first_episode=None, risk_factors=(), regions=()):
    """Evaluate warning signs.

    answers: {question code: bool} for the questions answered so far.
    age: whole years on the intake date, or None if unknown.
    first_episode: the patient's "first time?" answer (True, False or None).
    risk_factors: codes of the risk factors reported.
    regions: (side, region) pairs marked on the body map.
    """
    signs = {code for code, yes in answers.items() if yes is True and code in DIRECT_QUESTIONS}
    if _minor_fall_with_osteoporosis(answers, risk_factors):
        signs.add(WarningSign.MINOR_FALL_OSTEOPOROSIS)
    if _legs_on_both_sides(regions):
        signs.add(WarningSign.BOTH_LEGS)
    if _first_episode_at_risk_age(first_episode, age):
        signs.add(WarningSign.FIRST_EPISODE_AGE)

    if signs & EMERGENCY_SIGNS:
        level = WarningLevel.EMERGENCY
    elif signs:
        level = WarningLevel.URGENT
    else:
        level = WarningLevel.NONE
    ordered = tuple(code for code in SIGN_ORDER if code in signs)
    return WarningResult(level=int(level), signs=ordered)


def sign_reasons(*, answers, age=None, first_episode=None, risk_factors=(), regions=()):
    """Why each sign raised from other steps than a direct yes is raised.

    Same inputs as ``evaluate()``. Returns ``{sign code: reason}`` (a lazily translated
    string, placeholders filled) in the signs' order, for:

    - ``both_legs`` from leg regions on both sides of the body map, unless the patient
      answered the both-legs question yes (the answer is then the reason);
    - ``first_episode_age``: "first episode, age N";
    - ``minor_fall_osteoporosis``: a small fall (step 6) with osteoporosis (step 5).

    A sign answered yes directly has no entry: its yes is its reason.
    """
    reasons = {}
    if _legs_on_both_sides(regions) and answers.get(WarningQuestion.BOTH_LEGS) is not True:
        reasons[str(WarningSign.BOTH_LEGS)] = _("leg areas marked on both sides of the body map")
    if _first_episode_at_risk_age(first_episode, age):
        reasons[str(WarningSign.FIRST_EPISODE_AGE)] = format_lazy(
            _("first episode, age {age}"), age=age
        )
    if _minor_fall_with_osteoporosis(answers, risk_factors):
        reasons[str(WarningSign.MINOR_FALL_OSTEOPOROSIS)] = _("a small fall, with osteoporosis")
    return {code: reasons[code] for code in SIGN_ORDER if code in reasons}
