"""Questionnaire wording that ships with the product, and the demo loader.

- ``ensure_own_wording``: after every migrate, our own nrs/sbi wording is loaded
  (if missing) and every instrument has its switch row (nrs/sbi on, others off).
- ``load_demo_wording``: for ``seed_demo``: also loads the NON-VALIDATED sample
  wording for start_back, rmdq and odi and switches them on. Idempotent.
- ``ensure_default_consent``: after every migrate (and in ``seed_demo``), a first
  consent text in our own words when the clinic has none yet.
"""

import json
from pathlib import Path

from django.db import connections

from intake import instruments

INSTRUMENTS_DIR = Path(__file__).resolve().parent / "instruments"
OWN_WORDING_DIR = INSTRUMENTS_DIR / "wording"
SAMPLE_WORDING_DIR = INSTRUMENTS_DIR / "sample_wording"


def own_wording_codes():
    return [code for code, inst in instruments.INSTRUMENTS.items() if inst.own_wording]


def sample_wording_codes():
    return [code for code, inst in instruments.INSTRUMENTS.items() if not inst.own_wording]


def wording_file(code):
    """The shipped wording file for ``code`` (our own, or the sample)."""
    directory = OWN_WORDING_DIR if instruments.get(code).own_wording else SAMPLE_WORDING_DIR
    return directory / f"{code}.json"


def read_wording_file(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def ensure_own_wording(*, using="default"):
    from intake.models import InstrumentSetting, InstrumentWording
    from intake.services import instrument_wording_load

    tables = connections[using].introspection.table_names()
    if InstrumentSetting._meta.db_table not in tables:
        return
    for code in own_wording_codes():
        if not InstrumentWording.objects.using(using).filter(instrument=code).exists():
            instrument_wording_load(instrument=code, data=read_wording_file(wording_file(code)))
    for code, inst in instruments.INSTRUMENTS.items():
        InstrumentSetting.objects.using(using).get_or_create(
            instrument=code, defaults={"enabled": inst.own_wording}
        )


def load_demo_wording(*, stdout=None):
    """Load our nrs/sbi wording and the sample wording for the others; switch all on."""
    from intake.services import instrument_wording_load

    ensure_default_consent(stdout=stdout)
    for code in instruments.INSTRUMENTS:
        wording = instrument_wording_load(
            instrument=code, data=read_wording_file(wording_file(code)), enable=True
        )
        if stdout is not None:
            kind = "sample wording" if wording.is_sample else "wording"
            stdout.write(f"Questionnaire {code}: {kind} {wording.version}, on")


DEFAULT_CONSENT_VERSION = "nervedesk-1"
DEFAULT_CONSENT_TEXT = """\
The answers you give here go to the clinic team who will look after you. They read \
them before your visit, so they can understand your pain and plan your care with you.

Your answers are kept in your clinic record. Only clinic staff who care for you, or who \
run the clinic's records, can see them. The clinic keeps them as the law asks and does \
not sell them or share them for advertising.

Answering is your choice. You can skip any question. You can ask the front desk to \
change an answer, or ask what is kept about you, at any time.

These questions do not replace a talk with your clinician. If something feels wrong \
now, or you have a sign the questions call urgent, tell the front desk straight away.

By typing your name below you say that you have read this, that the answers are \
about you, and that you agree the clinic may use them to care for you."""


def ensure_default_consent(*, using="default", stdout=None):
    """Create our default consent text if the clinic has no consent text at all."""
    from intake.models import ConsentText

    tables = connections[using].introspection.table_names()
    if ConsentText._meta.db_table not in tables:
        return
    if ConsentText.objects.using(using).exists():
        return
    ConsentText.objects.using(using).create(
        version=DEFAULT_CONSENT_VERSION, body=DEFAULT_CONSENT_TEXT, active=True
    )
    if stdout is not None:
        stdout.write(f"Consent text {DEFAULT_CONSENT_VERSION}: added")
