"""Checking a wording file against its instrument (pure; no Django).

A wording file is JSON::

    {
      "instrument": "start_back",          # optional; must match the code it is loaded as
      "version": "2024-en-1",              # the wording's own version
      "language": "en",
      "title": "...",
      "instructions": "...",               # optional
      "copyright": "...",                  # shown wherever the wording is shown
      "sample": true,                      # optional: non-validated sample text
      "notice": "...",                     # optional free text, not shown to patients
      "items": [
        {"number": 1, "text": "...", "options": [{"value": 1, "label": "..."}, ...]},
        ...
      ]
    }

There must be exactly one entry per item, and each item's options must label exactly
the values the instrument scores (no more, no fewer).
"""

from common.text import has_control_characters
from intake.instruments.base import InstrumentError

MAX_TITLE = 200
MAX_TEXT = 1000
MAX_LABEL = 200
MAX_VERSION = 50


class WordingError(InstrumentError):
    """A wording file that does not fit its instrument."""


def _text(data, key, where, *, limit, required=True, multiline=False):
    value = data.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise WordingError(f"{where}: {key!r} must be text.")
    value = value.strip()
    if required and not value:
        raise WordingError(f"{where}: {key!r} is missing or empty.")
    if len(value) > limit:
        raise WordingError(f"{where}: {key!r} is longer than {limit} characters.")
    if has_control_characters(value, allow_newlines=multiline):
        raise WordingError(f"{where}: {key!r} contains control characters.")
    return value


def validate_wording(instrument, data):
    """The file's content, checked and normalised, or WordingError saying what is wrong."""
    if not isinstance(data, dict):
        raise WordingError("The wording file must hold one JSON object.")
    named = data.get("instrument")
    if named is not None and named != instrument.code:
        raise WordingError(f"This file is wording for {named!r}, not for {instrument.code!r}.")
    clean = {
        "version": _text(data, "version", "File", limit=MAX_VERSION),
        "language": _text(data, "language", "File", limit=10, required=False) or "en",
        "title": _text(data, "title", "File", limit=MAX_TITLE),
        "instructions": _text(
            data, "instructions", "File", limit=MAX_TEXT * 4, required=False, multiline=True
        ),
        "copyright": _text(data, "copyright", "File", limit=500),
        "notice": _text(data, "notice", "File", limit=MAX_TEXT, required=False, multiline=True),
        "sample": bool(data.get("sample", False)),
    }
    entries = data.get("items")
    if not isinstance(entries, list):
        raise WordingError("The wording file needs an 'items' list.")
    if len(entries) != instrument.item_count:
        raise WordingError(
            f"{instrument.name} has {instrument.item_count} items, but the file has {len(entries)}."
        )
    seen = {}
    for position, entry in enumerate(entries, start=1):
        where = f"Item entry {position}"
        if not isinstance(entry, dict):
            raise WordingError(f"{where} must be an object.")
        number = entry.get("number")
        if isinstance(number, bool) or not isinstance(number, int):
            raise WordingError(f"{where}: 'number' must be a whole number.")
        if not 1 <= number <= instrument.item_count:
            raise WordingError(
                f"{where}: there is no item {number} ({instrument.name} has items "
                f"1 to {instrument.item_count})."
            )
        if number in seen:
            raise WordingError(f"Item {number} appears twice.")
        where = f"Item {number}"
        options = entry.get("options")
        if not isinstance(options, list) or not options:
            raise WordingError(f"{where}: 'options' must be a non-empty list.")
        clean_options = []
        for option in options:
            if not isinstance(option, dict):
                raise WordingError(f"{where}: each option must be an object.")
            value = option.get("value")
            if isinstance(value, bool) or not isinstance(value, int):
                raise WordingError(f"{where}: option value {value!r} is not a whole number.")
            clean_options.append(
                {"value": value, "label": _text(option, "label", where, limit=MAX_LABEL)}
            )
        values = [option["value"] for option in clean_options]
        expected = instrument.item(number).values
        if len(set(values)) != len(values):
            raise WordingError(f"{where}: an option value is listed twice.")
        if set(values) != set(expected):
            raise WordingError(
                f"{where}: the options must have the values "
                f"{', '.join(str(v) for v in expected)}; the file has "
                f"{', '.join(str(v) for v in values)}."
            )
        seen[number] = {
            "number": number,
            "text": _text(entry, "text", where, limit=MAX_TEXT, multiline=True),
            "options": sorted(clean_options, key=lambda option: option["value"]),
        }
    clean["items"] = [seen[number] for number in sorted(seen)]
    return clean
