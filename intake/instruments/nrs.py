"""Numeric pain rating scale, 0-10, one item per rating (leg now, average, worst; back now)."""

from intake.instruments.base import Instrument, Item, Score


def band(value):
    """0 none, 1-3 mild, 4-6 moderate, 7-10 severe."""
    if value == 0:
        return "none"
    if value <= 3:
        return "mild"
    if value <= 6:
        return "moderate"
    return "severe"


def _score(answers):
    value = answers[1]
    return Score(total=value, band=band(value))


INSTRUMENT = Instrument(
    code="nrs",
    name="Pain rating (0-10)",
    version="1",
    copyright="Wording written by NerveDesk; the 0-10 numeric rating scale is in the public "
    "domain.",
    items=(Item(number=1, key="pain", values=tuple(range(11))),),
    bands=("none", "mild", "moderate", "severe"),
    own_wording=True,
    scorer=_score,
)
