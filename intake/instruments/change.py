"""Whether a change in a score between two intakes is one that matters.

Thresholds (clinical-content.md): NRS 2 points or 30%, ODI 10 points, RMDQ 3 points
or 30%. Percentages are of the earlier score; with an earlier score of 0 only the
points count. Higher is worse on every scale, so a fall is an improvement.
"""

from dataclasses import dataclass
from fractions import Fraction

from intake.instruments.base import UnknownInstrumentError

# code -> (points, percent or None)
THRESHOLDS = {
    "nrs": (2, 30),
    "odi": (10, None),
    "rmdq": (3, 30),
}


@dataclass(frozen=True)
class Change:
    before: float
    after: float
    delta: float
    # "better", "worse" or "same"
    direction: str
    # False also when the instrument has no agreed threshold.
    matters: bool


def change(code, before, after):
    """The change from ``before`` to ``after`` on instrument ``code``."""
    from intake.instruments import INSTRUMENTS

    if code not in INSTRUMENTS:
        raise UnknownInstrumentError(f"There is no questionnaire called {code!r}.")
    before_f, after_f = Fraction(str(before)), Fraction(str(after))
    delta = after_f - before_f
    direction = "same" if delta == 0 else ("worse" if delta > 0 else "better")
    matters = False
    if code in THRESHOLDS and delta:
        points, percent = THRESHOLDS[code]
        matters = abs(delta) >= points
        if not matters and percent is not None and before_f > 0:
            matters = abs(delta) * 100 >= percent * before_f
    return Change(
        before=before,
        after=after,
        delta=float(delta) if delta.denominator != 1 else int(delta),
        direction=direction,
        matters=matters,
    )
