"""A textarea that shows the reading grade of its text under it, live as the editor types."""

import json

from django import forms
from django.urls import reverse

from education.grading import field_report

GRADE_URL_NAME = "admin:education_catalogueitem_grade"


class GradedTextarea(forms.Textarea):
    """A textarea with its reading-grade report under it.

    The first report is rendered with the page; htmx then posts the whole form to the
    grade view as the editor types and swaps in the new one. The widget's name must be
    one of education.grading.GRADED_FIELDS (the admin form has no prefix).
    """

    template_name = "education/widgets/graded_textarea.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        report_id, line_id = f"grade-{name}", f"grade-line-{name}"
        widget_attrs = context["widget"]["attrs"]
        # Keep the help text Django already points at.
        described_by = widget_attrs.get("aria-describedby")
        widget_attrs.update(
            {
                "hx-post": reverse(GRADE_URL_NAME),
                "hx-trigger": "input changed delay:600ms",
                "hx-target": f"#{report_id}",
                "hx-swap": "innerHTML",
                "hx-include": "closest form",
                "hx-vals": json.dumps({"graded_field": name}),
                "aria-describedby": " ".join(
                    part for part in (described_by, line_id, report_id) if part
                ),
            }
        )
        context["grade_report_id"] = report_id
        context["grade_line_id"] = line_id
        context["grade_report"] = field_report(name, value)
        return context
