"""``validate``: what ``fhir.resources`` refuses, and each of our own checks (every
check has a test that fails if the check is removed: the baseline has no problems)."""

import copy

import pytest

from clinic.fhir import codes
from clinic.fhir.questionnaires import instrument_questionnaire, intake_questionnaire
from clinic.tests.fhir.validate import FhirValidationError, parse, problems
from intake import instruments

ODI = instruments.get("odi")
PATIENT = "urn:uuid:0c7f4a0e-8a59-4f5a-9a1c-000000000001"
RESPONSE = "urn:uuid:0c7f4a0e-8a59-4f5a-9a1c-000000000002"


def transaction():
    """A small valid transaction: a patient, their ODI response and a warning Flag."""
    odi = instrument_questionnaire(ODI)
    answer_system = codes.instrument_answer_system("odi")
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "fullUrl": PATIENT,
                "resource": {"resourceType": "Patient", "name": [{"family": "Lee"}]},
                "request": {"method": "POST", "url": "Patient"},
            },
            {
                "fullUrl": RESPONSE,
                "resource": {
                    "resourceType": "QuestionnaireResponse",
                    "questionnaire": f"{odi['url']}|{odi['version']}",
                    "status": "completed",
                    "subject": {"reference": PATIENT},
                    "item": [
                        {
                            "linkId": "1",
                            "answer": [{"valueCoding": {"system": answer_system, "code": "2"}}],
                        }
                    ],
                },
                "request": {"method": "POST", "url": "QuestionnaireResponse"},
            },
            {
                "fullUrl": "urn:uuid:0c7f4a0e-8a59-4f5a-9a1c-000000000003",
                "resource": {
                    "resourceType": "Flag",
                    "status": "active",
                    "code": {"coding": [{"system": codes.WARNING_SIGNS, "code": "bladder"}]},
                    "subject": {"reference": PATIENT},
                },
                "request": {"method": "POST", "url": "Flag"},
            },
            {
                "fullUrl": "urn:uuid:0c7f4a0e-8a59-4f5a-9a1c-000000000004",
                "resource": {
                    "resourceType": "Observation",
                    "status": "final",
                    "code": {"coding": [{"system": codes.LOINC, "code": "97909-6"}]},
                    "subject": {"reference": PATIENT},
                    "derivedFrom": [{"reference": RESPONSE}],
                    "valueQuantity": {"value": 20, "system": codes.UCUM, "code": "%"},
                },
                "request": {"method": "POST", "url": "Observation"},
            },
        ],
    }


def resource(bundle, kind):
    return next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind)


def test_the_baseline_has_no_problems():
    assert problems(transaction()) == []


# --- What fhir.resources checks, and what it does not (the module docstring) --------


def test_parse_returns_the_model():
    model = parse(transaction())
    assert model.get_resource_type() == "Bundle" and len(model.entry) == 4


@pytest.mark.parametrize(
    ("broken", "where"),
    [
        ({"resourceType": "Bundle"}, "type"),
        ({"resourceType": "QuestionnaireResponse"}, "status"),
        ({"resourceType": "Bundle", "type": "collection", "bogus": 1}, "bogus"),
        ({"resourceType": "QuestionnaireResponse", "status": "completed", "item": "x"}, "item"),
        ({"resourceType": "Questionnaire", "status": "active", "item": [{"linkId": "a"}]}, "type"),
        ({"resourceType": "NoSuchThing"}, "NoSuchThing"),
    ],
    ids=["bundle-type", "qr-status", "unknown-field", "wrong-type", "item-type", "resource"],
)
def test_the_library_refuses_missing_unknown_and_mistyped_elements(broken, where):
    with pytest.raises(FhirValidationError) as caught:
        parse(broken)
    assert where in str(caught.value)
    assert problems(broken)


def test_an_unknown_resource_inside_a_bundle_is_a_problem_not_a_crash():
    bundle = transaction()
    bundle["entry"][0]["resource"] = {"resourceType": "NoSuchThing"}
    assert problems(bundle)


def test_the_library_does_not_check_bindings_references_or_json_types():
    """The gaps ``problems`` closes: ``fhir.resources`` accepts all of these."""
    bundle = transaction()
    bundle["type"] = "nonsense"
    resource(bundle, "Flag")["subject"]["reference"] = "urn:uuid:nobody"
    resource(bundle, "Flag")["code"]["coding"][0]["code"] = "not-a-sign"
    resource(bundle, "Observation")["valueQuantity"]["value"] = "20"
    parse(bundle)
    found = "\n".join(problems(bundle))
    assert "'nonsense' is not a Bundle.type" in found
    assert "'20' is not a JSON number" in found
    assert "'not-a-sign' is not a code of" in found


# --- Our checks ---------------------------------------------------------------------


def test_an_unresolved_reference_is_a_problem():
    bundle = transaction()
    resource(bundle, "Observation")["derivedFrom"][0]["reference"] = "urn:uuid:missing"
    parse(bundle)  # the library does not notice
    assert problems(bundle) == [
        "Bundle.entry[3].resource.derivedFrom[0].reference: 'urn:uuid:missing' does not resolve "
        "inside the Bundle"
    ]


def test_a_reference_resolves_by_type_and_id_or_conditional_url():
    bundle = transaction()
    bundle["entry"][0]["resource"]["id"] = "7"
    bundle["entry"][0]["request"] = {"method": "PUT", "url": "Patient?identifier=x|1"}
    resource(bundle, "Flag")["subject"]["reference"] = "Patient/7"
    resource(bundle, "Observation")["subject"]["reference"] = "Patient?identifier=x|1"
    assert problems(bundle) == []
    resource(bundle, "Flag")["subject"]["reference"] = "Patient/8"
    assert len(problems(bundle)) == 1


def test_a_transaction_entry_needs_a_request():
    bundle = transaction()
    del bundle["entry"][2]["request"]
    assert problems(bundle) == ["Bundle.entry[2]: a transaction entry needs a request"]


def test_a_code_not_in_our_code_system_is_a_problem():
    bundle = transaction()
    resource(bundle, "Flag")["code"]["coding"][0]["code"] = "headache"
    assert problems(bundle) == [
        "Bundle.entry[2].resource.code.coding[0]: 'headache' is not a code of "
        f"{codes.WARNING_SIGNS}"
    ]


def test_an_answer_outside_the_instrument_values_is_a_problem():
    bundle = transaction()
    resource(bundle, "QuestionnaireResponse")["item"][0]["answer"][0]["valueCoding"]["code"] = "9"
    where = "Bundle.entry[1].resource.item[0].answer[0].valueCoding"
    assert problems(bundle) == [
        f"{where}: '9' is not a code of {codes.instrument_answer_system('odi')}",
        f"{where}: '9' is not an answer option",
    ]


def test_an_answer_of_the_wrong_type_is_a_problem():
    bundle = transaction()
    resource(bundle, "QuestionnaireResponse")["item"][0]["answer"] = [{"valueInteger": 2}]
    assert problems(bundle) == [
        "Bundle.entry[1].resource.item[0].answer[0]: a choice item is answered with "
        "['valueInteger']"
    ]


def test_two_answers_to_an_item_that_does_not_repeat_is_a_problem():
    bundle = transaction()
    item = resource(bundle, "QuestionnaireResponse")["item"][0]
    item["answer"] = item["answer"] * 2
    assert problems(bundle) == [
        "Bundle.entry[1].resource.item[0]: 2 answers to an item that does not repeat"
    ]


def test_an_unknown_nervedesk_system_is_a_problem():
    bundle = transaction()
    coding = resource(bundle, "Flag")["code"]["coding"][0]
    coding["system"] = f"{codes.CANONICAL}/CodeSystem/red-flag"
    assert problems(bundle) == [
        f"Bundle.entry[2].resource.code.coding[0].system: {coding['system']} is not a "
        "NerveDesk CodeSystem"
    ]


def test_an_undeclared_loinc_code_is_a_problem():
    bundle = transaction()
    resource(bundle, "Observation")["code"]["coding"][0]["code"] = "12345-6"
    assert problems(bundle) == [
        f"Bundle.entry[3].resource.code.coding[0]: '12345-6' is not a code of {codes.LOINC}"
    ]


@pytest.mark.parametrize(
    ("spoil", "weights"),
    [
        (lambda option: option.pop("extension"), 0),
        (lambda option: option["extension"].append(copy.deepcopy(option["extension"][0])), 2),
        (lambda option: option["extension"][0].update(valueDecimal="1"), 1),
        (lambda option: option["extension"][0].update(url="http://example.org/weight"), 0),
    ],
    ids=["missing", "twice", "string", "other-extension"],
)
def test_a_scored_option_without_exactly_one_numeric_weight_is_a_problem(spoil, weights):
    questionnaire = instrument_questionnaire(ODI)
    assert problems(questionnaire) == []
    spoil(questionnaire["item"][2]["answerOption"][3])
    assert [p for p in problems(questionnaire) if "itemWeight" in p] == [
        "Questionnaire.item[2].answerOption[3]: needs exactly one itemWeight with a "
        f"valueDecimal (has {weights})"
    ]


def test_an_unknown_questionnaire_canonical_is_a_problem():
    bundle = transaction()
    response = resource(bundle, "QuestionnaireResponse")
    for canonical in (
        codes.questionnaire_url("odi"),  # no version
        f"{codes.questionnaire_url('odi')}|9.9",
        "http://example.org/Questionnaire/odi|2.1",
    ):
        response["questionnaire"] = canonical
        assert problems(bundle) == [
            f"Bundle.entry[1].resource.questionnaire: {canonical!r} is not url|version of a "
            "NerveDesk Questionnaire"
        ]


def test_a_response_answers_only_its_questionnaire_link_ids():
    bundle = transaction()
    resource(bundle, "QuestionnaireResponse")["item"][0]["linkId"] = "11"
    assert problems(bundle) == [
        "Bundle.entry[1].resource.item[0]: no item '11' here in its Questionnaire"
    ]


def test_an_intake_response_nests_answers_in_their_step_group():
    intake = intake_questionnaire()
    canonical = f"{intake['url']}|{intake['version']}"
    response = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": canonical,
        "status": "completed",
        "item": [
            {
                "linkId": "step_feels_like",
                "item": [
                    {
                        "linkId": "course",
                        "answer": [{"valueCoding": {"system": codes.COURSES, "code": "worse"}}],
                    }
                ],
            }
        ],
    }
    assert problems(response) == []
    response["item"] = response["item"][0]["item"]  # not inside its group
    assert problems(response) == [
        "QuestionnaireResponse.item[0]: no item 'course' here in its Questionnaire"
    ]


def test_enable_when_must_name_an_existing_item():
    questionnaire = intake_questionnaire()
    assert problems(questionnaire) == []
    risk_step = next(g for g in questionnaire["item"] if g["linkId"] == "step_risk_factors")
    injury_date = next(i for i in risk_step["item"] if i["linkId"] == "injury_date")
    injury_date["enableWhen"][0]["question"] = "risk_factor"
    assert problems(questionnaire) == [
        "Questionnaire.item[4].item[1].enableWhen[0].question: no item 'risk_factor'"
    ]


def test_empty_arrays_and_unknown_item_types_are_problems():
    questionnaire = instrument_questionnaire(ODI)
    questionnaire["item"][0]["type"] = "multiple-choice"
    questionnaire["subjectType"] = []
    parse(questionnaire)  # the library accepts both
    assert problems(questionnaire) == [
        "Questionnaire.subjectType: empty list (FHIR forbids empty arrays)",
        "Questionnaire.item[0].type: 'multiple-choice' is not a Questionnaire item type",
    ]
