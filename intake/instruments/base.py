"""What every instrument is made of: items with allowed values, and a score.

Pure Python (no Django): scoring is tested without a database.
"""

from dataclasses import dataclass, field


class InstrumentError(ValueError):
    """Answers that cannot be scored; the message is meant for a person."""


class UnknownInstrumentError(InstrumentError):
    pass


@dataclass(frozen=True)
class Item:
    """One question: its 1-based number, a short key, and the values it accepts."""

    number: int
    key: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class Score:
    total: int | float
    band: str | None = None
    subscore: int | None = None


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    version: str
    copyright: str
    items: tuple[Item, ...]
    # Bands this instrument can return, best to worst; empty when it has none.
    bands: tuple[str, ...] = ()
    # Items may be left out (ODI: a blank section drops out of the score).
    allows_missing: bool = False
    # Our own wording ships with the product; otherwise a clinic loads licensed text.
    own_wording: bool = False
    scorer: object = field(default=None, compare=False, repr=False)

    @property
    def item_count(self):
        return len(self.items)

    def item(self, number):
        return self.items[number - 1]

    def clean_answers(self, answers, *, complete=True):
        """Validated ``{item number: value}``; blanks (absent or None) are left out.

        ``complete`` requires every item (unless the instrument allows missing
        items). Keys may be ints or digit strings (answers that went through JSON).
        """
        if not isinstance(answers, dict):
            raise InstrumentError(f"{self.name}: answers must be a mapping of item to value.")
        cleaned = {}
        for raw_key, value in answers.items():
            number = _item_number(raw_key)
            if number is None or not 1 <= number <= self.item_count:
                raise InstrumentError(
                    f"{self.name} has items 1 to {self.item_count}; there is no item {raw_key!r}."
                )
            if value is None:
                continue
            # bool is an int subclass, but True is not an answer value.
            if isinstance(value, bool) or not isinstance(value, int):
                raise InstrumentError(
                    f"{self.name} item {number}: the answer must be a whole number, "
                    f"not {type(value).__name__}."
                )
            allowed = self.item(number).values
            if value not in allowed:
                raise InstrumentError(
                    f"{self.name} item {number}: {value} is out of range "
                    f"({min(allowed)} to {max(allowed)})."
                )
            cleaned[number] = value
        if complete and not self.allows_missing:
            missing = [item.number for item in self.items if item.number not in cleaned]
            if missing:
                listed = ", ".join(str(n) for n in missing)
                raise InstrumentError(f"{self.name}: please answer item(s) {listed}.")
        return cleaned

    def score(self, answers):
        return self.scorer(self.clean_answers(answers))


def _item_number(key):
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str) and key.isascii() and key.isdigit():
        return int(key)
    return None


def items(count, values, key="item"):
    return tuple(
        Item(number=n, key=f"{key}_{n}", values=tuple(values)) for n in range(1, count + 1)
    )
