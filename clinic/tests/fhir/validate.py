"""Check FHIR R4 JSON: ``fhir.resources`` (8.x, R4B models) first, then what it skips.

What ``fhir.resources`` checks (tried on 8.3.0): unknown elements are refused (also
inside Bundle entries), cardinality and required elements (Bundle.type,
QuestionnaireResponse.status, Questionnaire.item.type, linkId, CodeSystem.content,
extension url), a list where a list belongs, one value of a choice type ``value[x]``,
the ``id`` pattern, empty strings, date/dateTime formats.

What it does not check, and ``problems`` does:
- code values of required bindings: "nonsense" passes as Bundle.type, item type or
  status (``problems`` checks those the export uses);
- JSON types of primitives: "3" passes as an integer or decimal, "true" as a boolean
  (so a Decimal written as a string by DjangoJSONEncoder would pass);
- empty arrays and objects (FHIR forbids them);
- any invariant: a transaction entry without ``request`` passes;
- references: any string passes, resolved or not (in a transaction Bundle every
  ``reference`` must be an entry's fullUrl, ``Type/id``, or conditional request url);
- code membership: any code in any system; here a NerveDesk coding must use a code of
  its CodeSystem (``code_systems()``), LOINC and SNOMED codes must be declared in
  ``codes``;
- Questionnaire logic: an ``enableWhen`` may name a missing linkId; here it may not,
  linkIds are unique, and every answer option of an instrument item carries exactly
  one ``itemWeight`` with a number;
- QuestionnaireResponse: its ``questionnaire`` is free text; here it must be
  ``url|version`` of one of ours, and its linkIds must be that Questionnaire's.
"""

from decimal import Decimal

import pydantic
from fhir.resources.R4B import get_fhir_model_class

from clinic.fhir import codes
from clinic.fhir.questionnaires import code_systems, questionnaire_bundle
from intake import instruments


class FhirValidationError(ValueError):
    """What ``fhir.resources`` refused; ``errors`` lists one line per problem."""

    def __init__(self, resource_type, errors):
        self.errors = list(errors)
        super().__init__(f"Invalid FHIR {resource_type}: " + "; ".join(self.errors))


def parse(resource):
    """The ``fhir.resources`` R4B model of ``resource`` (a dict), or FhirValidationError."""
    resource_type = resource.get("resourceType") if isinstance(resource, dict) else None
    try:
        model = get_fhir_model_class(str(resource_type))
    except (ValueError, KeyError):
        raise FhirValidationError(
            resource_type, [f"unknown resourceType {resource_type!r}"]
        ) from None
    try:
        return model.model_validate(resource)
    except pydantic.ValidationError as error:
        raise FhirValidationError(
            resource_type,
            [
                f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}"
                for e in error.errors()
            ],
        ) from None
    except (KeyError, ValueError, TypeError) as error:  # e.g. an unknown nested resourceType
        raise FhirValidationError(resource_type, [f"cannot read: {error!r}"]) from None


# Required bindings of the elements the export uses: (resourceType, element) -> codes.
STATUS = {"draft", "active", "retired", "unknown"}
REQUIRED_CODES = {
    ("Bundle", "type"): {
        "document",
        "message",
        "transaction",
        "transaction-response",
        "batch",
        "batch-response",
        "history",
        "searchset",
        "collection",
    },
    ("Questionnaire", "status"): STATUS,
    ("CodeSystem", "status"): STATUS,
    ("CodeSystem", "content"): {"not-present", "example", "fragment", "complete", "supplement"},
    ("QuestionnaireResponse", "status"): {
        "in-progress",
        "completed",
        "amended",
        "entered-in-error",
        "stopped",
    },
}
ITEM_TYPES = {
    "group",
    "display",
    "boolean",
    "decimal",
    "integer",
    "date",
    "dateTime",
    "time",
    "string",
    "text",
    "url",
    "choice",
    "open-choice",
    "attachment",
    "reference",
    "quantity",
}
ENABLE_WHEN_OPERATORS = {"exists", "=", "!=", ">", "<", ">=", "<="}
REQUEST_METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"}
NUMBER_SUFFIXES = ("Integer", "Decimal", "UnsignedInt", "PositiveInt")
CODESYSTEM_PREFIX = f"{codes.CANONICAL}/CodeSystem/"


def _declared_codes():
    """``{system: codes}`` of LOINC and SNOMED codes ``codes`` declares."""
    loinc = {code for code, _display in codes.INSTRUMENT_PANELS.values()}
    loinc |= {code for system, code, _d in codes.SCORE_CODES.values() if system == codes.LOINC}
    loinc |= {codes.PAIN_NRS[1], codes.START_BACK_DISTRESS[1], codes.START_BACK_RISK[1]}
    loinc |= {code for code, _display in codes.START_BACK_RISK_ANSWERS.values()}
    snomed = {code for code, _d in [*codes.BODY_SITES.values(), *codes.LATERALITY.values()]}
    return {codes.LOINC: loinc, codes.SNOMED: snomed}


def _concept_codes(concepts):
    for concept in concepts or []:
        yield concept["code"]
        yield from _concept_codes(concept.get("concept"))


def known_codes():
    """``{system: set of codes}``: every NerveDesk CodeSystem, and declared LOINC/SNOMED."""
    known = {system["url"]: set(_concept_codes(system["concept"])) for system in code_systems()}
    return {**known, **_declared_codes()}


def known_questionnaires():
    """``{"url|version": Questionnaire}`` of our own Questionnaires."""
    return {
        f"{q['url']}|{q['version']}": q
        for entry in questionnaire_bundle()["entry"]
        if (q := entry["resource"])["resourceType"] == "Questionnaire"
    }


def _walk(node, path=""):
    """Every (path, key, value, owning dict) below ``node``, depth first."""
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}" if path else key
            yield where, key, value, node
            yield from _walk(value, where)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{path}[{index}]")


def _root(resource):
    return str(resource.get("resourceType", "(resource)"))


def _resources(resource, path=""):
    """(path, resource) of ``resource`` and of every resource inside it (entries,
    contained)."""
    path = path or _root(resource)
    yield path, resource
    for where, key, value, _owner in _walk(resource, path):
        if key in ("resource", "contained"):
            for index, inner in enumerate(value if isinstance(value, list) else [value]):
                if isinstance(inner, dict) and "resourceType" in inner:
                    yield (f"{where}[{index}]" if key == "contained" else where), inner


def _is_number(value):
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _number_expected(key, where):
    """``valueInteger``, ``answerDecimal`` ... and a Quantity's ``value``."""
    if key.endswith(NUMBER_SUFFIXES):
        return True
    return key == "value" and where.split(".")[-2].endswith(("Quantity", "Money"))


def _json_problems(bundle):
    found = []
    for where, key, value, _owner in _walk(bundle, _root(bundle)):
        if value in ([], {}):
            found.append(f"{where}: empty {type(value).__name__} (FHIR forbids empty arrays)")
        elif key.endswith("Boolean") and not isinstance(value, bool):
            found.append(f"{where}: {value!r} is not a JSON boolean")
        elif _number_expected(key, where) and not _is_number(value):
            found.append(f"{where}: {value!r} is not a JSON number")
    return found


def _binding_problems(resources):
    found = []
    for path, resource in resources:
        kind = resource.get("resourceType")
        for (resource_type, element), allowed in REQUIRED_CODES.items():
            if kind == resource_type and element in resource and resource[element] not in allowed:
                found.append(f"{path}.{element}: {resource[element]!r} is not a {kind}.{element}")
        if kind == "Questionnaire":
            for where, key, value, _owner in _walk(resource, path):
                if key == "type" and ".item" in where and value not in ITEM_TYPES:
                    found.append(f"{where}: {value!r} is not a Questionnaire item type")
                if key == "operator" and value not in ENABLE_WHEN_OPERATORS:
                    found.append(f"{where}: {value!r} is not an enableWhen operator")
    return found


def _reference_problems(bundle):
    """A transaction's references must point inside it; entries need a request."""
    entries = bundle.get("entry") or []
    targets = set()
    for entry in entries:
        resource = entry.get("resource") or {}
        targets.add(entry.get("fullUrl"))
        if resource.get("id"):
            targets.add(f"{resource.get('resourceType')}/{resource['id']}")
        targets.add((entry.get("request") or {}).get("url"))
    found = []
    for index, entry in enumerate(entries):
        request = entry.get("request")
        if not request:
            found.append(f"Bundle.entry[{index}]: a transaction entry needs a request")
        elif request.get("method") not in REQUEST_METHODS:
            found.append(f"Bundle.entry[{index}].request.method: {request.get('method')!r}")
        resource = entry.get("resource") or {}
        contained = {f"#{c.get('id')}" for c in resource.get("contained") or []}
        for where, key, value, _owner in _walk(resource, f"Bundle.entry[{index}].resource"):
            if key == "reference" and isinstance(value, str) and value not in targets | contained:
                found.append(f"{where}: {value!r} does not resolve inside the Bundle")
    return found


def _coding_problems(bundle, known):
    found = []
    for where, key, value, owner in _walk(bundle, _root(bundle)):
        if key != "system" or "code" not in owner or not isinstance(value, str):
            continue
        code = owner["code"]
        if value in known:
            if code not in known[value]:
                found.append(f"{where.removesuffix('.system')}: {code!r} is not a code of {value}")
        elif value.startswith(CODESYSTEM_PREFIX):
            found.append(f"{where}: {value} is not a NerveDesk CodeSystem")
    return found


def _linkids(items):
    for item in items or []:
        yield item.get("linkId")
        yield from _linkids(item.get("item"))


def _questionnaire_problems(path, questionnaire):
    found = []
    link_ids = list(_linkids(questionnaire.get("item")))
    duplicates = sorted({str(x) for x in link_ids if link_ids.count(x) > 1})
    if duplicates:
        found.append(f"{path}: linkIds used twice: {', '.join(duplicates)}")
    for where, key, value, _owner in _walk(questionnaire, path):
        if key == "enableWhen":
            for index, condition in enumerate(value):
                if condition.get("question") not in link_ids:
                    found.append(
                        f"{where}[{index}].question: no item {condition.get('question')!r}"
                    )
    scored = {codes.questionnaire_url(code) for code in instruments.INSTRUMENTS}
    if questionnaire.get("url") in scored:
        for index, item in enumerate(questionnaire.get("item") or []):
            where = f"{path}.item[{index}]"
            if item.get("type") == "choice" and not item.get("answerOption"):
                found.append(f"{where}: a scored item without answer options")
            for number, option in enumerate(item.get("answerOption") or []):
                weights = [
                    e for e in option.get("extension") or [] if e.get("url") == codes.ITEM_WEIGHT
                ]
                weight = weights[0].get("valueDecimal") if len(weights) == 1 else None
                if not _is_number(weight):
                    found.append(
                        f"{where}.answerOption[{number}]: needs exactly one itemWeight with "
                        f"a valueDecimal (has {len(weights)})"
                    )
    return found


# Questionnaire item type -> the answer's value[x] it takes.
ANSWER_VALUES = {
    "boolean": "valueBoolean",
    "decimal": "valueDecimal",
    "integer": "valueInteger",
    "date": "valueDate",
    "dateTime": "valueDateTime",
    "string": "valueString",
    "text": "valueString",
    "choice": "valueCoding",
}


def _answer_problems(where, answer, definition):
    """An answer's value[x] fits its item's type; a choice is one of its options."""
    kind = definition.get("type")
    values = [key for key in answer if key.startswith("value")]
    expected = ANSWER_VALUES.get(kind)
    if expected and values != [expected]:
        return [f"{where}: a {kind} item is answered with {values or 'nothing'}"]
    if kind == "choice":
        options = {
            (o["valueCoding"].get("system"), o["valueCoding"].get("code"))
            for o in definition.get("answerOption") or []
            if "valueCoding" in o
        }
        coding = answer["valueCoding"]
        if (coding.get("system"), coding.get("code")) not in options:
            return [f"{where}.valueCoding: {coding.get('code')!r} is not an answer option"]
    return []


def _response_items_problems(where, answered, defined):
    """Each answered item's linkId must be a sibling item of the definition, and each
    answer fit the item (``_answer_problems``); only repeating items answer twice."""
    found = []
    by_link = {item.get("linkId"): item for item in defined or []}
    for index, item in enumerate(answered or []):
        here = f"{where}.item[{index}]"
        definition = by_link.get(item.get("linkId"))
        if definition is None:
            found.append(f"{here}: no item {item.get('linkId')!r} here in its Questionnaire")
            continue
        children = definition.get("item")
        found += _response_items_problems(here, item.get("item"), children)
        answers = item.get("answer") or []
        if len(answers) > 1 and not definition.get("repeats"):
            found.append(f"{here}: {len(answers)} answers to an item that does not repeat")
        for number, answer in enumerate(answers):
            found += _answer_problems(f"{here}.answer[{number}]", answer, definition)
            found += _response_items_problems(
                f"{here}.answer[{number}]", answer.get("item"), children
            )
    return found


def _response_problems(path, response, questionnaires):
    canonical = response.get("questionnaire")
    questionnaire = questionnaires.get(canonical)
    if questionnaire is None:
        return [
            f"{path}.questionnaire: {canonical!r} is not url|version of a NerveDesk Questionnaire"
        ]
    return _response_items_problems(path, response.get("item"), questionnaire.get("item"))


def problems(bundle):
    """Human-readable problems of ``bundle`` (a Bundle dict, or any resource); [] if fine."""
    try:
        parse(bundle)
        found = []
    except FhirValidationError as error:
        found = list(error.errors)
    if not isinstance(bundle, dict):
        return found
    resources = list(_resources(bundle))
    found += _json_problems(bundle)
    found += _binding_problems(resources)
    if bundle.get("resourceType") == "Bundle" and bundle.get("type") == "transaction":
        found += _reference_problems(bundle)
    found += _coding_problems(bundle, known_codes())
    questionnaires = None
    for path, resource in resources:
        if resource.get("resourceType") == "Questionnaire":
            found += _questionnaire_problems(path, resource)
        elif resource.get("resourceType") == "QuestionnaireResponse":
            questionnaires = questionnaires or known_questionnaires()
            found += _response_problems(path, resource, questionnaires)
    return found
