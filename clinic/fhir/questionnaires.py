"""The NerveDesk intake and each instrument as FHIR R4 ``Questionnaire`` (SDC style),
with the NerveDesk ``CodeSystem``s they use. Pure: plain dicts, no database.

Instruments (``instrument_questionnaire``): item ``linkId`` = the item number as text
("1", "2", ...); each answer option is a ``valueCoding`` of
``codes.instrument_answer_system(code)`` whose code is the stored value ("0", "1", ...)
and carries exactly one ``itemWeight``: the points the value adds to the score (the
value itself; STarT Back item 9: 1 for 3 or 4, else 0; the Oswestry percentage is the
weighted sum / (5 x sections answered) x 100). Item texts and option labels come only
from wording the clinic loaded (``InstrumentWording``, not sample); otherwise an item
reads "Item <n>" and options have no display: licensed wording is never shipped.

The intake (``intake_questionnaire``): one ``group`` per wizard step, linkId
``step_<name>`` (``INTAKE_GROUPS``); inside, one question per step-form field, linkId
= the field's name, exactly as in ``INTAKE_LINK_IDS`` (answer linkId -> its group):

- step_about_you: height_cm (integer), weight_kg (decimal), sits_long, manual_work,
  repetitive_activity (boolean)
- step_where: regions (choice, repeats). Laterality is coded in the answer: the code
  is the body-map key ``<side>_<region>`` (``left_calf``) of ``codes.BODY_REGIONS``,
  whose CodeSystem nests each sided code under its region and gives the SNOMED CT
  body structure (``body-site``, where ``codes.BODY_SITES`` maps one) and laterality
  (``laterality``) as concept properties.
- step_feels_like: symptoms, pain_qualities (choice, repeats; enabled when symptoms
  = pain), onset_date (date), onset_type (choice), onset_after_injury, first_episode
  (boolean), course (choice), worse_factors, better_factors (choice, repeats)
- step_how_bad: leg_pain_now, leg_pain_average, leg_pain_worst, back_pain_now
  (integer 0-10; coded LOINC 72514-3 and the NerveDesk score code). The Sciatica
  Bothersomeness Index asked on the same page is the ``sbi`` Questionnaire.
- step_risk_factors: risk_factors (choice, repeats), injury_date (date; enabled when
  risk_factors = injury_trauma)
- step_warning_signs: one boolean per ``WarningQuestion``, linkId = its code
  (bladder, ..., minor_fall, ...); coded in ``codes.WARNING_SIGNS`` where the yes
  raises the sign of the same code (minor_fall only counts with osteoporosis, so it
  carries only its item code; it is always asked, hence no enableWhen)
- step_tried: treatment_<treatment> (choice of ``codes.TREATMENT_OUTCOMES``),
  medicines (string, repeats: one answer per medicine), goals (text)

Every question is coded in ``codes.NERVEDESK_ITEMS`` with its linkId as code. A
response nests each answer inside its step's group, as the Questionnaire does; the
coding of a choice answer is ``intake_answer_coding(link_id, code)``. Consent (step 9)
is not a question here, nor are the instruments of step 7 (their own Questionnaires).
"""

import re
from dataclasses import dataclass

from clinic.fhir import codes
from intake import instruments
from intake.forms import AboutYouForm, FeelsLikeForm, RiskFactorsForm, TriedForm, WhereForm
from intake.instruments import start_back
from intake.vocabulary import (
    EMERGENCY_SIGNS,
    PAIN_RATING_FIELDS,
    STEP_ABOUT_YOU,
    STEP_FEELS_LIKE,
    STEP_HOW_BAD,
    STEP_RISK_FACTORS,
    STEP_TITLES,
    STEP_TRIED,
    STEP_WARNING_SIGNS,
    STEP_WHERE,
    WARNING_LEVEL_CODES,
    BodyRegion,
    Course,
    Factor,
    OnsetType,
    PainQuality,
    PainRating,
    RiskFactor,
    Side,
    SymptomKind,
    Treatment,
    TreatmentOutcome,
    WarningLevel,
    WarningQuestion,
    WarningSign,
    region_choices,
    region_key,
)
from intake.warning_signs import DIRECT_QUESTIONS

CODE_SYSTEM_VERSION = "1"


def _coding(system, code, display=None):
    coding = {"system": system, "code": str(code)}
    if display:
        coding["display"] = str(display)
    return coding


def _machine_name(text):
    """A Questionnaire/CodeSystem ``name``: letters and digits, each word capitalised."""
    return "".join(word[:1].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", text))


def _slug(code):
    return code.replace("_", "-")


# --- Instruments -------------------------------------------------------------------


def option_weight(instrument, item, value):
    """The score points ``value`` gives on ``item`` (the ``itemWeight``)."""
    if instrument.code == "start_back":
        return start_back.item_points(item.number, value)
    return value


def instrument_item_code(instrument, item):
    """The NerveDesk item code of an instrument item, e.g. ``odi.section_3``."""
    return f"{instrument.code}.{item.key}"


def _attr(wording, name, default=None):
    if isinstance(wording, dict):
        return wording.get(name, default)
    return getattr(wording, name, default)


def _is_sample(wording):
    return bool(_attr(wording, "is_sample", False) or _attr(wording, "sample", False))


def _loaded_items(wording):
    """``{number: {"text", "options"}}`` of wording the clinic loaded; {} for none or
    sample wording (an ``InstrumentWording`` or a ``validate_wording`` dict)."""
    if wording is None or _is_sample(wording):
        return {}
    return {entry["number"]: entry for entry in _attr(wording, "items", None) or []}


def instrument_questionnaire(instrument, wording=None):
    """``instrument`` as a Questionnaire; texts only from loaded, non-sample wording."""
    loaded = _loaded_items(wording)
    questionnaire = {
        "resourceType": "Questionnaire",
        "id": _slug(instrument.code),
        "url": codes.questionnaire_url(instrument.code),
        "version": instrument.version,
        "name": _machine_name(instrument.name),
        "title": (_attr(wording, "title") if loaded else None) or instrument.name,
        "status": "active",
        "subjectType": ["Patient"],
        "copyright": (_attr(wording, "copyright") if loaded else None) or instrument.copyright,
    }
    if loaded and _attr(wording, "language"):
        questionnaire["language"] = _attr(wording, "language")
    panel = codes.INSTRUMENT_PANELS.get(instrument.code)
    questionnaire["code"] = [
        *([_coding(codes.LOINC, *panel)] if panel else []),
        _coding(codes.NERVEDESK_ITEMS, instrument.code, instrument.name),
    ]
    system = codes.instrument_answer_system(instrument.code)
    items = []
    for item in instrument.items:
        text = loaded.get(item.number)
        labels = {o["value"]: o["label"] for o in text["options"]} if text else {}
        items.append(
            {
                "linkId": str(item.number),
                "code": [_coding(codes.NERVEDESK_ITEMS, instrument_item_code(instrument, item))],
                "text": text["text"] if text else f"Item {item.number}",
                "type": "choice",
                "answerOption": [
                    {
                        "extension": [
                            {
                                "url": codes.ITEM_WEIGHT,
                                "valueDecimal": option_weight(instrument, item, value),
                            }
                        ],
                        "valueCoding": _coding(system, value, labels.get(value)),
                    }
                    for value in item.values
                ],
            }
        )
    questionnaire["item"] = items
    return questionnaire


# --- The intake --------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """One intake question: its linkId (the form field), FHIR type and answers."""

    link_id: str
    type: str
    text: object
    system: str | None = None
    choices: tuple = ()  # (code, label) of a choice question
    repeats: bool = False
    extra_codes: tuple = ()  # (system, code, display) besides the NerveDesk item code
    enable_when: tuple = ()  # (question linkId, answer code)
    extensions: tuple = ()


def _label(form, name):
    return form.base_fields[name].label


def _choice(form, name, system, choices, **kwargs):
    return Question(name, "choice", _label(form, name), system, tuple(choices), **kwargs)


def _boolean(form, name):
    return Question(name, "boolean", _label(form, name))


def _range(low, high, unit=None, value_type="Integer"):
    extensions = [
        {"url": codes.MIN_VALUE, f"value{value_type}": low},
        {"url": codes.MAX_VALUE, f"value{value_type}": high},
    ]
    if unit:
        extensions.append(
            {"url": codes.QUESTIONNAIRE_UNIT, "valueCoding": _coding(codes.UCUM, unit, unit)}
        )
    return tuple(extensions)


def _rating(rating):
    field = PAIN_RATING_FIELDS[rating]
    return Question(
        field,
        "integer",
        rating.label,
        extra_codes=(codes.SCORE_CODES[f"nrs.{rating.value}"], codes.PAIN_NRS),
        extensions=_range(0, 10),
    )


def _warning_question(question):
    sign = (
        ((codes.WARNING_SIGNS, question.value, WarningSign(question.value).label),)
        if question.value in DIRECT_QUESTIONS
        else ()
    )
    return Question(question.value, "boolean", question.label, extra_codes=sign)


_F, _R, _T = FeelsLikeForm, RiskFactorsForm, TriedForm

# (group linkId, step, questions), in wizard order.
INTAKE_GROUPS = (
    (
        "step_about_you",
        STEP_ABOUT_YOU,
        (
            Question(
                "height_cm",
                "integer",
                _label(AboutYouForm, "height_cm"),
                extensions=_range(50, 250, "cm"),
            ),
            Question(
                "weight_kg",
                "decimal",
                _label(AboutYouForm, "weight_kg"),
                extensions=_range(20, 350, "kg", "Decimal"),
            ),
            _boolean(AboutYouForm, "sits_long"),
            _boolean(AboutYouForm, "manual_work"),
            _boolean(AboutYouForm, "repetitive_activity"),
        ),
    ),
    (
        "step_where",
        STEP_WHERE,
        (
            Question(
                "regions",
                "choice",
                _label(WhereForm, "regions"),
                codes.BODY_REGIONS,
                tuple(region_choices()),
                repeats=True,
            ),
        ),
    ),
    (
        "step_feels_like",
        STEP_FEELS_LIKE,
        (
            _choice(_F, "symptoms", codes.SYMPTOMS, SymptomKind.choices, repeats=True),
            _choice(
                _F,
                "pain_qualities",
                codes.PAIN_QUALITIES,
                PainQuality.choices,
                repeats=True,
                enable_when=(("symptoms", SymptomKind.PAIN.value),),
            ),
            Question("onset_date", "date", _label(_F, "onset_date")),
            _choice(_F, "onset_type", codes.ONSET_TYPES, OnsetType.choices),
            _boolean(_F, "onset_after_injury"),
            _boolean(_F, "first_episode"),
            _choice(_F, "course", codes.COURSES, Course.choices),
            _choice(_F, "worse_factors", codes.FACTORS, Factor.choices, repeats=True),
            _choice(_F, "better_factors", codes.FACTORS, Factor.choices, repeats=True),
        ),
    ),
    ("step_how_bad", STEP_HOW_BAD, tuple(_rating(rating) for rating in PainRating)),
    (
        "step_risk_factors",
        STEP_RISK_FACTORS,
        (
            _choice(_R, "risk_factors", codes.RISK_FACTORS, RiskFactor.choices, repeats=True),
            Question(
                "injury_date",
                "date",
                _label(_R, "injury_date"),
                enable_when=(("risk_factors", RiskFactor.INJURY_TRAUMA.value),),
            ),
        ),
    ),
    (
        "step_warning_signs",
        STEP_WARNING_SIGNS,
        tuple(_warning_question(question) for question in WarningQuestion),
    ),
    (
        "step_tried",
        STEP_TRIED,
        (
            *(
                Question(
                    f"treatment_{treatment.value}",
                    "choice",
                    treatment.label,
                    codes.TREATMENT_OUTCOMES,
                    tuple(TreatmentOutcome.choices),
                )
                for treatment in Treatment
            ),
            Question("medicines", "string", _label(_T, "medicines"), repeats=True),
            Question("goals", "text", _label(_T, "goals")),
        ),
    ),
)

# Answer linkId -> the linkId of the step group it sits in.
INTAKE_LINK_IDS = {
    question.link_id: group for group, _step, questions in INTAKE_GROUPS for question in questions
}
_QUESTIONS = {q.link_id: q for _group, _step, questions in INTAKE_GROUPS for q in questions}


def intake_answer_coding(link_id, code):
    """The answer coding of ``code`` on choice question ``link_id``; KeyError if the
    question has no such answer option."""
    question = _QUESTIONS[link_id]
    labels = dict(question.choices)
    if question.system is None or str(code) not in labels:
        raise KeyError(f"{link_id!r} has no answer {code!r}.")
    return _coding(question.system, code, labels[str(code)])


def _question_item(question):
    item = {
        "linkId": question.link_id,
        "code": [
            _coding(codes.NERVEDESK_ITEMS, question.link_id, question.text),
            *(_coding(*code) for code in question.extra_codes),
        ],
        "text": str(question.text),
        "type": question.type,
    }
    if question.extensions:
        item = {"extension": list(question.extensions), **item}
    if question.enable_when:
        item["enableWhen"] = [
            {
                "question": other,
                "operator": "=",
                "answerCoding": intake_answer_coding(other, answer),
            }
            for other, answer in question.enable_when
        ]
    if question.repeats:
        item["repeats"] = True
    if question.choices:
        item["answerOption"] = [
            {"valueCoding": _coding(question.system, code, label)}
            for code, label in question.choices
        ]
    return item


def intake_questionnaire():
    """The NerveDesk intake's own questions; linkIds as in the module docstring."""
    return {
        "resourceType": "Questionnaire",
        "id": codes.INTAKE_QUESTIONNAIRE,
        "url": codes.questionnaire_url(codes.INTAKE_QUESTIONNAIRE),
        "version": codes.INTAKE_QUESTIONNAIRE_VERSION,
        "name": "NerveDeskIntake",
        "title": "NerveDesk sciatica intake",
        "status": "active",
        "subjectType": ["Patient"],
        "copyright": "Wording (c) NerveDesk.",
        "item": [
            {
                "linkId": group,
                "text": str(STEP_TITLES[step]),
                "type": "group",
                "item": [_question_item(question) for question in questions],
            }
            for group, step, questions in INTAKE_GROUPS
        ],
    }


# --- Code systems ------------------------------------------------------------------


def _code_system(url, title, concepts, **extra):
    identifier = url.rsplit("/", 1)[-1]
    return {
        "resourceType": "CodeSystem",
        "id": identifier,
        "url": url,
        "version": CODE_SYSTEM_VERSION,
        "name": _machine_name(f"NerveDesk {identifier}"),
        "title": title,
        "status": "active",
        "caseSensitive": True,
        **extra,
        "content": "complete",
        "concept": concepts,
    }


def _concepts(choices):
    return [{"code": str(code), "display": str(label)} for code, label in choices]


def _item_concepts():
    intake = [(q.link_id, q.text) for q in _QUESTIONS.values()]
    instrument_codes = []
    for instrument in instruments.INSTRUMENTS.values():
        instrument_codes.append((instrument.code, instrument.name))
        instrument_codes.extend(
            (instrument_item_code(instrument, item), f"{instrument.name} item {item.number}")
            for item in instrument.items
        )
    return _concepts(intake + instrument_codes)


def _region_concepts():
    concepts = []
    for region in BodyRegion:
        site = codes.BODY_SITES.get(region.value)
        site_property = (
            [{"code": "body-site", "valueCoding": _coding(codes.SNOMED, *site)}] if site else []
        )
        concept = {"code": region.value, "display": str(region.label)}
        if site_property:
            concept["property"] = site_property
        concept["concept"] = [
            {
                "code": region_key(side.value, region.value),
                "display": f"{region.label} ({side.label})",
                "property": [
                    *site_property,
                    {
                        "code": "laterality",
                        "valueCoding": _coding(codes.SNOMED, *codes.LATERALITY[side.value]),
                    },
                ],
            }
            for side in Side
        ]
        concepts.append(concept)
    return concepts


def _coding_property(code, description):
    return {"code": code, "description": description, "type": "Coding"}


def code_systems():
    """Every NerveDesk CodeSystem the export uses (status active, content complete)."""
    level_of = {
        sign: WARNING_LEVEL_CODES[
            WarningLevel.EMERGENCY if sign in EMERGENCY_SIGNS else WarningLevel.URGENT
        ]
        for sign in WarningSign.values
    }
    systems = [
        _code_system(
            codes.NERVEDESK_ITEMS, "NerveDesk intake and questionnaire items", _item_concepts()
        ),
        _code_system(
            codes.NERVEDESK_SCORES,
            "NerveDesk scores",
            [
                {"code": code, "display": display}
                for system, code, display in codes.SCORE_CODES.values()
                if system == codes.NERVEDESK_SCORES
            ],
        ),
        _code_system(
            codes.WARNING_SIGNS,
            "NerveDesk warning signs",
            [
                {
                    **concept,
                    "property": [
                        {
                            "code": "level",
                            "valueCoding": _coding(codes.WARNING_LEVELS, level_of[concept["code"]]),
                        }
                    ],
                }
                for concept in _concepts(WarningSign.choices)
            ],
            property=[_coding_property("level", "How urgent the sign is")],
        ),
        _code_system(
            codes.WARNING_LEVELS,
            "NerveDesk warning levels",
            _concepts((WARNING_LEVEL_CODES[level], level.label) for level in WarningLevel),
        ),
        _code_system(
            codes.BODY_REGIONS,
            "NerveDesk body regions",
            _region_concepts(),
            hierarchyMeaning="is-a",
            property=[
                _coding_property("body-site", "The SNOMED CT body structure"),
                _coding_property("laterality", "The SNOMED CT side"),
            ],
        ),
        _code_system(codes.SYMPTOMS, "NerveDesk symptoms", _concepts(SymptomKind.choices)),
        _code_system(
            codes.PAIN_QUALITIES, "NerveDesk pain qualities", _concepts(PainQuality.choices)
        ),
        _code_system(codes.ONSET_TYPES, "NerveDesk onset types", _concepts(OnsetType.choices)),
        _code_system(codes.COURSES, "NerveDesk courses", _concepts(Course.choices)),
        _code_system(codes.FACTORS, "NerveDesk factors", _concepts(Factor.choices)),
        _code_system(codes.RISK_FACTORS, "NerveDesk risk factors", _concepts(RiskFactor.choices)),
        _code_system(
            codes.TREATMENT_OUTCOMES,
            "NerveDesk treatment outcomes",
            _concepts(TreatmentOutcome.choices),
        ),
    ]
    for instrument in instruments.INSTRUMENTS.values():
        values = sorted({value for item in instrument.items for value in item.values})
        systems.append(
            _code_system(
                codes.instrument_answer_system(instrument.code),
                f"{instrument.name} answer values",
                _concepts((value, value) for value in values),
            )
        )
        if instrument.bands:
            systems.append(
                _code_system(
                    codes.score_band_system(instrument.code),
                    f"{instrument.name} score bands",
                    _concepts((band, band.replace("_", " ")) for band in instrument.bands),
                )
            )
    return systems


def questionnaire_bundle(wordings=None):
    """A ``collection`` Bundle: the intake, every instrument (with ``wordings[code]``
    when given) and the code systems; each entry's fullUrl is its canonical url."""
    wordings = wordings or {}
    resources = [
        intake_questionnaire(),
        *(
            instrument_questionnaire(instrument, wordings.get(code))
            for code, instrument in instruments.INSTRUMENTS.items()
        ),
        *code_systems(),
    ]
    return {
        "resourceType": "Bundle",
        "id": "nervedesk-questionnaires",
        "type": "collection",
        "entry": [{"fullUrl": resource["url"], "resource": resource} for resource in resources],
    }
