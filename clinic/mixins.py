"""Access and audit for staff views, in one place.

Every staff view uses `StaffViewMixin`: it requires a login, checks the role
permission, and records an audit event for each read or write of patient data,
including refusals.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404

from clinic.middleware import is_background_poll, signed_out_poll_response
from clinic.models import AuditEvent
from clinic.services import audit_event_record


class StaffViewMixin(LoginRequiredMixin):
    """Login, role check and audit for a staff view.

    - `required_permission`: "app_label.codename" the user must hold; None for any role.
    - `audit_object_type`: set on views that show or change patient data; their reads
      and writes (and refusals) are audited. The view sets `self.audit_object` and
      `self.audit_patient_id` once it knows them.
    - `audit_write_action`: the action a successful POST records.
    """

    required_permission = None
    superuser_only = False
    audit_object_type = ""
    audit_read_action = AuditEvent.Action.VIEW
    audit_write_action = AuditEvent.Action.UPDATE

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            if is_background_poll(request):
                return signed_out_poll_response()
            return self.handle_no_permission()
        self.audit_object = None
        self.audit_patient_id = None
        if not self.has_role(request.user):
            self.audit(AuditEvent.Outcome.REFUSED)
            raise PermissionDenied
        try:
            response = super().dispatch(request, *args, **kwargs)
        except (Http404, PermissionDenied):
            self.audit(AuditEvent.Outcome.REFUSED)
            raise
        if response.status_code < 400:
            self.audit(AuditEvent.Outcome.ALLOWED)
        elif response.status_code in (403, 404):
            self.audit(AuditEvent.Outcome.REFUSED)
        return response

    def has_role(self, user):
        if self.superuser_only:
            return user.is_superuser
        if self.required_permission:
            return user.has_perm(self.required_permission)
        return bool(user.role_names) or user.is_superuser

    def audit(self, outcome):
        if not self.audit_object_type:
            return
        writes = self.request.method not in ("GET", "HEAD", "OPTIONS")
        audit_event_record(
            request=self.request,
            action=self.audit_write_action if writes else self.audit_read_action,
            outcome=outcome,
            obj=self.audit_object,
            object_type=self.audit_object_type,
            patient_id=self.audit_patient_id,
        )


class FilterQueryMixin:
    """For a filtered, paginated list: `filter_query` is the filters without the page,
    so the page links (templates/clinic/_pagination.html) keep them."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        return context
