"""Questionnaires as data plus pure scoring functions, behind ``score(code, answers)``.

``answers`` maps the 1-based item number to the chosen option's integer value.
``score`` returns a ``Score`` (``total``, ``band``, ``subscore``) or raises
``InstrumentError`` (a ``ValueError``) with a message a person understands.

No Django imports here: the wording a clinic is licensed to use lives in the
database (``intake.models.InstrumentWording``), loaded by ``load_instrument_text``.
"""

from intake.instruments import nrs, odi, rmdq, sbi, start_back
from intake.instruments.base import (
    Instrument,
    InstrumentError,
    Item,
    Score,
    UnknownInstrumentError,
)
from intake.instruments.change import THRESHOLDS, Change, change

INSTRUMENTS = {
    module.INSTRUMENT.code: module.INSTRUMENT for module in (nrs, sbi, start_back, rmdq, odi)
}

__all__ = [
    "INSTRUMENTS",
    "THRESHOLDS",
    "Change",
    "Instrument",
    "InstrumentError",
    "Item",
    "Score",
    "UnknownInstrumentError",
    "change",
    "get",
    "score",
]


def get(code):
    """The instrument with this code, or UnknownInstrumentError."""
    try:
        return INSTRUMENTS[code]
    except (KeyError, TypeError):
        raise UnknownInstrumentError(f"There is no questionnaire called {code!r}.") from None


def score(code, answers):
    """Score ``answers`` on instrument ``code``; see the module docstring."""
    return get(code).score(answers)
