"""The education catalogue: one table of patient-facing items, of every kind.

One model rather than Topic/Treatment/Exercise tables: every kind shares the
library, search, related items, review and handout code, and the few fields only
treatments or exercises use are blank on the others (enforced by constraints).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from education.readability import WARNING_GRADE, flesch_kincaid_grade

# Paths under /learn/ that an item slug must not take.
RESERVED_SLUGS = ("search", "section")


class Kind(models.TextChoices):
    OVERVIEW = "overview", _("Overview")
    CAUSE = "cause", _("Cause")
    SYMPTOM = "symptom", _("Symptom")
    TREATMENT = "treatment", _("Treatment")
    EXERCISE = "exercise", _("Exercise")
    PREVENTION = "prevention", _("Prevention")
    HELP = "help", _("When to get help")


class Section:
    """A part of the public library: one kind of item under a patient-friendly name."""

    def __init__(self, slug, kind, title, intro):
        self.slug = slug
        self.kind = kind
        self.title = title
        self.intro = intro


SECTIONS = [
    Section(
        "understanding",
        "overview",
        _("Understanding"),
        _("What nerve compression in the leg is, and what sciatica means."),
    ),
    Section("causes", "cause", _("Causes"), _("Common reasons a nerve in the leg gets squeezed.")),
    Section("symptoms", "symptom", _("Symptoms"), _("How a squeezed nerve can feel.")),
    Section(
        "treatments",
        "treatment",
        _("Treatments"),
        _("Options to talk over with your clinician, from self-care to surgery."),
    ),
    Section(
        "exercises",
        "exercise",
        _("Exercises"),
        _("Gentle stretches and nerve glides, step by step."),
    ),
    Section(
        "prevention", "prevention", _("Prevention"), _("Everyday habits that take pressure off.")
    ),
    Section(
        "when-to-get-help",
        "help",
        _("When to get help"),
        _("Signs that mean you should see a doctor, or get help today."),
    ),
]
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}
SECTIONS_BY_KIND = {section.kind: section for section in SECTIONS}


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class TreatmentCategory(models.TextChoices):
    SELF_CARE = "self_care", _("Self-care")
    MANUAL_THERAPY = "manual_therapy", _("Manual therapy")
    DEVICE_BASED = "device_based", _("Device-based")
    MEDICINE = "medicine", _("Medicine")
    INJECTION = "injection", _("Injection")
    SURGERY = "surgery", _("Surgery")


class CatalogueItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class CatalogueItem(models.Model):
    """One page of the patient library: a topic, a treatment or an exercise."""

    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The last part of the page address, e.g. herniated-disc. Keep it stable."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order within its section; lower comes first.")
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two plain sentences shown in lists and search results."),
    )
    body = models.TextField(
        _("body"), blank=True, help_text=_("The main text, in Markdown. Short sentences.")
    )
    related = models.ManyToManyField(
        "self",
        verbose_name=_("related items"),
        blank=True,
        symmetrical=False,
        help_text=_("Shown at the foot of the page as 'Related topics'."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    # The revision patients see (None until the first edit of a seeded item) and the
    # saved changes not yet published. While an item is published its own fields hold
    # the live text; edits go to `draft_revision` until "Publish changes".
    live_revision = models.ForeignKey(
        "Revision",
        verbose_name=_("live revision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    draft_revision = models.ForeignKey(
        "Revision",
        verbose_name=_("unpublished changes"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reading_grade = models.DecimalField(
        _("reading grade"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Flesch-Kincaid grade of the patient text, computed on save. Aim for 6."),
    )

    # Treatments only.
    treatment_category = models.CharField(
        _("treatment category"), max_length=16, choices=TreatmentCategory.choices, blank=True
    )
    how_it_may_help = models.TextField(_("how it may help"), blank=True)
    what_to_expect = models.TextField(
        _("what a session or course is like"), blank=True, help_text=_("Markdown.")
    )
    typical_duration = models.CharField(_("how long it usually takes"), max_length=200, blank=True)
    who_may_not_suit = models.TextField(
        _("who it may not suit"), blank=True, help_text=_("Markdown.")
    )
    questions_to_ask = models.TextField(
        _("questions to ask your clinician"), blank=True, help_text=_("Markdown, usually a list.")
    )

    # Exercises only (the steps are ExerciseStep rows).
    hold_time = models.CharField(_("hold time"), max_length=100, blank=True)
    repetitions = models.CharField(_("repetitions"), max_length=100, blank=True)
    how_often = models.CharField(_("how often"), max_length=100, blank=True)
    stop_if = models.TextField(
        _("stop if"), blank=True, help_text=_("When to stop the exercise. Markdown.")
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CatalogueItemQuerySet.as_manager()

    # The fields a patient reads, in page order; the reading grade covers them all.
    PATIENT_TEXT_FIELDS = (
        "summary",
        "body",
        "how_it_may_help",
        "what_to_expect",
        "typical_duration",
        "who_may_not_suit",
        "questions_to_ask",
        "hold_time",
        "repetitions",
        "how_often",
        "stop_if",
    )
    TREATMENT_FIELDS = (
        "how_it_may_help",
        "what_to_expect",
        "typical_duration",
        "who_may_not_suit",
        "questions_to_ask",
    )
    EXERCISE_FIELDS = ("hold_time", "repetitions", "how_often", "stop_if")

    class Meta:
        verbose_name = _("catalogue item")
        verbose_name_plural = _("catalogue items")
        ordering = ["kind", "position", "title"]
        permissions = [("approve_catalogueitem", _("Can approve clinical content"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values), name="education_item_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="education_item_status_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=Kind.TREATMENT) & Q(treatment_category__in=TreatmentCategory.values)
                )
                | (~Q(kind=Kind.TREATMENT) & Q(treatment_category="")),
                name="education_item_category_only_on_treatments",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT) | Q(reviewed_on__isnull=False),
                name="education_item_published_is_reviewed",
            ),
            models.CheckConstraint(
                condition=Q(next_review_due__isnull=True)
                | Q(reviewed_on__isnull=True)
                | Q(next_review_due__gt=models.F("reviewed_on")),
                name="education_item_review_due_after_review",
            ),
            models.CheckConstraint(
                condition=~Q(slug__in=RESERVED_SLUGS), name="education_item_slug_not_reserved"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        grade = flesch_kincaid_grade(self.patient_text())
        self.reading_grade = None if grade is None else Decimal(str(grade))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "reading_grade"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("education:item", kwargs={"slug": self.slug})

    @property
    def section(self):
        return SECTIONS_BY_KIND[self.kind]

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def has_unpublished_changes(self):
        return self.is_published and self.draft_revision_id is not None

    @property
    def is_waiting_for_review(self):
        return self.draft_revision_id is not None and self.draft_revision.submitted_at is not None

    @property
    def is_treatment(self):
        return self.kind == Kind.TREATMENT

    @property
    def is_exercise(self):
        return self.kind == Kind.EXERCISE

    @property
    def grade_too_high(self):
        return self.reading_grade is not None and self.reading_grade > WARNING_GRADE

    def patient_text(self, steps=None):
        """All text a patient reads on this item's page, as Markdown.

        `steps` defaults to the saved steps; pass the new ones while they are being edited.
        """
        if steps is None:
            steps = [step.text for step in self.steps.all()] if self.pk else []
        parts = [getattr(self, name) for name in self.PATIENT_TEXT_FIELDS]
        parts.extend(f"- {text}" for text in steps)
        return "\n\n".join(part for part in parts if part and part.strip())


class ExerciseStep(models.Model):
    """One numbered step of an exercise."""

    item = models.ForeignKey(
        CatalogueItem,
        verbose_name=_("exercise"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    number = models.PositiveSmallIntegerField(_("step number"))
    text = models.TextField(_("what to do"), help_text=_("One short instruction, plain text."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("exercise step")
        verbose_name_plural = _("exercise steps")
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="education_step_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="education_step_number_positive"
            ),
        ]

    def __str__(self):
        return f"{self.item}: {self.number}"


def _staff_member(verbose_name):
    """Who did something: PROTECT, as staff with a history are deactivated, not deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )


class Revision(models.Model):
    """One saved version of an item's patient page: its fields, steps and links.

    Revisions are never edited after they are saved, except to record what happened to
    them (submitted, approved, discarded); a revert saves a new revision.
    """

    item = models.ForeignKey(
        CatalogueItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revision number"))
    # {field: value} for CONTENT_FIELDS, "related": [item ids], "steps": [texts].
    content = models.JSONField(_("content"))
    created_by = _staff_member(_("saved by"))
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    reverted_from = models.ForeignKey(
        "self",
        verbose_name=_("copy of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_by = _staff_member(_("submitted for review by"))
    submitted_at = models.DateTimeField(_("submitted for review at"), null=True, blank=True)
    approved_by = _staff_member(_("approved and published by"))
    approved_at = models.DateTimeField(_("approved and published at"), null=True, blank=True)
    discarded_by = _staff_member(_("discarded by"))
    discarded_at = models.DateTimeField(_("discarded at"), null=True, blank=True)

    # The item fields a revision holds (besides "related" and "steps"): everything an
    # editor writes. Review dates and status are the item's own.
    CONTENT_FIELDS = (
        "title",
        "slug",
        "kind",
        "position",
        "treatment_category",
        *CatalogueItem.PATIENT_TEXT_FIELDS,
    )

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "number"], name="education_revision_unique_number"
            ),
        ]

    def __str__(self):
        return _("%(item)s, revision %(number)s") % {"item": self.item, "number": self.number}

    @property
    def steps(self):
        return self.content.get("steps", [])

    @property
    def related_ids(self):
        return self.content.get("related", [])


class ContentEvent(models.Model):
    """Who did what to the patient library, and when. Append-only."""

    class Action(models.TextChoices):
        SAVED = "saved", _("Saved changes")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Approved and published")
        UNPUBLISHED = "unpublished", _("Unpublished")
        DISCARDED = "discarded", _("Discarded changes")
        REVERTED = "reverted", _("Went back to an earlier revision")

    item = models.ForeignKey(
        CatalogueItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="events"
    )
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("revision"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
    )
    user = _staff_member(_("user"))
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("library change")
        verbose_name_plural = _("library changes")
        ordering = ["-occurred_at", "-pk"]

    def __str__(self):
        return f"{self.item}: {self.get_action_display()}"
