"""One submitted intake as a FHIR R4 ``Bundle`` of type ``transaction``.

Entries refer to each other by ``urn:uuid`` full URLs made from the intake's key (the
same intake always gives the same Bundle), and each ``request`` is a conditional PUT on
the NerveDesk identifier, so sending the Bundle twice updates rather than duplicates.

- ``Patient``: what the clinic holds (chart number, name, birth date, phone, email).
- ``Encounter``: the visit the intake was for.
- ``QuestionnaireResponse``: the intake's answers, and one per questionnaire, each
  linked to its ``Questionnaire`` by canonical URL and version.
- ``Observation`` per score (category survey), derived from its response.
- ``Flag`` per warning sign raised, with the sign's code and the intake's level.
- ``Provenance``: the patient typed it on a NerveDesk tablet; when it was submitted.
"""

import uuid

from django.conf import settings

from clinic.fhir import codes
from clinic.fhir.questionnaires import (
    INTAKE_GROUPS,
    INTAKE_LINK_IDS,
    instrument_questionnaire,
    intake_answer_coding,
)
from intake import instruments
from intake.vocabulary import (
    EMERGENCY_SIGNS,
    PAIN_RATING_FIELDS,
    FactorEffect,
    WarningSign,
    region_key,
)

# A fixed namespace: the urn:uuid of an intake's resources depends only on its key.
NAMESPACE = uuid.UUID("6f1b8a52-4f0e-4c1e-9a57-2f6a3f0c9d11")
IDENTIFIER_SYSTEM = f"{codes.CANONICAL}/NamingSystem/resource-id"


def _urn(kind, key):
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}/{key}')}"


def _coding(system, code, display=None):
    coding = {"system": system, "code": str(code)}
    if display:
        coding["display"] = str(display)
    return coding


def _instant(moment):
    return moment.isoformat(timespec="seconds")


def _entry(resource_type, key, resource, *, identifier=None):
    """A transaction entry: a conditional PUT on the resource's identifier (by default
    NerveDesk's own), so a Bundle sent twice updates instead of duplicating."""
    resource = {"resourceType": resource_type, **resource}
    if resource_type == "Provenance":  # no identifier: each export records a new one
        request = {"method": "POST", "url": "Provenance"}
    else:
        identifier = identifier or {"system": IDENTIFIER_SYSTEM, "value": f"{resource_type}/{key}"}
        # QuestionnaireResponse has one identifier (0..1); the others a list.
        single = resource_type == "QuestionnaireResponse"
        resource["identifier"] = identifier if single else [identifier]
        query = f"identifier={identifier['system']}|{identifier['value']}"
        request = {"method": "PUT", "url": f"{resource_type}?{query}"}
    return {"fullUrl": _urn(resource_type, key), "resource": resource, "request": request}


def _patient(patient):
    """Only what the clinic holds; the chart number is how its record system knows them."""
    resource = {
        "name": [{"family": patient.last_name, "given": [patient.first_name]}],
        "birthDate": patient.date_of_birth.isoformat(),
    }
    telecom = [
        {"system": system, "value": value}
        for system, value in (("phone", patient.phone), ("email", patient.email))
        if value
    ]
    if telecom:
        resource["telecom"] = telecom
    chart = {"system": codes.CHART_NUMBERS, "value": patient.chart_number}
    return _entry("Patient", patient.pk, resource, identifier=chart)


def _encounter(intake, patient_ref):
    return _entry(
        "Encounter",
        intake.pk,
        {
            "status": "finished",
            "class": _coding(codes.ENCOUNTER_CLASS, "AMB", "ambulatory"),
            "subject": {"reference": patient_ref},
            "period": {"start": _instant(intake.started_at), "end": _instant(intake.submitted_at)},
        },
    )


def _response(key, questionnaire, items, intake, refs):
    return _entry(
        "QuestionnaireResponse",
        key,
        {
            "questionnaire": questionnaire,
            "status": "completed",
            "subject": {"reference": refs["patient"]},
            "encounter": {"reference": refs["encounter"]},
            "authored": _instant(intake.submitted_at),
            "source": {"reference": refs["patient"]},
            "item": items,
        },
    )


def _number(value):
    """A JSON number: an int when whole (a Decimal would be written as a string)."""
    number = float(value)
    return int(number) if number.is_integer() else number


def _intake_answers(intake):
    """``{linkId: [answer, ...]}`` of every question the patient answered."""
    answers = {}

    def add(link_id, kind, value):
        if value is not None and value != "":
            answers.setdefault(link_id, []).append({f"value{kind}": value})

    add("height_cm", "Integer", intake.height_cm)
    add("weight_kg", "Decimal", None if intake.weight_kg is None else _number(intake.weight_kg))
    for field in ("sits_long", "manual_work", "repetitive_activity"):
        add(field, "Boolean", getattr(intake, field))
    for row in intake.regions.all():
        add("regions", "Coding", intake_answer_coding("regions", region_key(row.side, row.region)))
    for row in intake.symptoms.all():
        add("symptoms", "Coding", intake_answer_coding("symptoms", row.kind))
    for row in intake.pain_qualities.all():
        add("pain_qualities", "Coding", intake_answer_coding("pain_qualities", row.quality))
    add("onset_date", "Date", intake.onset_date and intake.onset_date.isoformat())
    if intake.onset_type:
        add("onset_type", "Coding", intake_answer_coding("onset_type", intake.onset_type))
    add("onset_after_injury", "Boolean", intake.onset_after_injury)
    add("first_episode", "Boolean", intake.first_episode)
    if intake.course:
        add("course", "Coding", intake_answer_coding("course", intake.course))
    for row in intake.factors.all():
        link_id = "worse_factors" if row.effect == FactorEffect.WORSE else "better_factors"
        add(link_id, "Coding", intake_answer_coding(link_id, row.factor))
    for field in PAIN_RATING_FIELDS.values():
        add(field, "Integer", getattr(intake, field))
    for row in intake.risk_factors.all():
        add("risk_factors", "Coding", intake_answer_coding("risk_factors", row.factor))
    add("injury_date", "Date", intake.injury_date and intake.injury_date.isoformat())
    for row in intake.warning_answers.all():
        add(row.question, "Boolean", row.answer)
    for row in intake.treatments.all():
        link_id = f"treatment_{row.treatment}"
        add(link_id, "Coding", intake_answer_coding(link_id, row.outcome))
    for row in sorted(intake.medicines.all(), key=lambda medicine: medicine.position):
        add("medicines", "String", row.name)
    add("goals", "String", intake.goals)
    return answers


def _in_option_order(question, answers):
    """Coded answers in the order of the question's options (body regions head to
    foot), other answers as given."""
    order = {code: index for index, (code, _label) in enumerate(question.choices)}
    return sorted(
        answers, key=lambda answer: order.get(answer.get("valueCoding", {}).get("code"), 0)
    )


def intake_answer_items(intake):
    """The intake's answers as response items, nested in their step groups in the
    Questionnaire's order; unanswered questions and empty groups are left out."""
    answers = _intake_answers(intake)
    unknown = set(answers) - set(INTAKE_LINK_IDS)
    if unknown:  # a new question needs its place in INTAKE_GROUPS first
        raise ValueError(f"Answers without a Questionnaire item: {sorted(unknown)}")
    groups = []
    for group, _step, questions in INTAKE_GROUPS:
        items = [
            {
                "linkId": question.link_id,
                "answer": _in_option_order(question, answers[question.link_id]),
            }
            for question in questions
            if question.link_id in answers
        ]
        if items:
            groups.append({"linkId": group, "item": items})
    return groups


def _instrument_items(response):
    return [
        {"linkId": str(number), "answer": [{"valueCoding": coding}]}
        for number, coding in instrument_answer_codings(response).items()
    ]


def instrument_answer_codings(response):
    """``{item number: answer coding}`` of one stored questionnaire response."""
    system = codes.instrument_answer_system(response.instrument)
    return {
        int(number): _coding(system, value)
        for number, value in sorted(response.answers.items(), key=lambda pair: int(pair[0]))
        if value is not None
    }


def _observation(key, coding, value, intake, refs, derived_from, *, extra_codes=()):
    resource = {
        "status": "final",
        "category": [
            {"coding": [_coding(codes.OBSERVATION_CATEGORY, "survey", "Survey")]},
        ],
        "code": {"coding": [_coding(*coding), *(_coding(*c) for c in extra_codes)]},
        "subject": {"reference": refs["patient"]},
        "encounter": {"reference": refs["encounter"]},
        "effectiveDateTime": _instant(intake.submitted_at),
        "derivedFrom": [{"reference": derived_from}],
    }
    resource.update(value)
    return _entry("Observation", key, resource)


def _quantity(value, unit="{score}"):
    return {
        "valueQuantity": {"value": _number(value), "system": codes.UCUM, "code": unit, "unit": unit}
    }


def _score_observations(intake, refs, response_refs):
    entries = []
    for code, field in PAIN_RATING_FIELDS.items():
        value = getattr(intake, field)
        if value is not None:
            entries.append(
                _observation(
                    f"{intake.pk}/nrs.{code}",
                    codes.SCORE_CODES[f"nrs.{code}"],
                    _quantity(value),
                    intake,
                    refs,
                    refs["intake_response"],
                    extra_codes=[codes.PAIN_NRS],
                )
            )
    for response in intake.questionnaires.all():
        if response.total is None or response.instrument not in codes.SCORE_CODES:
            continue
        source = response_refs[response.instrument]
        key = f"{intake.pk}/{response.instrument}"
        unit = "%" if response.instrument == "odi" else "{score}"
        entries.append(
            _observation(
                key,
                codes.SCORE_CODES[response.instrument],
                _quantity(response.total, unit),
                intake,
                refs,
                source,
            )
        )
        if response.instrument == "start_back":
            if response.subscore is not None:
                entries.append(
                    _observation(
                        f"{key}/distress",
                        codes.START_BACK_DISTRESS,
                        _quantity(response.subscore),
                        intake,
                        refs,
                        source,
                    )
                )
            if response.band in codes.START_BACK_RISK_ANSWERS:
                answer = codes.START_BACK_RISK_ANSWERS[response.band]
                entries.append(
                    _observation(
                        f"{key}/risk",
                        codes.START_BACK_RISK,
                        {"valueCodeableConcept": {"coding": [_coding(codes.LOINC, *answer)]}},
                        intake,
                        refs,
                        source,
                    )
                )
        elif response.band:
            entries[-1]["resource"]["interpretation"] = [
                {"coding": [_coding(codes.score_band_system(response.instrument), response.band)]}
            ]
    return entries


def _flags(intake, refs):
    level = "emergency" if any(s in EMERGENCY_SIGNS for s in intake.warning_signs) else "urgent"
    return [
        _entry(
            "Flag",
            f"{intake.pk}/{sign}",
            {
                "status": "active",
                "category": [
                    {"coding": [_coding(codes.FLAG_CATEGORY, "clinical", "Clinical")]},
                    {"coding": [_coding(codes.WARNING_LEVELS, level)]},
                ],
                "code": {"coding": [_coding(codes.WARNING_SIGNS, sign, WarningSign(sign).label)]},
                "subject": {"reference": refs["patient"]},
                "encounter": {"reference": refs["encounter"]},
                "period": {"start": _instant(intake.warning_flagged_at or intake.submitted_at)},
            },
        )
        for sign in intake.warning_signs
    ]


def _provenance(intake, targets, refs):
    return _entry(
        "Provenance",
        intake.pk,
        {
            "target": [{"reference": target} for target in targets],
            "recorded": _instant(intake.submitted_at),
            "agent": [
                {
                    "type": {"coding": [_coding(codes.PROVENANCE_AGENT_TYPE, "author")]},
                    "who": {"reference": refs["patient"]},
                },
                {
                    "type": {"coding": [_coding(codes.PROVENANCE_AGENT_TYPE, "assembler")]},
                    "who": {"display": f"NerveDesk ({settings.CLINIC_NAME})"},
                },
            ],
        },
    )


def intake_bundle(intake):
    """The transaction Bundle of one submitted intake (from ``intake_with_answers()``)."""
    if intake.submitted_at is None:
        raise ValueError("Only a submitted intake is exported.")
    patient = _patient(intake.patient)
    refs = {"patient": patient["fullUrl"]}
    encounter = _encounter(intake, refs["patient"])
    refs["encounter"] = encounter["fullUrl"]
    intake_url = codes.questionnaire_url(codes.INTAKE_QUESTIONNAIRE)
    intake_questionnaire = f"{intake_url}|{codes.INTAKE_QUESTIONNAIRE_VERSION}"
    intake_response = _response(
        intake.pk, intake_questionnaire, intake_answer_items(intake), intake, refs
    )
    refs["intake_response"] = intake_response["fullUrl"]
    responses, response_refs = [], {}
    for response in intake.questionnaires.all():
        definition = instrument_questionnaire(instruments.get(response.instrument))
        entry = _response(
            f"{intake.pk}/{response.instrument}",
            f"{definition['url']}|{definition['version']}",
            _instrument_items(response),
            intake,
            refs,
        )
        responses.append(entry)
        response_refs[response.instrument] = entry["fullUrl"]
    entries = [
        patient,
        encounter,
        intake_response,
        *responses,
        *_score_observations(intake, refs, response_refs),
        *_flags(intake, refs),
    ]
    entries.append(_provenance(intake, [e["fullUrl"] for e in entries[1:]], refs))
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid5(NAMESPACE, f"Bundle/{intake.pk}")),
        "type": "transaction",
        "timestamp": _instant(intake.submitted_at),
        "entry": entries,
    }
