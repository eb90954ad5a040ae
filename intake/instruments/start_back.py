"""Keele STarT Back Tool: nine items; total 0-9 and a distress subscore (items 5-9).

Items 1-8: 1 agree, 0 disagree. Item 9 has five options, 0-4 (not at all, slightly,
moderately, very much, extremely); only the two worst (3 and 4) score a point.
Band: total <= 3 low; otherwise distress >= 4 high, else medium.
"""

from intake.instruments.base import Instrument, Item, Score

DISTRESS_ITEMS = (5, 6, 7, 8, 9)


def item_points(number, value):
    if number == 9:
        return 1 if value >= 3 else 0
    return value


def _score(answers):
    points = {number: item_points(number, value) for number, value in answers.items()}
    total = sum(points.values())
    distress = sum(points[n] for n in DISTRESS_ITEMS)
    if total <= 3:
        band = "low"
    elif distress >= 4:
        band = "high"
    else:
        band = "medium"
    return Score(total=total, band=band, subscore=distress)


INSTRUMENT = Instrument(
    code="start_back",
    name="STarT Back",
    version="1",
    copyright="STarT Back Screening Tool (c) Keele University. Wording used under the "
    "clinic's licence.",
    items=tuple(Item(number=n, key=f"item_{n}", values=(0, 1)) for n in range(1, 9))
    + (Item(number=9, key="item_9", values=(0, 1, 2, 3, 4)),),
    bands=("low", "medium", "high"),
    scorer=_score,
)
