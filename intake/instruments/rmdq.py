"""Roland-Morris Disability Questionnaire: 24 yes (1) / no (0) items; total = count of yes."""

from intake.instruments.base import Instrument, Score, items


def _score(answers):
    return Score(total=sum(answers.values()))


INSTRUMENT = Instrument(
    code="rmdq",
    name="Roland-Morris Disability Questionnaire",
    version="1",
    copyright="Roland-Morris Disability Questionnaire (c) its copyright holders. Wording "
    "used under the clinic's licence.",
    items=items(24, (0, 1)),
    scorer=_score,
)
