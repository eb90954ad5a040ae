"""Oswestry Disability Index 2.1: ten sections 0-5, reported as a percentage.

total = sum / (5 x sections answered) x 100; a blank section drops out, and at least
one section must be answered. The band is decided on the exact percentage, each band
including its upper edge: <= 20 minimal, <= 40 moderate, <= 60 severe, <= 80 crippling,
above 80 bed_bound. So 20 is minimal and anything above 20 (20.5, 22.2) is moderate.
With at most ten sections no percentage lies within 2 points of an edge unless it is
exactly on it, so the total rounded to one decimal always shows the same band.
"""

from fractions import Fraction

from intake.instruments.base import Instrument, InstrumentError, Score, items

BANDS = (
    (20, "minimal"),
    (40, "moderate"),
    (60, "severe"),
    (80, "crippling"),
    (100, "bed_bound"),
)


def band(percentage):
    for upper, name in BANDS:
        if percentage <= upper:
            return name
    raise InstrumentError(f"Oswestry Disability Index: {percentage} is above 100%.")


def _score(answers):
    if not answers:
        raise InstrumentError(
            "Oswestry Disability Index: please answer at least one section to get a score."
        )
    exact = Fraction(sum(answers.values()) * 100, 5 * len(answers))
    total = int(exact) if exact.denominator == 1 else round(float(exact), 1)
    return Score(total=total, band=band(exact))


INSTRUMENT = Instrument(
    code="odi",
    name="Oswestry Disability Index",
    version="2.1",
    copyright="Oswestry Disability Index 2.1 (c) its copyright holders. Wording used "
    "under the clinic's licence.",
    items=items(10, range(6), key="section"),
    bands=tuple(name for _upper, name in BANDS),
    allows_missing=True,
    scorer=_score,
)
