"""Load the questionnaire wording a clinic is licensed to use, checked against the items."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from intake import instruments
from intake.services import instrument_wording_load


class Command(BaseCommand):
    help = (
        "Load an instrument's wording from a JSON file (see intake/instruments/wording.py "
        "for the format). The file is checked against the instrument's items."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help=f"One of: {', '.join(instruments.INSTRUMENTS)}")
        parser.add_argument("file", help="Path to the JSON wording file")
        switch = parser.add_mutually_exclusive_group()
        switch.add_argument(
            "--enable", action="store_true", help="Also switch the questionnaire on."
        )
        switch.add_argument(
            "--disable", action="store_true", help="Also switch the questionnaire off."
        )

    def handle(self, *args, code, file, enable, disable, **options):
        if code not in instruments.INSTRUMENTS:
            raise CommandError(
                f"Unknown questionnaire {code!r}. Choose one of: "
                f"{', '.join(instruments.INSTRUMENTS)}."
            )
        path = Path(file)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"There is no file {file}.") from None
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Could not read {file}: {error}") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{file} is not valid JSON: {error}") from None
        try:
            wording = instrument_wording_load(
                instrument=code, data=data, enable=True if enable else (False if disable else None)
            )
        except ValidationError as error:
            raise CommandError(f"{file}: {' '.join(error.messages)}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {code} wording {wording.version} ({len(wording.items)} items)."
            )
        )
        if wording.is_sample:
            self.stdout.write(self.style.WARNING("This is non-validated sample wording."))
