"""One submitted intake as a FHIR transaction Bundle: valid, complete, and scored back
to the same numbers."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from clinic.fhir import codes
from clinic.fhir.bundle import intake_bundle
from clinic.models import AuditEvent
from clinic.seed import load_demo_patients
from clinic.tests.conftest import EMERGENCY
from clinic.tests.fhir.validate import known_questionnaires, problems
from clinic.views.fhir import clinic_questionnaire_bundle, fhir_json
from intake import instruments
from intake.models import Intake
from intake.selectors import intake_with_answers


def exported(intake):
    """The Bundle as a receiving system reads it: through JSON text."""
    return json.loads(fhir_json(intake_bundle(intake_with_answers().get(pk=intake.pk))))


def of_type(bundle, kind):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def observation(bundle, system, code):
    (found,) = [
        o
        for o in of_type(bundle, "Observation")
        if {"system": system, "code": code}.items() <= o["code"]["coding"][0].items()
    ]
    return found


def answers(response):
    """``{linkId: [answer values]}`` of a response, groups flattened."""
    found = {}

    def walk(items):
        for item in items:
            walk(item.get("item", []))
            for answer in item.get("answer", []):
                (value,) = [v for k, v in answer.items() if k.startswith("value")]
                found.setdefault(item["linkId"], []).append(value)

    walk(response["item"])
    return found


@pytest.fixture
def intake(make_intake):
    return make_intake(changes=EMERGENCY)


@pytest.fixture
def bundle(intake):
    return exported(intake)


def test_the_bundle_of_a_full_intake_has_no_problems(bundle):
    assert problems(bundle) == []
    assert bundle["type"] == "transaction"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds[:3] == ["Patient", "Encounter", "QuestionnaireResponse"]
    assert kinds[-1] == "Provenance"


def test_the_same_intake_gives_the_same_bundle(intake, bundle):
    assert exported(intake) == bundle


def test_the_patient_carries_only_what_the_clinic_holds(intake, bundle):
    (patient,) = of_type(bundle, "Patient")
    assert patient["identifier"] == [{"system": codes.CHART_NUMBERS, "value": "C-100"}]
    assert patient["name"] == [{"family": "Lee", "given": ["Ann"]}]
    assert patient["birthDate"] == intake.patient.date_of_birth.isoformat()
    # The consent's typed name and signature stay in NerveDesk.
    text = json.dumps(bundle)
    assert intake.consent.typed_name not in text and "signature" not in text


def test_every_score_is_an_observation_with_its_code_and_value(intake, bundle):
    scored = {r.instrument: r for r in intake.questionnaires.all()}
    assert set(scored) >= {"sbi", "start_back", "rmdq", "odi"}
    for rating, value in (("leg_now", 6), ("leg_average", 5), ("leg_worst", 8), ("back_now", 3)):
        found = observation(bundle, *codes.SCORE_CODES[f"nrs.{rating}"][:2])
        assert found["valueQuantity"]["value"] == value
        assert {"system": codes.LOINC, "code": "72514-3"}.items() <= found["code"]["coding"][
            1
        ].items()
    odi = observation(bundle, codes.LOINC, "97909-6")
    assert odi["valueQuantity"]["value"] == float(scored["odi"].total)
    assert odi["valueQuantity"]["code"] == "%"
    assert odi["interpretation"][0]["coding"][0]["code"] == scored["odi"].band
    total = observation(bundle, codes.LOINC, "91351-7")
    assert total["valueQuantity"]["value"] == scored["start_back"].total
    distress = observation(bundle, codes.LOINC, "91350-9")
    assert distress["valueQuantity"]["value"] == scored["start_back"].subscore
    risk = observation(bundle, codes.LOINC, "91352-5")
    band = scored["start_back"].band
    assert (
        risk["valueCodeableConcept"]["coding"][0]["code"] == codes.START_BACK_RISK_ANSWERS[band][0]
    )
    for code in ("sbi-total", "rmdq-total"):
        assert observation(bundle, codes.NERVEDESK_SCORES, code)["valueQuantity"]["value"] >= 0
    for found in of_type(bundle, "Observation"):
        assert found["category"][0]["coding"][0]["code"] == "survey"
        assert found["derivedFrom"][0]["reference"].startswith("urn:uuid:")


def test_each_raised_warning_sign_is_a_flag_with_its_level(intake, bundle):
    flags = {f["code"]["coding"][0]["code"]: f for f in of_type(bundle, "Flag")}
    assert set(flags) == set(intake.warning_signs) >= {"saddle_numbness", "night_pain"}
    for flag in flags.values():
        level = flag["category"][1]["coding"][0]
        assert level == {"system": codes.WARNING_LEVELS, "code": "emergency"}


def test_the_body_regions_are_answers_with_their_body_site(bundle):
    (response,) = [
        r
        for r in of_type(bundle, "QuestionnaireResponse")
        if "nervedesk-intake" in r["questionnaire"]
    ]
    regions = [coding["code"] for coding in answers(response)["regions"]]
    assert regions == ["left_lower_back", "left_buttock", "left_calf", "left_foot_sole"]
    where = next(item for item in response["item"] if item["linkId"] == "step_where")
    assert [item["linkId"] for item in where["item"]] == ["regions"]
    (system,) = [
        e["resource"]
        for e in clinic_questionnaire_bundle()["entry"]
        if e["resource"]["url"] == codes.BODY_REGIONS
    ]
    calf = next(c for c in system["concept"] if c["code"] == "calf")
    left_calf = next(c for c in calf["concept"] if c["code"] == "left_calf")
    properties = {p["code"]: p["valueCoding"]["code"] for p in left_calf["property"]}
    assert properties == {"body-site": "53840002", "laterality": "7771000"}


def test_the_intake_answers_keep_their_types(bundle):
    (response,) = [
        r
        for r in of_type(bundle, "QuestionnaireResponse")
        if "nervedesk-intake" in r["questionnaire"]
    ]
    found = answers(response)
    assert found["height_cm"] == [170] and found["weight_kg"] == [92.5]
    assert found["sits_long"] == [True] and found["manual_work"] == [False]
    assert found["leg_pain_worst"] == [8]
    assert [c["code"] for c in found["worse_factors"]] == ["sitting", "coughing_sneezing"]
    assert found["treatment_medication"][0]["code"] == "helped"
    assert found["medicines"] == ["Ibuprofen 400 mg", "Paracetamol"]
    assert found["goals"] == ["Walk the dog again."]
    assert found["saddle_numbness"] == [True] and found["bladder"] == [False]


def test_read_back_the_responses_score_to_the_same_numbers(intake, bundle):
    """The round trip: answers and itemWeights read from the export, scored by the app."""
    definitions = known_questionnaires()
    stored = {r.instrument: r for r in intake.questionnaires.all()}
    read_back = 0
    for response in of_type(bundle, "QuestionnaireResponse"):
        definition = definitions[response["questionnaire"]]
        code = response["questionnaire"].split("|")[0].rsplit("/", 1)[-1].replace("-", "_")
        if code not in stored:
            continue
        values = {int(link): int(v[0]["code"]) for link, v in answers(response).items()}
        score = instruments.score(code, values)
        assert (score.total, score.band or "", score.subscore) == (
            stored[code].total,
            stored[code].band,
            stored[code].subscore,
        )
        # The weights alone give the same total (the Oswestry as a percentage).
        weights = {
            int(item["linkId"]): {
                int(o["valueCoding"]["code"]): o["extension"][0]["valueDecimal"]
                for o in item["answerOption"]
            }
            for item in definition["item"]
        }
        points = sum(weights[number][value] for number, value in values.items())
        if code == "odi":
            points = round(points / (5 * len(values)) * 100, 1)
        assert points == pytest.approx(float(stored[code].total))
        read_back += 1
    assert read_back == len(stored) >= 4


def test_a_draft_is_not_exported(make_intake):
    draft = make_intake(submit=False, steps=[1, 2])
    with pytest.raises(ValueError):
        intake_bundle(intake_with_answers().get(pk=draft.pk))
    with pytest.raises(CommandError):
        call_command("fhir_export", str(draft.pk), stdout=io.StringIO())


def test_the_command_exports_a_seeded_demo_intake(library):
    load_demo_patients()
    intake = Intake.objects.filter(patient__chart_number="DEMO-001").get()
    out = io.StringIO()
    call_command("fhir_export", str(intake.pk), stdout=out)
    bundle = json.loads(out.getvalue())
    assert problems(bundle) == []
    observed = {o["code"]["coding"][0]["code"] for o in of_type(bundle, "Observation")}
    assert {"97909-6", "91351-7", "91350-9", "91352-5", "rmdq-total", "sbi-total"} <= observed
    assert [f["code"]["coding"][0]["code"] for f in of_type(bundle, "Flag")] == ["saddle_numbness"]
    event = AuditEvent.objects.get(route="manage.py fhir_export")
    assert (event.action, event.object_id, event.patient_id) == (
        "export",
        str(intake.pk),
        intake.patient_id,
    )
    assert event.username.endswith("(command line)")


def test_the_questionnaires_export_with_the_wording_the_clinic_loaded(library):
    out = io.StringIO()
    call_command("fhir_export", "--questionnaires", stdout=out)
    bundle = json.loads(out.getvalue())
    assert problems(bundle) == []
    by_url = {e["resource"]["url"]: e["resource"] for e in bundle["entry"]}
    # Our own wording (the bothersomeness index) is exported; sample wording is not.
    sbi = by_url[codes.questionnaire_url("sbi")]
    assert not sbi["item"][0]["text"].startswith("Item ")
    odi = by_url[codes.questionnaire_url("odi")]
    assert odi["item"][0]["text"] == "Item 1"
    assert "display" not in odi["item"][0]["answerOption"][0]["valueCoding"]
    assert codes.score_band_system("odi") in by_url
