"""Roland-Morris Disability Questionnaire: 24 yes (1) / no (0) items; total = count of yes.

Band: 4 or less "functional", 5 or more "dysfunctional": the threshold of Stratford and
Riddle (2016) that best separated patients who met their goals from those who did not.
"""

from intake.instruments.base import Instrument, Score, items

# The highest total still read as functional.
FUNCTIONAL_UP_TO = 4


def _score(answers):
    total = sum(answers.values())
    return Score(total=total, band="functional" if total <= FUNCTIONAL_UP_TO else "dysfunctional")


INSTRUMENT = Instrument(
    code="rmdq",
    name="Roland-Morris Disability Questionnaire",
    version="1",
    copyright="Roland-Morris Disability Questionnaire (c) its copyright holders. Wording "
    "used under the clinic's licence.",
    items=items(24, (0, 1)),
    bands=("functional", "dysfunctional"),
    scorer=_score,
)
