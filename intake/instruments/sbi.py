"""Sciatica Bothersomeness Index: four items 0-6, summed 0-24, higher is worse, no bands."""

from intake.instruments.base import Instrument, Item, Score

KEYS = ("leg_pain", "numbness_tingling", "weakness", "pain_sitting")


def _score(answers):
    return Score(total=sum(answers.values()))


INSTRUMENT = Instrument(
    code="sbi",
    name="Sciatica Bothersomeness Index",
    version="1",
    copyright="Wording written by NerveDesk in plain language after the Sciatica "
    "Bothersomeness Index (Patrick et al., 1995).",
    items=tuple(
        Item(number=n, key=key, values=tuple(range(7))) for n, key in enumerate(KEYS, start=1)
    ),
    own_wording=True,
    scorer=_score,
)
