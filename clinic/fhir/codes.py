"""Code systems, canonical URLs and code maps of the FHIR export.

LOINC codes only where LOINC has the item; everything else is in the NerveDesk code
systems, whose URLs below are the canonical names (they need not resolve).
"""

CANONICAL = "https://fhir.nervedesk.org"
FHIR_VERSION = "4.0.1"
# When the endpoint's CapabilityStatement last changed.
CAPABILITY_DATE = "2026-12-07"

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ENCOUNTER_CLASS = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"
PROVENANCE_AGENT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
# The SDC extension that gives a scored answer option its weight.
ITEM_WEIGHT = "http://hl7.org/fhir/StructureDefinition/itemWeight"

# NerveDesk's own codes: intake items and scores without a LOINC code, warning signs
# and their levels, body regions.
NERVEDESK_ITEMS = f"{CANONICAL}/CodeSystem/intake-item"
NERVEDESK_SCORES = f"{CANONICAL}/CodeSystem/score"
WARNING_SIGNS = f"{CANONICAL}/CodeSystem/warning-sign"
WARNING_LEVELS = f"{CANONICAL}/CodeSystem/warning-level"
BODY_REGIONS = f"{CANONICAL}/CodeSystem/body-region"
# The clinic's chart numbers, as the Patient's identifier system.
CHART_NUMBERS = f"{CANONICAL}/NamingSystem/chart-number"

INTAKE_QUESTIONNAIRE = "nervedesk-intake"
INTAKE_QUESTIONNAIRE_VERSION = "1"


def questionnaire_url(name):
    """The canonical URL of a Questionnaire: the intake's, or an instrument's code."""
    return f"{CANONICAL}/Questionnaire/{name}"


def instrument_answer_system(instrument_code):
    """The code system of an instrument's answer values (the stored integers)."""
    return f"{CANONICAL}/CodeSystem/{instrument_code.replace('_', '-')}-answer"


def score_band_system(instrument_code):
    """The code system of an instrument's score bands (``Instrument.bands``)."""
    return f"{CANONICAL}/CodeSystem/{instrument_code.replace('_', '-')}-band"


# LOINC panels of the instruments that have one.
INSTRUMENT_PANELS = {
    "odi": ("97908-8", "Oswestry Disability Index panel"),
    "start_back": ("91349-1", "STarT Back Screening Tool panel"),
}

# Score keys (intake.selectors.intake_scores) -> (system, code, display).
SCORE_CODES = {
    "nrs.leg_now": (NERVEDESK_SCORES, "nrs-leg-now", "Leg pain now (0-10)"),
    "nrs.leg_average": (NERVEDESK_SCORES, "nrs-leg-average", "Leg pain on average (0-10)"),
    "nrs.leg_worst": (NERVEDESK_SCORES, "nrs-leg-worst", "Leg pain at worst (0-10)"),
    "nrs.back_now": (NERVEDESK_SCORES, "nrs-back-now", "Back pain now (0-10)"),
    "sbi": (NERVEDESK_SCORES, "sbi-total", "Sciatica Bothersomeness Index total (0-24)"),
    "start_back": (LOINC, "91351-7", "STarT Back total score"),
    "rmdq": (NERVEDESK_SCORES, "rmdq-total", "Roland-Morris Disability Questionnaire total"),
    "odi": (LOINC, "97909-6", "Oswestry Disability Index score"),
}
# Every 0-10 rating is also the LOINC numeric pain rating.
PAIN_NRS = (LOINC, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
START_BACK_DISTRESS = (LOINC, "91350-9", "STarT Back psychosocial subscale score")
START_BACK_RISK = (LOINC, "91352-5", "STarT Back risk group")
START_BACK_RISK_ANSWERS = {
    "low": ("LA9194-7", "Low risk"),
    "medium": ("LA8982-6", "Medium risk"),
    "high": ("LA9193-9", "High risk"),
}

# Body regions (intake.vocabulary.BodyRegion) -> SNOMED CT body structure, where one
# matches the region; the others carry only the NerveDesk code.
BODY_SITES = {
    "lower_back": ("37822005", "Lumbar region of back structure"),
    "buttock": ("46862004", "Buttock structure"),
    "hip": ("29836001", "Hip region structure"),
    "knee": ("72696002", "Knee region structure"),
    "calf": ("53840002", "Structure of calf of leg"),
    "ankle": ("344001", "Ankle region structure"),
    "foot_sole": ("57999000", "Structure of sole of foot"),
}
LATERALITY = {
    "left": ("7771000", "Left"),
    "right": ("24028007", "Right"),
}

# The intake's own answer vocabularies (intake.vocabulary), one code system each;
# the code is the vocabulary's stored value.
SYMPTOMS = f"{CANONICAL}/CodeSystem/symptom"
PAIN_QUALITIES = f"{CANONICAL}/CodeSystem/pain-quality"
ONSET_TYPES = f"{CANONICAL}/CodeSystem/onset-type"
COURSES = f"{CANONICAL}/CodeSystem/course"
FACTORS = f"{CANONICAL}/CodeSystem/factor"
RISK_FACTORS = f"{CANONICAL}/CodeSystem/risk-factor"
TREATMENT_OUTCOMES = f"{CANONICAL}/CodeSystem/treatment-outcome"
# Core extensions on Questionnaire items: allowed range and unit of a number.
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
QUESTIONNAIRE_UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
