"""What a patient reports: patients, intakes and their answers, questionnaire wording.

Answers are columns and child rows (not one JSON blob) so the staff side can filter
and index them. Writes go through ``intake.services``; a submitted intake is never
edited in place (the services refuse).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake import instruments
from intake.vocabulary import (
    STEP_COUNT,
    BodyRegion,
    Course,
    Factor,
    FactorEffect,
    OnsetType,
    PainQuality,
    RiskFactor,
    Side,
    SymptomKind,
    Treatment,
    TreatmentOutcome,
    WarningLevel,
    WarningQuestion,
)

INSTRUMENT_CHOICES = [(code, inst.name) for code, inst in instruments.INSTRUMENTS.items()]


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Patient(TimeStampedModel):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    chart_number = models.CharField(
        _("chart number"),
        max_length=40,
        unique=True,
        help_text=_("The clinic's own record number for this patient."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("patient")
        verbose_name_plural = _("patients")
        indexes = [models.Index(fields=["last_name", "first_name"], name="intake_patient_name")]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.chart_number})"

    def age_on(self, day):
        """Whole years of age on ``day``."""
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class Intake(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        REVIEWED = "reviewed", _("Reviewed")

    patient = models.ForeignKey(
        Patient, on_delete=models.PROTECT, related_name="intakes", verbose_name=_("patient")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    last_saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
        help_text=_("The submitted intake this one corrects, if any."),
    )
    current_step = models.PositiveSmallIntegerField(
        _("current step"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(STEP_COUNT)],
        help_text=_("The wizard step the patient comes back to."),
    )
    furthest_step = models.PositiveSmallIntegerField(
        _("furthest step"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(STEP_COUNT)],
        help_text=_("The furthest wizard step the patient has reached; later steps stay closed."),
    )
    submit_token = models.UUIDField(
        _("submit token"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("One-time token the final submit must carry."),
    )
    # Warning signs, re-evaluated on every save and on submit.
    warning_level = models.PositiveSmallIntegerField(
        _("warning level"), choices=WarningLevel.choices, default=WarningLevel.NONE
    )
    warning_signs = models.JSONField(
        _("warning signs"),
        default=list,
        blank=True,
        help_text=_("Codes of the warning signs present (intake.vocabulary.WarningSign)."),
    )
    warning_flagged_at = models.DateTimeField(
        _("first flagged"),
        null=True,
        blank=True,
        help_text=_("When a warning sign was first recorded on this intake."),
    )
    # An emergency sign stops the tablet until staff release it (the desk PIN at the
    # tablet, or the front-desk board); released_by is empty for the PIN.
    emergency_released_at = models.DateTimeField(
        _("tablet released after an emergency sign"), null=True, blank=True
    )
    emergency_released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tablet released by"),
    )
    # Step 1: body and work.
    height_cm = models.PositiveSmallIntegerField(_("height (cm)"), null=True, blank=True)
    weight_kg = models.DecimalField(
        _("weight (kg)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    sits_long = models.BooleanField(_("sits for long periods"), null=True, blank=True)
    manual_work = models.BooleanField(_("manual work"), null=True, blank=True)
    repetitive_activity = models.BooleanField(
        _("sport or repeated movements"), null=True, blank=True
    )
    # Step 3: onset and course (symptoms, qualities and factors are child rows).
    onset_date = models.DateField(_("started on"), null=True, blank=True)
    onset_type = models.CharField(
        _("how it started"), max_length=10, choices=OnsetType.choices, blank=True
    )
    onset_after_injury = models.BooleanField(_("started after an injury"), null=True, blank=True)
    course = models.CharField(_("course"), max_length=10, choices=Course.choices, blank=True)
    first_episode = models.BooleanField(
        _("first episode"),
        null=True,
        blank=True,
        help_text=_("The patient says this is the first time they have had back or leg pain."),
    )
    # Step 4: 0-10 ratings.
    leg_pain_now = models.PositiveSmallIntegerField(_("leg pain now"), null=True, blank=True)
    leg_pain_average = models.PositiveSmallIntegerField(
        _("leg pain on average"), null=True, blank=True
    )
    leg_pain_worst = models.PositiveSmallIntegerField(_("leg pain at worst"), null=True, blank=True)
    back_pain_now = models.PositiveSmallIntegerField(_("back pain now"), null=True, blank=True)
    # Step 5: when the injury happened (the risk factors are child rows).
    injury_date = models.DateField(_("injury date"), null=True, blank=True)
    # Step 8.
    goals = models.TextField(_("goals"), blank=True, max_length=2000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        indexes = [
            # Practitioner queue: status, emergencies first, then by arrival.
            models.Index(fields=["status", "-warning_level", "submitted_at"], name="intake_queue"),
            # The queue with every status (submitted and reviewed): a page is read in index
            # order instead of sorting every intake the clinic ever had.
            models.Index(
                fields=["-warning_level", "submitted_at", "id"],
                condition=Q(status__in=["submitted", "reviewed"]),
                name="intake_queue_all",
            ),
            # The queue's alerts (drafts still being filled in that raised a warning
            # sign), read in the order shown: a page stops after the few it shows
            # instead of checking every draft and joining its patient first.
            models.Index(
                fields=["-warning_level", "warning_flagged_at", "id"],
                condition=Q(status="draft", warning_level__gt=0),
                name="intake_draft_alerts",
            ),
            models.Index(fields=["warning_level"], name="intake_warning_level"),
            # The front-desk board: intakes started or submitted today (polled every 5 s),
            # read from these two instead of scanning every intake the clinic ever had.
            models.Index(fields=["started_at"], name="intake_started"),
            models.Index(
                fields=["submitted_at"],
                condition=Q(submitted_at__isnull=False),
                name="intake_submitted",
            ),
            models.Index(fields=["patient", "-started_at"], name="intake_patient_started"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["patient"],
                condition=Q(status="draft"),
                name="intake_one_draft_per_patient",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="intake_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="reviewed") | Q(reviewed_at__isnull=False),
                name="intake_reviewed_has_time",
            ),
            models.CheckConstraint(
                condition=Q(current_step__gte=1, current_step__lte=STEP_COUNT),
                name="intake_current_step_range",
            ),
            models.CheckConstraint(
                condition=Q(furthest_step__gte=1, furthest_step__lte=STEP_COUNT),
                name="intake_furthest_step_range",
            ),
            models.CheckConstraint(
                condition=Q(warning_level__in=WarningLevel.values),
                name="intake_warning_level_known",
            ),
            models.CheckConstraint(
                condition=Q(height_cm__isnull=True) | Q(height_cm__gte=50, height_cm__lte=250),
                name="intake_height_range",
            ),
            models.CheckConstraint(
                condition=Q(weight_kg__isnull=True) | Q(weight_kg__gte=20, weight_kg__lte=350),
                name="intake_weight_range",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__lte": 10}),
                    name=f"intake_{name}_0_10",
                )
                for name in ("leg_pain_now", "leg_pain_average", "leg_pain_worst", "back_pain_now")
            ],
        ]

    def __str__(self):
        return f"{self.patient} · {self.started_at:%Y-%m-%d} · {self.get_status_display()}"

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def tablet_stopped(self):
        """An emergency sign stops the patient's tablet until staff release it."""
        return (
            self.status == self.Status.DRAFT
            and self.warning_level == WarningLevel.EMERGENCY
            and self.emergency_released_at is None
        )

    @property
    def intake_date(self):
        """The day this intake describes: when it was submitted, else when it started."""
        moment = self.submitted_at or self.started_at
        return timezone.localdate(moment)

    @property
    def patient_age(self):
        return self.patient.age_on(self.intake_date)


class IntakeAnswer(TimeStampedModel):
    """A child row of an intake. Rows of a step are replaced when the step is saved.

    Child models order by ``intake_id`` (the column), not ``intake``: ordering by the
    relation makes Django join the intake table to sort by the intake's own ordering.
    """

    class Meta:
        abstract = True


class IntakeRegion(IntakeAnswer):
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="regions")
    region = models.CharField(_("region"), max_length=20, choices=BodyRegion.choices)
    side = models.CharField(_("side"), max_length=5, choices=Side.choices)

    class Meta:
        ordering = ["intake_id", "region", "side"]
        verbose_name = _("body region")
        verbose_name_plural = _("body regions")
        constraints = [
            models.UniqueConstraint(fields=["intake", "region", "side"], name="intake_region_once"),
        ]

    def __str__(self):
        return f"{self.get_region_display()} ({self.get_side_display()})"


class IntakeSymptom(IntakeAnswer):
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="symptoms")
    kind = models.CharField(_("symptom"), max_length=20, choices=SymptomKind.choices)

    class Meta:
        ordering = ["intake_id", "kind"]
        verbose_name = _("symptom")
        verbose_name_plural = _("symptoms")
        constraints = [
            models.UniqueConstraint(fields=["intake", "kind"], name="intake_symptom_once"),
        ]

    def __str__(self):
        return str(self.get_kind_display())


class IntakePainQuality(IntakeAnswer):
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="pain_qualities")
    quality = models.CharField(_("pain quality"), max_length=20, choices=PainQuality.choices)

    class Meta:
        ordering = ["intake_id", "quality"]
        verbose_name = _("pain quality")
        verbose_name_plural = _("pain qualities")
        constraints = [
            models.UniqueConstraint(fields=["intake", "quality"], name="intake_quality_once"),
        ]

    def __str__(self):
        return str(self.get_quality_display())


class IntakeFactor(IntakeAnswer):
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="factors")
    factor = models.CharField(_("factor"), max_length=20, choices=Factor.choices)
    effect = models.CharField(_("effect"), max_length=10, choices=FactorEffect.choices)

    class Meta:
        ordering = ["intake_id", "effect", "factor"]
        verbose_name = _("aggravating or easing factor")
        verbose_name_plural = _("aggravating and easing factors")
        constraints = [
            models.UniqueConstraint(
                fields=["intake", "factor", "effect"], name="intake_factor_once"
            ),
        ]

    def __str__(self):
        return f"{self.get_factor_display()}: {self.get_effect_display()}"


class IntakeRiskFactor(IntakeAnswer):
    """A risk factor the patient reported (present; absence means not reported)."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="risk_factors")
    factor = models.CharField(_("risk factor"), max_length=30, choices=RiskFactor.choices)

    class Meta:
        ordering = ["intake_id", "factor"]
        verbose_name = _("risk factor")
        verbose_name_plural = _("risk factors")
        constraints = [
            models.UniqueConstraint(fields=["intake", "factor"], name="intake_risk_once"),
        ]

    def __str__(self):
        return str(self.get_factor_display())


class IntakeWarningAnswer(IntakeAnswer):
    """One warning-sign question and the patient's yes or no."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="warning_answers")
    question = models.CharField(_("question"), max_length=30, choices=WarningQuestion.choices)
    answer = models.BooleanField(_("answer"))

    class Meta:
        ordering = ["intake_id", "question"]
        verbose_name = _("warning-sign answer")
        verbose_name_plural = _("warning-sign answers")
        constraints = [
            models.UniqueConstraint(fields=["intake", "question"], name="intake_warning_once"),
        ]
        indexes = [models.Index(fields=["question", "answer"], name="intake_warning_yes")]

    def __str__(self):
        return f"{self.get_question_display()}: {_('yes') if self.answer else _('no')}"


class QuestionnaireResponse(IntakeAnswer):
    """A questionnaire's answers and, once complete, its stored score and band."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="questionnaires")
    instrument = models.CharField(_("questionnaire"), max_length=20, choices=INSTRUMENT_CHOICES)
    version = models.CharField(
        _("instrument version"), max_length=20, help_text=_("The scoring version used.")
    )
    wording_version = models.CharField(
        _("wording version"), max_length=50, blank=True, help_text=_("The wording shown.")
    )
    answers = models.JSONField(
        _("answers"), default=dict, help_text=_("Item number -> chosen value.")
    )
    total = models.DecimalField(
        _("total"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Empty until every required item is answered. ODI: a percentage."),
    )
    band = models.CharField(_("band"), max_length=20, blank=True)
    subscore = models.PositiveSmallIntegerField(
        _("subscore"), null=True, blank=True, help_text=_("STarT Back: the distress subscore.")
    )

    class Meta:
        ordering = ["intake_id", "instrument"]
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")
        constraints = [
            models.UniqueConstraint(
                fields=["intake", "instrument"], name="intake_questionnaire_once"
            ),
        ]

    def __str__(self):
        return f"{self.get_instrument_display()}: {self.total}"

    @property
    def is_complete(self):
        return self.total is not None


class IntakeTreatment(IntakeAnswer):
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="treatments")
    treatment = models.CharField(_("treatment"), max_length=30, choices=Treatment.choices)
    outcome = models.CharField(_("outcome"), max_length=12, choices=TreatmentOutcome.choices)

    class Meta:
        ordering = ["intake_id", "treatment"]
        verbose_name = _("treatment tried")
        verbose_name_plural = _("treatments tried")
        constraints = [
            models.UniqueConstraint(fields=["intake", "treatment"], name="intake_treatment_once"),
        ]

    def __str__(self):
        return f"{self.get_treatment_display()}: {self.get_outcome_display()}"


class IntakeMedicine(IntakeAnswer):
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="medicines")
    name = models.CharField(_("medicine"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["intake_id", "position", "pk"]
        verbose_name = _("medicine")
        verbose_name_plural = _("medicines")

    def __str__(self):
        return self.name


class IntakeConsent(IntakeAnswer):
    intake = models.OneToOneField(Intake, on_delete=models.CASCADE, related_name="consent")
    text_version = models.CharField(
        _("consent text version"), max_length=50, help_text=_("Which consent text was shown.")
    )
    typed_name = models.CharField(_("typed name"), max_length=200)
    signature = models.TextField(
        _("signature"),
        blank=True,
        help_text=_("Optional drawn signature as an image data URL."),
    )
    consented_at = models.DateTimeField(_("consented at"))

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.typed_name} ({self.text_version})"


class InstrumentWording(TimeStampedModel):
    """The item wording a clinic is licensed to use for one instrument."""

    instrument = models.CharField(
        _("questionnaire"), max_length=20, choices=INSTRUMENT_CHOICES, unique=True
    )
    version = models.CharField(_("wording version"), max_length=50)
    language = models.CharField(_("language"), max_length=10, default="en")
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    copyright = models.CharField(
        _("copyright line"), max_length=500, help_text=_("Shown wherever the wording is shown.")
    )
    is_sample = models.BooleanField(
        _("non-validated sample"),
        default=False,
        help_text=_("Sample text written for demos; not the published questionnaire."),
    )
    notice = models.TextField(_("notice"), blank=True)
    items = models.JSONField(
        _("items"), default=list, help_text=_("[{number, text, options: [{value, label}]}]")
    )
    checksum = models.CharField(_("checksum"), max_length=64, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["instrument"]
        verbose_name = _("questionnaire wording")
        verbose_name_plural = _("questionnaire wording")

    def __str__(self):
        return f"{self.get_instrument_display()} ({self.version})"

    @property
    def copyright_line(self):
        return self.copyright

    def item_text(self, number):
        for item in self.items:
            if item["number"] == number:
                return item
        return None


class InstrumentSetting(TimeStampedModel):
    """The clinic's switch for one instrument. It cannot be on without wording."""

    instrument = models.CharField(
        _("questionnaire"), max_length=20, choices=INSTRUMENT_CHOICES, unique=True
    )
    enabled = models.BooleanField(
        _("enabled"),
        default=False,
        help_text=_("Ask this questionnaire in the intake. Needs its wording loaded first."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["instrument"]
        verbose_name = _("questionnaire setting")
        verbose_name_plural = _("questionnaire settings")

    def __str__(self):
        state = _("on") if self.enabled else _("off")
        return f"{self.get_instrument_display()}: {state}"

    def clean(self):
        if (
            self.enabled
            and not InstrumentWording.objects.filter(instrument=self.instrument).exists()
        ):
            raise ValidationError(
                {
                    "enabled": _(
                        "Load this questionnaire's wording first (manage.py load_instrument_text)."
                    )
                },
                code="no_wording",
            )
