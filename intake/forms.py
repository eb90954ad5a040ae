"""Forms for the patient record and for each intake step.

The services validate with these forms; the wizard (issue 6) renders them. Every
text field refuses control characters (NUL included) and is length-capped; choices
outside the vocabulary are refused by the choice fields themselves.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.text import has_control_characters
from intake import instruments
from intake.models import Patient
from intake.vocabulary import (
    PAIN_RATING_FIELDS,
    Course,
    Factor,
    OnsetType,
    PainQuality,
    RiskFactor,
    SymptomKind,
    Treatment,
    TreatmentOutcome,
    WarningQuestion,
    region_choices,
)

MAX_AGE_YEARS = 120
MAX_SIGNATURE_CHARS = 200_000
SIGNATURE_PREFIXES = ("data:image/png;base64,", "data:image/svg+xml;base64,")
YES_NO = [("true", _("Yes")), ("false", _("No"))]


def no_control_characters(value):
    if isinstance(value, str) and has_control_characters(value, allow_newlines=True):
        raise ValidationError(
            _("Please remove the special control characters from this answer."),
            code="control_characters",
        )


def no_line_breaks(value):
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(
            _("Please keep this answer on one line, without special characters."),
            code="control_characters",
        )


def years_ago(today, years):
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def check_not_future(value, today, message):
    if value and value > today:
        raise ValidationError(message, code="future_date")


def check_date_of_birth(value, today):
    check_not_future(value, today, _("The date of birth cannot be in the future."))
    if value and value < years_ago(today, MAX_AGE_YEARS):
        raise ValidationError(
            _("Please check the date of birth: it is more than 120 years ago."),
            code="too_old",
        )


class SafeTextMixin:
    """Adds the control-character check to every text field of the form."""

    multiline_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                check = no_control_characters if name in self.multiline_fields else no_line_breaks
                field.validators.append(check)


class YesNoField(forms.TypedChoiceField):
    """Yes, no or unanswered (None); anything else is refused as an unknown choice."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.RadioSelect)
        super().__init__(
            choices=YES_NO, coerce=lambda value: value == "true", empty_value=None, **kwargs
        )

    def to_python(self, value):
        if value is True or value is False:
            return "true" if value else "false"
        return super().to_python(value)


def yes_no_field(label):
    return YesNoField(label=label, required=False)


def multi_choice_field(label, choices):
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class PatientForm(SafeTextMixin, forms.ModelForm):
    class Meta:
        model = Patient
        fields = ["first_name", "last_name", "date_of_birth", "chart_number", "phone", "email"]

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        check_date_of_birth(value, timezone.localdate())
        return value

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()

    def clean_chart_number(self):
        return self.cleaned_data["chart_number"].strip()


class IntakeStepForm(SafeTextMixin, forms.Form):
    """A step's form, knowing the patient and the day for date checks."""

    def __init__(self, *args, intake=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.intake = intake
        self.today = today or timezone.localdate()

    def _past_date(self, name, message):
        value = self.cleaned_data.get(name)
        check_not_future(value, self.today, message)
        if value and value < years_ago(self.today, MAX_AGE_YEARS):
            raise ValidationError(_("Please check this date: it is too long ago."), code="too_old")
        if value and self.intake and value < self.intake.patient.date_of_birth:
            raise ValidationError(
                _("This date is before your date of birth. Please check it."),
                code="before_birth",
            )
        return value


class AboutYouForm(IntakeStepForm):
    """Step 1: height, weight, work and activity (identity is checked by the wizard)."""

    height_cm = forms.IntegerField(
        label=_("Height (cm)"),
        required=False,
        min_value=50,
        max_value=250,
        error_messages={
            "min_value": _("Please enter a height between 50 and 250 cm."),
            "max_value": _("Please enter a height between 50 and 250 cm."),
        },
    )
    weight_kg = forms.DecimalField(
        label=_("Weight (kg)"),
        required=False,
        min_value=20,
        max_value=350,
        max_digits=4,
        decimal_places=1,
        error_messages={
            "min_value": _("Please enter a weight between 20 and 350 kg."),
            "max_value": _("Please enter a weight between 20 and 350 kg."),
        },
    )
    sits_long = yes_no_field(_("Do you sit for long periods, at work or at home?"))
    manual_work = yes_no_field(_("Is your work physical (lifting, carrying, bending)?"))
    repetitive_activity = yes_no_field(_("Do you play sport or repeat the same movements a lot?"))


class WhereForm(IntakeStepForm):
    """Step 2: the body map."""

    regions = multi_choice_field(_("Where do you feel it?"), region_choices)


class FeelsLikeForm(IntakeStepForm):
    """Step 3: symptoms and qualities, onset and course, what makes it worse or better."""

    symptoms = multi_choice_field(_("What do you feel?"), SymptomKind.choices)
    pain_qualities = multi_choice_field(_("What is the pain like?"), PainQuality.choices)
    onset_date = forms.DateField(label=_("When did it start?"), required=False)
    onset_type = forms.ChoiceField(
        label=_("Did it start suddenly or slowly?"),
        choices=[("", "---------"), *OnsetType.choices],
        required=False,
    )
    onset_after_injury = yes_no_field(_("Did it start after an injury?"))
    first_episode = yes_no_field(_("Is this the first time you have had back or leg pain?"))
    course = forms.ChoiceField(
        label=_("Is it getting better, staying the same or getting worse?"),
        choices=[("", "---------"), *Course.choices],
        required=False,
    )
    worse_factors = multi_choice_field(_("What makes it worse?"), Factor.choices)
    better_factors = multi_choice_field(_("What makes it better?"), Factor.choices)

    def clean_onset_date(self):
        return self._past_date("onset_date", _("The start date cannot be in the future."))

    def clean(self):
        cleaned = super().clean()
        # Choosing what the pain is like means there is pain.
        if cleaned.get("pain_qualities") and SymptomKind.PAIN not in cleaned.get("symptoms", []):
            cleaned["symptoms"] = [*cleaned.get("symptoms", []), SymptomKind.PAIN.value]
        return cleaned


def rating_field(label, top):
    return forms.TypedChoiceField(
        label=label,
        choices=[(str(v), str(v)) for v in range(top + 1)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class HowBadForm(IntakeStepForm):
    """Step 4: the four 0-10 ratings and the Sciatica Bothersomeness Index."""

    leg_pain_now = rating_field(_("Leg pain right now"), 10)
    leg_pain_average = rating_field(_("Leg pain on average this past week"), 10)
    leg_pain_worst = rating_field(_("Leg pain at its worst this past week"), 10)
    back_pain_now = rating_field(_("Back pain right now"), 10)
    sbi_1 = rating_field(_("Leg pain"), 6)
    sbi_2 = rating_field(_("Numbness or tingling in the leg or foot"), 6)
    sbi_3 = rating_field(_("Weakness in the leg or foot"), 6)
    sbi_4 = rating_field(_("Pain when sitting"), 6)

    RATING_FIELDS = tuple(PAIN_RATING_FIELDS.values())

    def sbi_answers(self):
        return {
            n: self.cleaned_data[f"sbi_{n}"]
            for n in range(1, 5)
            if self.cleaned_data.get(f"sbi_{n}") is not None
        }


class RiskFactorsForm(IntakeStepForm):
    """Step 5: risk factors and when an injury happened."""

    risk_factors = multi_choice_field(_("Do any of these apply to you?"), RiskFactor.choices)
    injury_date = forms.DateField(label=_("When was the injury?"), required=False)

    def clean_injury_date(self):
        return self._past_date("injury_date", _("The injury date cannot be in the future."))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("injury_date") and RiskFactor.INJURY_TRAUMA not in cleaned.get(
            "risk_factors", []
        ):
            cleaned["risk_factors"] = [
                *cleaned.get("risk_factors", []),
                RiskFactor.INJURY_TRAUMA.value,
            ]
        return cleaned


class WarningSignsForm(IntakeStepForm):
    """Step 6: one yes/no field per warning question, named by its code."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in WarningQuestion:
            self.fields[question.value] = yes_no_field(question.label)

    def answers(self):
        return {
            code: value
            for code in WarningQuestion.values
            if (value := self.cleaned_data.get(code)) is not None
        }


class QuestionnaireForm(IntakeStepForm):
    """One questionnaire: ``item_<n>`` fields with the instrument's values.

    ``wording`` (an InstrumentWording) supplies labels when given.
    """

    def __init__(self, *args, instrument_code, wording=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instruments.get(instrument_code)
        for item in self.instrument.items:
            text = wording.item_text(item.number) if wording else None
            labels = {o["value"]: o["label"] for o in text["options"]} if text else {}
            self.fields[f"item_{item.number}"] = forms.TypedChoiceField(
                label=text["text"] if text else item.key,
                choices=[(str(v), labels.get(v, str(v))) for v in item.values],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )

    def answers(self):
        return {
            item.number: value
            for item in self.instrument.items
            if (value := self.cleaned_data.get(f"item_{item.number}")) is not None
        }


class TriedForm(IntakeStepForm):
    """Step 8: each treatment's outcome, current medicines (one a line), goals."""

    multiline_fields = ("medicines", "goals")

    medicines = forms.CharField(
        label=_("Medicines you take now (one on each line)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    goals = forms.CharField(
        label=_("What would you like to be able to do again?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for treatment in Treatment:
            self.fields[f"treatment_{treatment.value}"] = forms.ChoiceField(
                label=treatment.label,
                choices=TreatmentOutcome.choices,
                required=False,
                widget=forms.RadioSelect,
            )

    def clean_medicines(self):
        lines = [line.strip() for line in self.cleaned_data["medicines"].splitlines()]
        lines = [line for line in lines if line]
        if any(len(line) > 200 for line in lines):
            raise ValidationError(
                _("Please keep each medicine to 200 characters or fewer."), code="max_length"
            )
        if len(lines) > 30:
            raise ValidationError(_("Please list at most 30 medicines."), code="too_many")
        return lines

    def outcomes(self):
        return {
            treatment: value
            for treatment in Treatment.values
            if (value := self.cleaned_data.get(f"treatment_{treatment}"))
        }


class ConsentForm(IntakeStepForm):
    """Step 9: agreement to the versioned consent text, typed name, optional signature."""

    text_version = forms.CharField(max_length=50, widget=forms.HiddenInput)
    agree = forms.BooleanField(
        label=_("I have read and agree to the consent text above."),
        error_messages={"required": _("Please tick the box to agree before you go on.")},
    )
    typed_name = forms.CharField(label=_("Type your full name"), max_length=200)
    signature = forms.CharField(
        required=False, max_length=MAX_SIGNATURE_CHARS, widget=forms.HiddenInput
    )

    def clean_typed_name(self):
        value = self.cleaned_data["typed_name"].strip()
        if not value:
            raise ValidationError(_("Please type your full name."), code="required")
        return value

    def clean_signature(self):
        value = self.cleaned_data["signature"].strip()
        if value and not value.startswith(SIGNATURE_PREFIXES):
            raise ValidationError(
                _("The signature could not be read. Please clear it and sign again."),
                code="invalid_signature",
            )
        return value


class ReviewForm(IntakeStepForm):
    """Step 10: nothing to save (the submit carries the token)."""


STEP_FORMS = {
    1: AboutYouForm,
    2: WhereForm,
    3: FeelsLikeForm,
    4: HowBadForm,
    5: RiskFactorsForm,
    6: WarningSignsForm,
    8: TriedForm,
    9: ConsentForm,
    10: ReviewForm,
}
