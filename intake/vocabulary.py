"""The stable codes of what a patient reports, and their labels.

These codes are the product's vocabulary: they are stored in the database, used as
finding codes (``intake.findings``) and matched by the staff side's recommendation
rules. Labels may be reworded and translated; codes never change once shipped.
"""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# The ten wizard steps (issue 6). The number is stored in Intake.current_step.
STEP_ABOUT_YOU = 1
STEP_WHERE = 2
STEP_FEELS_LIKE = 3
STEP_HOW_BAD = 4
STEP_RISK_FACTORS = 5
STEP_WARNING_SIGNS = 6
STEP_QUESTIONNAIRES = 7
STEP_TRIED = 8
STEP_CONSENT = 9
STEP_REVIEW = 10
STEP_COUNT = 10

STEP_TITLES = {
    STEP_ABOUT_YOU: _("About you"),
    STEP_WHERE: _("Where you feel it"),
    STEP_FEELS_LIKE: _("What it feels like"),
    STEP_HOW_BAD: _("How bad it is"),
    STEP_RISK_FACTORS: _("Things that can play a part"),
    STEP_WARNING_SIGNS: _("Important signs"),
    STEP_QUESTIONNAIRES: _("Questionnaires"),
    STEP_TRIED: _("What you have tried"),
    STEP_CONSENT: _("Consent"),
    STEP_REVIEW: _("Check your answers"),
}


class Side(models.TextChoices):
    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")


class BodyRegion(models.TextChoices):
    LOWER_BACK = "lower_back", _("Lower back")
    BUTTOCK = "buttock", _("Buttock")
    HIP = "hip", _("Hip")
    THIGH_FRONT = "thigh_front", _("Front of thigh")
    THIGH_BACK = "thigh_back", _("Back of thigh")
    KNEE = "knee", _("Knee")
    CALF = "calf", _("Calf")
    SHIN = "shin", _("Shin")
    ANKLE = "ankle", _("Ankle")
    FOOT_TOP = "foot_top", _("Top of foot")
    FOOT_SOLE = "foot_sole", _("Sole of foot")


# Which body-map view (front or back) draws each region.
REGION_VIEW = {
    BodyRegion.LOWER_BACK: "back",
    BodyRegion.BUTTOCK: "back",
    BodyRegion.HIP: "front",
    BodyRegion.THIGH_FRONT: "front",
    BodyRegion.THIGH_BACK: "back",
    BodyRegion.KNEE: "front",
    BodyRegion.CALF: "back",
    BodyRegion.SHIN: "front",
    BodyRegion.ANKLE: "front",
    BodyRegion.FOOT_TOP: "front",
    BodyRegion.FOOT_SOLE: "back",
}

# Pain in these regions has travelled below the knee (a starter rule's finding).
BELOW_KNEE_REGIONS = frozenset(
    {
        BodyRegion.CALF,
        BodyRegion.SHIN,
        BodyRegion.ANKLE,
        BodyRegion.FOOT_TOP,
        BodyRegion.FOOT_SOLE,
    }
)

# The leg proper (thigh down): marked on both sides means symptoms in both legs.
LEG_REGIONS = BELOW_KNEE_REGIONS | {BodyRegion.THIGH_FRONT, BodyRegion.THIGH_BACK, BodyRegion.KNEE}


def region_key(side, region):
    """The body-map checkbox value for one side of one region, e.g. ``left_calf``."""
    return f"{side}_{region}"


# Django builds a choices class's ``values`` anew on each access (about 5 us).
_SIDES, _REGIONS = frozenset(Side.values), frozenset(BodyRegion.values)


def split_region_key(key):
    """``left_calf`` -> ``("left", "calf")``; ValueError for anything else."""
    side, _sep, region = str(key).partition("_")
    if side not in _SIDES or region not in _REGIONS:
        raise ValueError(f"Unknown body region {key!r}.")
    return side, region


def region_choices():
    """Checkbox choices for the body map: every region on each side."""
    return [
        (
            region_key(side, region),
            format_lazy(_("{region} ({side})"), region=region.label, side=side.label),
        )
        for side in Side
        for region in BodyRegion
    ]


class SymptomKind(models.TextChoices):
    PAIN = "pain", _("Pain")
    NUMBNESS = "numbness", _("Numbness")
    TINGLING = "tingling", _("Tingling or pins and needles")
    WEAKNESS = "weakness", _("Weakness")
    STIFFNESS = "stiffness", _("Stiffness or less movement")


class PainQuality(models.TextChoices):
    SHARP = "sharp", _("Sharp")
    ACHING = "aching", _("Aching")
    BURNING = "burning", _("Burning")
    SHOOTING = "shooting", _("Shooting")


class OnsetType(models.TextChoices):
    SUDDEN = "sudden", _("Suddenly")
    GRADUAL = "gradual", _("Slowly, over time")


class Course(models.TextChoices):
    BETTER = "better", _("Getting better")
    SAME = "same", _("Staying the same")
    WORSE = "worse", _("Getting worse")


class Factor(models.TextChoices):
    """Things that make the symptoms worse or better."""

    SITTING = "sitting", _("Sitting")
    STANDING = "standing", _("Standing")
    WALKING = "walking", _("Walking")
    BENDING = "bending", _("Bending")
    COUGHING_SNEEZING = "coughing_sneezing", _("Coughing or sneezing")
    LYING_DOWN = "lying_down", _("Lying down")


class FactorEffect(models.TextChoices):
    WORSE = "worse", _("Makes it worse")
    BETTER = "better", _("Makes it better")


class RiskFactor(models.TextChoices):
    INJURY_TRAUMA = "injury_trauma", _("An injury or accident")
    MUSCLE_TIGHTNESS = "muscle_tightness", _("Tight muscles")
    REPETITIVE_SPORT = "repetitive_sport", _("Repeated movements or sport")
    DIABETES = "diabetes", _("Diabetes")
    ARTHRITIS = "arthritis", _("Arthritis")
    WEIGHT_CONCERN = "weight_concern", _("Worried about my weight")
    PREVIOUS_DISC_PROBLEM = "previous_disc_problem", _("A disc problem before")
    OSTEOPOROSIS = "osteoporosis", _("Osteoporosis (thin or weak bones)")
    SMOKING = "smoking", _("Smoking")


class WarningLevel(models.IntegerChoices):
    """Stored as a number so the staff queue sorts emergencies first on an index."""

    NONE = 0, _("None")
    URGENT = 1, _("Urgent")
    EMERGENCY = 2, _("Emergency")


# The stable text code of each level (findings, exports).
WARNING_LEVEL_CODES = {
    WarningLevel.NONE: "none",
    WarningLevel.URGENT: "urgent",
    WarningLevel.EMERGENCY: "emergency",
}


class WarningQuestion(models.TextChoices):
    """The warning-sign questions asked on every intake (yes / no)."""

    # Emergency: possible cauda equina syndrome.
    # Retention and loss of control are asked apart: "leaking" alone also catches
    # long-standing incontinence, and retention can come without any trouble starting.
    BLADDER = (
        "bladder",
        _(
            "New since this pain began: you cannot pee, it is hard to start, or you "
            "cannot feel when your bladder is full"
        ),
    )
    BLADDER_CONTROL = (
        "bladder_control",
        _("New since this pain began: pee leaks out and you cannot hold it in"),
    )
    SADDLE_NUMBNESS = (
        "saddle_numbness",
        _("Numbness between your legs, around your bottom or genitals"),
    )
    BOWEL = (
        "bowel",
        _("New since this pain began: you cannot hold in a poo, or cannot feel it coming"),
    )
    SEXUAL_FUNCTION = (
        "sexual_function",
        _("New numbness in your private parts (genitals), or they do not work as before"),
    )
    BOTH_LEGS = "both_legs", _("Pain, numbness or tingling in both legs")
    WEAKNESS_WORSENING = (
        "weakness_worsening",
        _("Leg weakness that is getting worse, or both legs weak"),
    )
    FOOT_DROP = "foot_drop", _("Your foot slaps or drags when you walk")
    # Urgent.
    CANCER_HISTORY = "cancer_history", _("You have had cancer")
    WEIGHT_LOSS = "weight_loss", _("You have lost weight without trying")
    FEVER_UNWELL = "fever_unwell", _("Fever, chills or feeling unwell with the back pain")
    RECENT_INFECTION = "recent_infection", _("A recent infection")
    RECENT_SPINAL_PROCEDURE = (
        "recent_spinal_procedure",
        _("A recent injection in your spine or back surgery"),
    )
    INJECTING_DRUGS = "injecting_drugs", _("You inject drugs")
    WEAK_IMMUNE = (
        "weak_immune",
        _("A weak immune system (long-term steroids, medicine that lowers immunity, HIV)"),
    )
    MAJOR_FALL = "major_fall", _("A bad fall or accident")
    MINOR_FALL = "minor_fall", _("A small fall or knock")
    NIGHT_PAIN = (
        "night_pain",
        _("Pain at night that is always there and does not ease with rest or moving"),
    )
    THORACIC_PAIN = "thoracic_pain", _("Pain in your upper back (between the shoulder blades)")


class WarningSign(models.TextChoices):
    """The signs an evaluation reports (``intake.warning_signs``).

    Most are a question answered yes. ``minor_fall_osteoporosis`` is a small fall
    together with the osteoporosis risk factor; ``first_episode_age`` is a first
    episode under 20 or over 50 (age from the date of birth, never asked);
    ``both_legs`` is also raised by leg regions marked on both sides of the body map.
    """

    BLADDER = "bladder", _("Bladder: new retention or trouble starting to pass urine")
    BLADDER_CONTROL = "bladder_control", _("Bladder: new loss of control")
    SADDLE_NUMBNESS = "saddle_numbness", _("Saddle numbness")
    BOWEL = "bowel", _("Bowel: new loss of control or sensation")
    SEXUAL_FUNCTION = "sexual_function", _("New numbness or loss of sexual function")
    BOTH_LEGS = "both_legs", _("Symptoms in both legs")
    WEAKNESS_WORSENING = "weakness_worsening", _("Worsening weakness or both legs weak")
    FOOT_DROP = "foot_drop", _("Foot drop")
    CANCER_HISTORY = "cancer_history", _("History of cancer")
    WEIGHT_LOSS = "weight_loss", _("Unexplained weight loss")
    FEVER_UNWELL = "fever_unwell", _("Fever, chills or unwell")
    RECENT_INFECTION = "recent_infection", _("Recent infection")
    RECENT_SPINAL_PROCEDURE = "recent_spinal_procedure", _("Recent spinal injection or surgery")
    INJECTING_DRUGS = "injecting_drugs", _("Injecting drug use")
    WEAK_IMMUNE = "weak_immune", _("Weak immune system")
    MAJOR_FALL = "major_fall", _("Major fall or accident")
    MINOR_FALL_OSTEOPOROSIS = "minor_fall_osteoporosis", _("Minor fall with osteoporosis")
    NIGHT_PAIN = "night_pain", _("Constant night pain")
    THORACIC_PAIN = "thoracic_pain", _("Upper (thoracic) back pain")
    FIRST_EPISODE_AGE = "first_episode_age", _("First episode under 20 or over 50")


EMERGENCY_SIGNS = frozenset(
    {
        WarningSign.BLADDER,
        WarningSign.BLADDER_CONTROL,
        WarningSign.SADDLE_NUMBNESS,
        WarningSign.BOWEL,
        WarningSign.SEXUAL_FUNCTION,
        WarningSign.BOTH_LEGS,
        WarningSign.WEAKNESS_WORSENING,
        WarningSign.FOOT_DROP,
    }
)
URGENT_SIGNS = frozenset(WarningSign) - EMERGENCY_SIGNS


class TreatmentOutcome(models.TextChoices):
    HELPED = "helped", _("Helped")
    NOT_HELPED = "not_helped", _("Did not help")
    NOT_TRIED = "not_tried", _("Not tried")


class Treatment(models.TextChoices):
    REST_PHYSICAL_THERAPY = "rest_physical_therapy", _("Rest and physical therapy")
    STRETCHING_NERVE_GLIDING = "stretching_nerve_gliding", _("Stretching and nerve gliding")
    CHIROPRACTIC = "chiropractic", _("Chiropractic care")
    SHOCKWAVE = "shockwave", _("Shockwave therapy")
    SPINAL_DECOMPRESSION = "spinal_decompression", _("Spinal decompression")
    MASSAGE = "massage", _("Massage")
    MEDICATION = "medication", _("Medication")
    LIFESTYLE = "lifestyle", _("Lifestyle changes")
    STEROID_INJECTIONS = "steroid_injections", _("Steroid injections")
    SURGERY = "surgery", _("Surgery")


# First-line ("conservative") care: trying these for over six weeks without enough
# relief is when the further options are worth discussing.
CONSERVATIVE_TREATMENTS = frozenset(
    {
        Treatment.REST_PHYSICAL_THERAPY,
        Treatment.STRETCHING_NERVE_GLIDING,
        Treatment.CHIROPRACTIC,
        Treatment.MASSAGE,
        Treatment.MEDICATION,
        Treatment.LIFESTYLE,
    }
)


class PainRating(models.TextChoices):
    """The four 0-10 ratings (NRS) and their Intake column."""

    LEG_NOW = "leg_now", _("Leg pain right now")
    LEG_AVERAGE = "leg_average", _("Leg pain on average this past week")
    LEG_WORST = "leg_worst", _("Leg pain at its worst this past week")
    BACK_NOW = "back_now", _("Back pain right now")


PAIN_RATING_FIELDS = {
    PainRating.LEG_NOW: "leg_pain_now",
    PainRating.LEG_AVERAGE: "leg_pain_average",
    PainRating.LEG_WORST: "leg_pain_worst",
    PainRating.BACK_NOW: "back_pain_now",
}
