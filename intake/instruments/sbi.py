"""Sciatica Bothersomeness Index: four items 0-6, summed 0-24, higher is worse.

Band: 6 or less "low", 7 or more "high": the cut-off of Haugen et al. (2011) between
patients who rated themselves recovered or much better and those who did not (6.5).
"""

from intake.instruments.base import Instrument, Item, Score

KEYS = ("leg_pain", "numbness_tingling", "weakness", "pain_sitting")
# The highest total still read as a good state.
LOW_UP_TO = 6


def _score(answers):
    total = sum(answers.values())
    return Score(total=total, band="low" if total <= LOW_UP_TO else "high")


INSTRUMENT = Instrument(
    code="sbi",
    name="Sciatica Bothersomeness Index",
    version="1",
    copyright="Wording written by NerveDesk in plain language after the Sciatica "
    "Bothersomeness Index (Patrick et al., 1995).",
    items=tuple(
        Item(number=n, key=key, values=tuple(range(7))) for n, key in enumerate(KEYS, start=1)
    ),
    bands=("low", "high"),
    own_wording=True,
    scorer=_score,
)
