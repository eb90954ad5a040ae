from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView, TemplateView

from clinic.csv_export import csv_rows
from clinic.forms import AuditFilterForm
from clinic.mixins import StaffViewMixin
from clinic.models import AuditEvent
from clinic.selectors import audit_events


def favicon(request):
    # Resolved per request: the hashed name exists only once collectstatic has run.
    return redirect(static("favicon.svg"), permanent=True)


def root(request):
    """Staff go to their role home; everyone else to the login page."""
    if request.user.is_authenticated:
        return redirect("clinic:home")
    return redirect("login")


class StaffHomeView(LoginRequiredMixin, TemplateView):
    """The role-aware home: each role lands on the screen it works from."""

    role_templates = [
        ("clinic.review_intakes", "clinic/home_practitioner.html"),
        ("clinic.use_front_desk", "clinic/home_front_desk.html"),
        ("clinic.edit_content", "clinic/home_content_admin.html"),
    ]

    def get_template_names(self):
        for permission, template in self.role_templates:
            if self.request.user.has_perm(permission):
                return [template]
        raise PermissionDenied


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


class AuditLogView(AuditFilterMixin, ListView):
    """Superusers: who saw or changed what, filterable, newest first."""

    template_name = "clinic/audit_log.html"
    context_object_name = "events"
    paginate_by = 50

    def get_queryset(self):
        return self.filtered_events()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
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
