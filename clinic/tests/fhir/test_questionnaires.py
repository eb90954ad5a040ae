"""The Questionnaire definitions: they parse, carry their codes and weights, and never
ship wording the clinic has not loaded."""

import json
import random

import pytest

from clinic.fhir import codes
from clinic.fhir.questionnaires import (
    INTAKE_GROUPS,
    INTAKE_LINK_IDS,
    code_systems,
    instrument_questionnaire,
    intake_answer_coding,
    intake_questionnaire,
    questionnaire_bundle,
)
from clinic.tests.fhir.validate import parse, problems
from intake import instruments
from intake.forms import STEP_FORMS
from intake.vocabulary import STEP_CONSENT, WarningQuestion

INSTRUMENTS = list(instruments.INSTRUMENTS.values())


def resources():
    return [entry["resource"] for entry in questionnaire_bundle()["entry"]]


def walk_items(items):
    for item in items or []:
        yield item
        yield from walk_items(item.get("item"))


def weights(questionnaire):
    """``{linkId: {answer code: weight}}``."""
    return {
        item["linkId"]: {
            option["valueCoding"]["code"]: option["extension"][0]["valueDecimal"]
            for option in item["answerOption"]
        }
        for item in questionnaire["item"]
    }


@pytest.mark.parametrize("resource", resources(), ids=lambda r: r["url"].rsplit("/", 2)[-1])
def test_every_questionnaire_and_code_system_parses(resource):
    model = parse(resource)
    assert model.get_resource_type() == resource["resourceType"]
    assert resource["status"] == "active"


def test_the_bundle_is_a_collection_without_problems():
    bundle = questionnaire_bundle()
    assert bundle["type"] == "collection"
    assert [e["fullUrl"] for e in bundle["entry"]] == [
        e["resource"]["url"] for e in bundle["entry"]
    ]
    assert len({e["fullUrl"] for e in bundle["entry"]}) == len(bundle["entry"])
    assert problems(bundle) == []
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Questionnaire") == 1 + len(INSTRUMENTS)


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.code)
def test_an_instrument_questionnaire_names_itself_canonically(instrument):
    questionnaire = instrument_questionnaire(instrument)
    assert questionnaire["id"] == instrument.code.replace("_", "-")
    assert questionnaire["url"] == codes.questionnaire_url(instrument.code)
    assert questionnaire["version"] == instrument.version
    assert [item["linkId"] for item in questionnaire["item"]] == [
        str(item.number) for item in instrument.items
    ]
    system = codes.instrument_answer_system(instrument.code)
    for item, definition in zip(questionnaire["item"], instrument.items, strict=True):
        assert item["type"] == "choice"
        assert [o["valueCoding"]["code"] for o in item["answerOption"]] == [
            str(v) for v in definition.values
        ]
        assert {o["valueCoding"]["system"] for o in item["answerOption"]} == {system}


@pytest.mark.parametrize(
    ("code", "panel"), [("odi", "97908-8"), ("start_back", "91349-1")], ids=["odi", "start_back"]
)
def test_odi_and_start_back_carry_their_loinc_panel(code, panel):
    questionnaire = instrument_questionnaire(instruments.get(code))
    assert {"system": codes.LOINC, "code": panel} in [
        {"system": c["system"], "code": c["code"]} for c in questionnaire["code"]
    ]


def test_instruments_without_loinc_carry_only_nervedesk_codes():
    for code in ("rmdq", "sbi", "nrs"):
        questionnaire = instrument_questionnaire(instruments.get(code))
        assert {c["system"] for c in questionnaire["code"]} == {codes.NERVEDESK_ITEMS}


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.code)
def test_every_option_has_exactly_one_weight(instrument):
    for item in instrument_questionnaire(instrument)["item"]:
        for option in item["answerOption"]:
            (weight,) = [e for e in option["extension"] if e["url"] == codes.ITEM_WEIGHT]
            assert isinstance(weight["valueDecimal"], int | float)


def scale(instrument):
    """Score total per weighted point: the Oswestry reports sum / 50 x 100 when all ten
    sections are answered; the others are plain sums."""
    return 2 if instrument.code == "odi" else 1


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.code)
def test_each_weight_is_what_that_answer_adds_to_the_score(instrument):
    table = weights(instrument_questionnaire(instrument))
    baseline = {item.number: min(item.values) for item in instrument.items}
    base_total = instruments.score(instrument.code, baseline).total
    base_weight = sum(table[str(n)][str(v)] for n, v in baseline.items())
    assert base_total == base_weight * scale(instrument)
    for item in instrument.items:
        for value in item.values:
            total = instruments.score(instrument.code, {**baseline, item.number: value}).total
            added = (
                table[str(item.number)][str(value)] - table[str(item.number)][str(min(item.values))]
            )
            assert total - base_total == added * scale(instrument), (item.number, value)


@pytest.mark.parametrize("instrument", INSTRUMENTS, ids=lambda i: i.code)
def test_random_full_answers_score_the_sum_of_their_weights(instrument):
    table = weights(instrument_questionnaire(instrument))
    chance = random.Random(instrument.code)
    for _ in range(50):
        answers = {item.number: chance.choice(item.values) for item in instrument.items}
        total = instruments.score(instrument.code, answers).total
        assert total == sum(table[str(n)][str(v)] for n, v in answers.items()) * scale(instrument)


def test_start_back_item_9_scores_only_its_two_worst_answers():
    item_9 = weights(instrument_questionnaire(instruments.get("start_back")))["9"]
    assert item_9 == {"0": 0, "1": 0, "2": 0, "3": 1, "4": 1}


# --- Wording ------------------------------------------------------------------------


@pytest.fixture
def loaded_wording(db):
    """The demo wording: our own for nrs/sbi, NON-VALIDATED samples for the others."""
    from intake.models import InstrumentWording
    from intake.seed import load_demo_wording

    load_demo_wording()
    return {w.instrument: w for w in InstrumentWording.objects.all()}


def wording_texts(wording):
    texts = {entry["text"] for entry in wording.items}
    texts |= {option["label"] for entry in wording.items for option in entry["options"]}
    texts |= {wording.title}
    return texts


def test_without_wording_items_are_only_numbered():
    for instrument in INSTRUMENTS:
        questionnaire = instrument_questionnaire(instrument)
        assert [i["text"] for i in questionnaire["item"]] == [
            f"Item {item.number}" for item in instrument.items
        ]
        for item in questionnaire["item"]:
            assert all("display" not in o["valueCoding"] for o in item["answerOption"])
        assert questionnaire["title"] == instrument.name


def test_sample_wording_never_appears(loaded_wording):
    bundle = questionnaire_bundle(loaded_wording)
    exported = {e["fullUrl"]: json.dumps(e["resource"]) for e in bundle["entry"]}
    samples = [w for w in loaded_wording.values() if w.is_sample]
    assert {w.instrument for w in samples} == {"odi", "rmdq", "start_back"}
    for wording in samples:
        questionnaire = instrument_questionnaire(instruments.get(wording.instrument), wording)
        assert all(item["text"].startswith("Item ") for item in questionnaire["item"])
        assert questionnaire == instrument_questionnaire(instruments.get(wording.instrument))
        own = exported[codes.questionnaire_url(wording.instrument)]
        for text in wording_texts(wording):
            assert f'"{text}"' not in own, text
    assert problems(bundle) == []


def test_loaded_wording_is_used(loaded_wording):
    sbi = loaded_wording["sbi"]
    assert not sbi.is_sample
    questionnaire = instrument_questionnaire(instruments.get("sbi"), sbi)
    assert questionnaire["title"] == sbi.title and questionnaire["copyright"] == sbi.copyright
    first = questionnaire["item"][0]
    assert first["text"] == sbi.item_text(1)["text"]
    assert (
        first["answerOption"][0]["valueCoding"]["display"]
        == sbi.item_text(1)["options"][0]["label"]
    )
    # The Questionnaire's version is the instrument's, whatever the wording.
    assert questionnaire["version"] == instruments.get("sbi").version


def test_licensed_wording_a_clinic_loads_is_exported(db):
    """Wording loaded as the clinic's own (not flagged sample) becomes the item text."""
    from intake.seed import read_wording_file, wording_file
    from intake.services import instrument_wording_load

    data = {**read_wording_file(wording_file("odi")), "sample": False, "version": "lic-1"}
    wording = instrument_wording_load(instrument="odi", data=data)
    questionnaire = instrument_questionnaire(instruments.get("odi"), wording)
    assert questionnaire["item"][0]["text"] == wording.item_text(1)["text"]
    assert parse(questionnaire)


# --- The intake ---------------------------------------------------------------------


def test_intake_questionnaire_is_canonical_and_grouped_by_step():
    questionnaire = intake_questionnaire()
    assert questionnaire["url"] == codes.questionnaire_url(codes.INTAKE_QUESTIONNAIRE)
    assert questionnaire["version"] == codes.INTAKE_QUESTIONNAIRE_VERSION
    groups = questionnaire["item"]
    assert [g["linkId"] for g in groups] == [group for group, _step, _q in INTAKE_GROUPS]
    assert all(g["type"] == "group" and g["item"] for g in groups)
    answered = {item["linkId"]: group["linkId"] for group in groups for item in group["item"]}
    assert answered == INTAKE_LINK_IDS


def test_link_ids_are_unique_and_cover_every_step_field():
    link_ids = [item["linkId"] for item in walk_items(intake_questionnaire()["item"])]
    assert len(link_ids) == len(set(link_ids))
    fields = set()
    for step, form_class in STEP_FORMS.items():
        if step != STEP_CONSENT:
            fields |= set(form_class().fields)
    # The bothersomeness items asked in step 4 are the sbi Questionnaire's.
    fields -= {f"sbi_{n}" for n in range(1, 5)}
    assert fields == set(INTAKE_LINK_IDS)


def test_enable_when_names_existing_items_and_their_answers():
    items = {item["linkId"]: item for item in walk_items(intake_questionnaire()["item"])}
    conditions = {
        link_id: item["enableWhen"] for link_id, item in items.items() if "enableWhen" in item
    }
    assert set(conditions) == {"injury_date", "pain_qualities"}
    for condition in (c for each in conditions.values() for c in each):
        target = items[condition["question"]]
        assert condition["answerCoding"] in [o["valueCoding"] for o in target["answerOption"]]
    injury = conditions["injury_date"][0]
    assert (injury["question"], injury["answerCoding"]["code"]) == ("risk_factors", "injury_trauma")


def test_ratings_and_warning_questions_are_coded():
    items = {item["linkId"]: item for item in walk_items(intake_questionnaire()["item"])}
    leg_now = items["leg_pain_now"]
    assert leg_now["type"] == "integer"
    pairs = {(c["system"], c["code"]) for c in leg_now["code"]}
    assert {codes.PAIN_NRS[:2], codes.SCORE_CODES["nrs.leg_now"][:2]} <= pairs
    for question in WarningQuestion:
        item = items[question.value]
        assert item["type"] == "boolean"
        systems = {c["system"] for c in item["code"]}
        assert (codes.WARNING_SIGNS in systems) == (question != WarningQuestion.MINOR_FALL)
    regions = items["regions"]
    assert regions["repeats"] is True
    assert intake_answer_coding("regions", "left_calf") in [
        o["valueCoding"] for o in regions["answerOption"]
    ]


def test_intake_answer_coding_refuses_what_is_not_an_option():
    assert intake_answer_coding("course", "worse")["system"] == codes.COURSES
    with pytest.raises(KeyError):
        intake_answer_coding("course", "sideways")
    with pytest.raises(KeyError):
        intake_answer_coding("goals", "anything")


def test_body_regions_carry_snomed_site_and_laterality():
    (regions,) = [s for s in code_systems() if s["url"] == codes.BODY_REGIONS]
    calf = next(c for c in regions["concept"] if c["code"] == "calf")
    left = next(c for c in calf["concept"] if c["code"] == "left_calf")
    properties = {p["code"]: p["valueCoding"]["code"] for p in left["property"]}
    assert properties == {"body-site": codes.BODY_SITES["calf"][0], "laterality": "7771000"}
    shin = next(c for c in regions["concept"] if c["code"] == "shin")
    assert "property" not in shin  # no SNOMED mapping declared for the shin


def test_warning_signs_carry_their_level():
    (signs,) = [s for s in code_systems() if s["url"] == codes.WARNING_SIGNS]
    level = {c["code"]: c["property"][0]["valueCoding"]["code"] for c in signs["concept"]}
    assert level["bladder"] == "emergency" and level["night_pain"] == "urgent"


def test_code_systems_are_complete_and_distinct():
    systems = code_systems()
    assert len({s["url"] for s in systems}) == len(systems)
    for system in systems:
        assert (system["status"], system["content"]) == ("active", "complete")
        assert system["concept"]
    urls = {s["url"] for s in systems}
    for instrument in INSTRUMENTS:
        assert codes.instrument_answer_system(instrument.code) in urls
