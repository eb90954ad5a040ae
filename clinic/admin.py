import re

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from clinic.models import ApiToken, AuditEvent, DeskScript, RecommendationRule, User
from clinic.services import api_token_issue, audit_event_record, two_factor_invitation_issue
from intake.findings import FINDING_CODES
from intake.models import Intake, KioskSession, Patient

admin.site.site_header = "NerveDesk"
admin.site.site_title = "NerveDesk"


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "is_active", "last_login")
    list_filter = ("groups", "is_active", "is_staff")
    actions = ["issue_two_factor_setup_code"]

    # "change": only superusers and those who may change staff accounts issue codes.
    @admin.action(description=_("Give a two-step sign-in setup code"), permissions=["change"])
    def issue_two_factor_setup_code(self, request, queryset):
        """A one-time setup code for each selected active person, shown on this page only."""
        with transaction.atomic():
            issued = []
            for user in queryset.filter(is_active=True).order_by("username"):
                invitation = two_factor_invitation_issue(user=user, by=request.user)
                audit_event_record(request=request, action=AuditEvent.Action.CREATE, obj=invitation)
                issued.append(invitation)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Two-step sign-in setup codes"),
            "opts": self.opts,
            "issued": issued,
        }
        return TemplateResponse(request, "admin/clinic/user/two_factor_setup_codes.html", context)


def finding_code_is_known(code):
    """A code from intake.findings, or one of its patterns with a value filled in."""
    for known in FINDING_CODES:
        pattern = re.escape(known).replace(r"\<", "<").replace(r"\>", ">")
        if re.fullmatch(re.sub(r"<[^>]+>", "[a-z0-9_]+", pattern), code):
            return True
    return False


class RecommendationRuleForm(forms.ModelForm):
    class Meta:
        model = RecommendationRule
        fields = [
            "finding_code",
            "threshold",
            "expected_value",
            "item",
            "priority",
            "because",
            "is_active",
        ]

    def clean_finding_code(self):
        code = self.cleaned_data["finding_code"].strip()
        if not finding_code_is_known(code):
            raise forms.ValidationError(
                _("“%(code)s” is not a finding code. Choose one from the list in the help text."),
                code="unknown_finding",
                params={"code": code},
            )
        return code


@admin.register(DeskScript)
class DeskScriptAdmin(admin.ModelAdmin):
    """What the front desk is told to do for each warning level (superusers)."""

    list_display = ("level", "text", "updated_at")

    def get_changeform_initial_data(self, request):
        # A new script starts from the text the desk sees today for its level.
        initial = super().get_changeform_initial_data(request)
        try:
            level = DeskScript.Level(int(initial.get("level", DeskScript.Level.EMERGENCY)))
        except (TypeError, ValueError):
            level = DeskScript.Level.EMERGENCY
        initial.setdefault("text", DeskScript.DEFAULT_TEXT[level])
        return initial


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """FHIR API tokens (superusers): issued here and shown once, revoked here."""

    list_display = ("name", "created_at", "created_by", "last_used_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    fields = ("name", "created_by", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("created_by", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    # Tokens read patient data: only superusers see, issue or revoke them.
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: the audit trail names them

    def get_readonly_fields(self, request, obj=None):
        # A new token has only a name; an issued one is revoked (the list action), never
        # renamed or taken back into use.
        return ("name", *self.readonly_fields) if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        row, token = api_token_issue(name=obj.name, by=request.user)
        obj.pk, obj.token = row.pk, token
        audit_event_record(request=request, action=AuditEvent.Action.CREATE, obj=row)

    def response_add(self, request, obj, post_url_continue=None):
        context = {
            **self.admin_site.each_context(request),
            "title": _("FHIR API token issued"),
            "opts": self.opts,
            "token_row": obj,
            "token": obj.token,
        }
        response = TemplateResponse(request, "admin/clinic/apitoken/issued.html", context)
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        active = list(queryset.filter(revoked_at__isnull=True))
        count = ApiToken.objects.filter(pk__in=[row.pk for row in active]).update(
            revoked_at=timezone.now()
        )
        for row in active:
            audit_event_record(request=request, action=AuditEvent.Action.REVOKE, obj=row)
        self.message_user(request, _("Tokens revoked: %(count)d.") % {"count": count})


@admin.register(RecommendationRule)
class RecommendationRuleAdmin(SimpleHistoryAdmin):
    form = RecommendationRuleForm
    list_display = ("finding_code", "threshold", "expected_value", "item", "priority", "is_active")
    list_filter = ("is_active",)
    list_editable = ("priority", "is_active")
    search_fields = ("finding_code", "because", "item__title")
    ordering = ("priority", "finding_code")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        codes = ", ".join(sorted(FINDING_CODES))
        form.base_fields["finding_code"].help_text = _("Known codes: %(codes)s") % {"codes": codes}
        return form


class AuditedAdminMixin:
    """Audit every admin read and write of patient data, like the staff views do."""

    def _patient_id(self, obj):
        return getattr(obj, "patient_id", None) or (
            obj.pk if obj._meta.model_name == "patient" else None
        )

    def _record(self, request, response, object_id=None):
        obj = self.get_object(request, object_id) if object_id else None
        writes = request.method not in ("GET", "HEAD", "OPTIONS")
        status = getattr(response, "status_code", 200)
        audit_event_record(
            request=request,
            action=AuditEvent.Action.UPDATE if writes else AuditEvent.Action.VIEW,
            outcome=AuditEvent.Outcome.ALLOWED if status < 400 else AuditEvent.Outcome.REFUSED,
            obj=obj,
            object_type=self.model._meta.label,
            patient_id=self._patient_id(obj) if obj is not None else None,
        )

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        self._record(request, response)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        self._record(request, response, object_id)
        return response

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        self._record(request, response, object_id)
        return response

    def delete_view(self, request, object_id, extra_context=None):
        response = super().delete_view(request, object_id, extra_context)
        self._record(request, response, object_id)
        return response


class ClinicalAdminMixin:
    """Clinical answers in the admin only for the practitioner role (or a superuser):
    a model permission ticked on a front-desk account opens nothing clinical."""

    clinical_permission = "clinic.review_intakes"

    def _clinical(self, request):
        return request.user.has_perm(self.clinical_permission)

    def has_module_permission(self, request):
        return self._clinical(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._clinical(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._clinical(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._clinical(request) and super().has_delete_permission(request, obj)


# The intake app's admin classes, wrapped with the audit (intake knows nothing of clinic).
CLINICAL_MODELS = {Intake}
for _model in (Patient, Intake, KioskSession):
    _base = type(admin.site._registry[_model])
    _mixins = (
        (AuditedAdminMixin, ClinicalAdminMixin)
        if _model in CLINICAL_MODELS
        else (AuditedAdminMixin,)
    )
    admin.site.unregister(_model)
    admin.site.register(_model, type(f"Audited{_base.__name__}", (*_mixins, _base), {}))
