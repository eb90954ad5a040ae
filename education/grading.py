"""The live reading grade in the catalogue editor: one field's report and the page's.

As an editor types, htmx posts the whole change form here; the answer is the report
for the field just typed in and, out of band, the report for the whole page. The
page's grade is worked out on the same Markdown `CatalogueItem.patient_text()` builds,
so the live grade is the one the item gets when it is saved.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from education.models import CatalogueItem
from education.readability import (
    TARGET_GRADE,
    WARNING_GRADE,
    HardSentence,
    flesch_kincaid_grade,
    hardest_sentences,
)

# The steps are one textarea, one step per line; the rest are the model's patient text.
STEPS_FIELD = "steps"
GRADED_FIELDS = (*CatalogueItem.PATIENT_TEXT_FIELDS, STEPS_FIELD)

# Longer text is cut before grading, so a pasted book cannot tie up a worker.
MAX_GRADED_CHARS = 20_000

EDIT_PERMISSIONS = ("education.change_catalogueitem", "education.add_catalogueitem")

# How readable a grade is: at most the target, at most the warning grade, or above it.
GOOD = "good"
FAIR = "fair"
HARD = "hard"


@dataclass(frozen=True)
class GradeReport:
    """What the grade templates show: `name` is the field's, "" for the whole page."""

    name: str
    grade: float | None
    hardest: list[HardSentence] = field(default_factory=list)
    target: int = TARGET_GRADE
    limit: int = WARNING_GRADE

    @property
    def too_hard(self):
        return self.grade is not None and self.grade > WARNING_GRADE

    @property
    def level(self):
        """GOOD, FAIR or HARD; None when there is nothing to grade."""
        if self.grade is None:
            return None
        if self.too_hard:
            return HARD
        return GOOD if self.grade <= TARGET_GRADE else FAIR


def _capped(text):
    return str(text or "")[:MAX_GRADED_CHARS]


def step_lines(steps):
    """The steps: typed one per line (each non-empty line, trimmed), or a list of them."""
    if steps is None or isinstance(steps, str):
        lines = _capped(steps).splitlines()
    else:
        lines = [_capped(step) for step in steps]
    return [line.strip() for line in lines if line.strip()]


def _report(name, markdown):
    return GradeReport(
        name=name,
        grade=flesch_kincaid_grade(markdown),
        hardest=hardest_sentences(markdown),
    )


def field_report(name, text):
    """The report for one of GRADED_FIELDS holding `text` (the steps: one per line)."""
    if name == STEPS_FIELD:
        markdown = CatalogueItem().patient_text(steps=step_lines(text))
    else:
        markdown = _capped(text)
    return _report(name, markdown)


def overall_report(texts):
    """The report for the whole page, from {field name: text} of GRADED_FIELDS.

    The steps may be one text, a step a line (as the form posts them), or a list.
    """
    item = CatalogueItem(
        **{name: _capped(texts.get(name)) for name in CatalogueItem.PATIENT_TEXT_FIELDS}
    )
    return _report("", item.patient_text(steps=step_lines(texts.get(STEPS_FIELD))))


@require_POST
def reading_grade(request):
    """The report for the field named in `graded_field`, and the page's out of band."""
    if not any(request.user.has_perm(permission) for permission in EDIT_PERMISSIONS):
        raise PermissionDenied
    name = request.POST.get("graded_field", "")
    if name not in GRADED_FIELDS:
        return HttpResponseBadRequest(
            _("There is no field of that name to grade."),
            content_type="text/plain; charset=utf-8",
        )
    texts = {graded: request.POST.get(graded, "") for graded in GRADED_FIELDS}
    return render(
        request,
        "education/admin/_grade_update.html",
        {"report": field_report(name, texts[name]), "overall": overall_report(texts)},
    )
