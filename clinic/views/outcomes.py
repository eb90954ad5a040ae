"""The clinic's results: practitioners see how many patients improved, never who."""

import datetime

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from clinic import outcomes
from clinic.csv_export import csv_rows
from clinic.forms import OutcomesFilterForm
from clinic.mixins import StaffViewMixin
from clinic.models import AuditEvent
from clinic.selectors import outcome_courses

REVIEW = "clinic.review_intakes"


class OutcomesMixin(StaffViewMixin):
    required_permission = REVIEW
    # Aggregates of patient data: every look is audited, with no patient named.
    audit_object_type = "clinic.outcomes"

    def courses(self):
        today = timezone.localdate()
        default = {"since": today - datetime.timedelta(days=365), "until": today}
        self.filter_form = OutcomesFilterForm(self.request.GET or None, initial=default)
        if not self.request.GET:
            self.range = default
        elif self.filter_form.is_valid():
            self.range = self.filter_form.cleaned_data
        else:
            return None
        return outcome_courses(**self.range)


class OutcomesView(OutcomesMixin, TemplateView):
    template_name = "clinic/outcomes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        courses = self.courses()
        context.update(
            filter_form=self.filter_form,
            rows=None if courses is None else outcomes.results(courses),
            measures=[label for label, _points, _percent in outcomes.MEASURES.values()],
            small_cell=outcomes.SMALL_CELL,
            query=self.request.GET.urlencode(),
        )
        return context


class OutcomesExportView(OutcomesMixin, View):
    """The de-identified outcome table as CSV, formula-like cells neutralised."""

    audit_read_action = AuditEvent.Action.EXPORT

    def get(self, request):
        header, rows = outcomes.table(self.courses() or [])
        response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="outcomes.csv"'
        return response
