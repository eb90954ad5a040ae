"""The practitioner queue: submitted intakes, emergencies first, then urgent, then arrival."""

from django.views.generic import ListView

from clinic.forms import QueueFilterForm
from clinic.mixins import FilterQueryMixin, StaffViewMixin
from clinic.pagination import COUNTED, CappedPaginator
from clinic.selectors import (
    in_progress_alerts,
    practitioner_queue,
    queue_counts,
    with_acknowledgement,
)
from intake.vocabulary import WarningLevel

REVIEW = "clinic.review_intakes"
# Reviewed (or all) intakes of every day: counted up to this many, then "more than".
HISTORY_COUNTED = COUNTED


class QueueView(FilterQueryMixin, StaffViewMixin, ListView):
    required_permission = REVIEW
    audit_object_type = "intake.Intake"
    template_name = "clinic/queue.html"
    context_object_name = "intakes"
    paginate_by = 25
    paginator_class = CappedPaginator

    def get_queryset(self):
        self.filter_form = QueueFilterForm(self.request.GET or None)
        status, day = "submitted", None
        if self.filter_form.is_bound and self.filter_form.is_valid():
            status = self.filter_form.cleaned_data["status"] or "submitted"
            day = self.filter_form.cleaned_data["day"]
        # Waiting intakes and one day's are counted exactly; the whole history only
        # grows, and counting all of it made the page slower every month.
        self.cap = None if status == "submitted" or day else HISTORY_COUNTED
        self.queue = practitioner_queue(status=status, day=day)
        return with_acknowledgement(self.queue)

    def get_template_names(self):
        # The page polls its live part (alerts, counts, list) with htmx.
        return ["clinic/_queue_live.html"] if self.request.htmx else [self.template_name]

    def get_paginator(self, queryset, *args, **kwargs):
        # The counts by warning level include the total: the paginator need not count again.
        self.counts = queue_counts(self.queue, cap=self.cap)
        return super().get_paginator(
            queryset, *args, count=self.counts["total"], cap=self.cap, **kwargs
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        alerts = list(in_progress_alerts())
        unacknowledged = [
            intake
            for intake in [*alerts, *context["intakes"]]
            if intake.warning_level == WarningLevel.EMERGENCY and intake.acknowledged_at is None
        ]
        context.update(
            filter_form=self.filter_form,
            counts=self.counts,
            alerts=alerts,
            unacknowledged=unacknowledged,
        )
        return context
