"""The audit trail, for superusers."""

from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView

from clinic.csv_export import csv_rows
from clinic.forms import AuditFilterForm
from clinic.mixins import FilterQueryMixin, StaffViewMixin
from clinic.models import AuditEvent
from clinic.pagination import CappedPaginator
from clinic.selectors import audit_events


class AuditFilterMixin(StaffViewMixin):
    superuser_only = True
    audit_object_type = AuditEvent._meta.label

    def filtered_events(self):
        self.filter_form = AuditFilterForm(self.request.GET or None)
        if not self.request.GET:
            return audit_events()
        filters = self.filter_form.filters()
        if filters is None:
            return AuditEvent.objects.none()
        return audit_events(**filters)


class AuditLogView(FilterQueryMixin, AuditFilterMixin, ListView):
    """Superusers: who saw or changed what, filterable, newest first.

    Every staff read adds events, so the trail is counted up to a cap (then "more
    than"): counting all of it on every page would slow the page down month by month.
    """

    template_name = "clinic/audit_log.html"
    context_object_name = "events"
    paginate_by = 50
    paginator_class = CappedPaginator

    def get_queryset(self):
        return self.filtered_events()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        return context


class AuditExportView(AuditFilterMixin, View):
    """The filtered audit trail as CSV, formula-like cells neutralised."""

    audit_read_action = AuditEvent.Action.EXPORT
    header = [
        _("When (UTC)"),
        _("User"),
        _("Role"),
        _("Action"),
        _("Outcome"),
        _("Page"),
        _("Object type"),
        _("Object id"),
        _("Patient id"),
        _("IP address"),
        _("Request id"),
    ]

    def get(self, request):
        rows = (
            [
                event.occurred_at.isoformat(),
                event.username,
                event.role,
                event.action,
                event.outcome,
                event.route,
                event.object_type,
                event.object_id,
                event.patient_id,
                event.ip_address,
                event.request_id,
            ]
            for event in self.filtered_events().iterator()
        )
        response = StreamingHttpResponse(csv_rows(self.header, rows), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="audit.csv"'
        return response
