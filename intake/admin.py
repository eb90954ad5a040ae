"""Admin: patients and intakes are read-mostly (the wizard and staff views write them);
the questionnaire switches are what a clinic edits here."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from intake.kiosk_forms import DeskPinForm
from intake.models import (
    ConsentText,
    DeskPin,
    InstrumentSetting,
    InstrumentWording,
    Intake,
    IntakeConsent,
    IntakeFactor,
    IntakeMedicine,
    IntakePainQuality,
    IntakeRegion,
    IntakeRiskFactor,
    IntakeSymptom,
    IntakeTreatment,
    IntakeWarningAnswer,
    KioskDevice,
    KioskSession,
    Patient,
    QuestionnaireResponse,
)
from intake.services import instrument_setting_set

CHART_NUMBER_SEARCH = _("Search by chart number (names are not searched).")


@admin.register(Patient)
class PatientAdmin(SimpleHistoryAdmin):
    list_display = ("chart_number", "last_name", "first_name", "date_of_birth", "created_at")
    # A search is a GET: its words stay in the address, the history and the logs, so
    # patients are found by chart number, never by name.
    search_fields = ("chart_number",)
    search_help_text = CHART_NUMBER_SEARCH
    readonly_fields = ("created_at", "updated_at")


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def read_only_inline(inline_model, inline_fields):
    return type(
        f"{inline_model.__name__}Inline",
        (ReadOnlyInline,),
        {"model": inline_model, "fields": inline_fields, "readonly_fields": inline_fields},
    )


class DateHierarchyChangeList(ChangeList):
    """The admin's list, where a date-hierarchy year past the calendar (``?started_at__
    year=99999999999``) is a bad filter, as other bad filters are, not a server error."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


@admin.register(Intake)
class IntakeAdmin(SimpleHistoryAdmin):
    list_display = (
        "patient",
        "status",
        "warning_level",
        "current_step",
        "started_at",
        "submitted_at",
    )
    list_filter = ("status", "warning_level")
    search_fields = ("patient__chart_number",)
    search_help_text = CHART_NUMBER_SEARCH
    list_select_related = ("patient",)
    date_hierarchy = "started_at"

    def get_changelist(self, request, **kwargs):
        return DateHierarchyChangeList

    inlines = [
        read_only_inline(IntakeRegion, ("region", "side")),
        read_only_inline(IntakeSymptom, ("kind",)),
        read_only_inline(IntakePainQuality, ("quality",)),
        read_only_inline(IntakeFactor, ("factor", "effect")),
        read_only_inline(IntakeRiskFactor, ("factor",)),
        read_only_inline(IntakeWarningAnswer, ("question", "answer")),
        read_only_inline(
            QuestionnaireResponse, ("instrument", "version", "total", "band", "subscore")
        ),
        read_only_inline(IntakeTreatment, ("treatment", "outcome")),
        read_only_inline(IntakeMedicine, ("name",)),
        read_only_inline(IntakeConsent, ("text_version", "typed_name", "consented_at")),
    ]

    def has_change_permission(self, request, obj=None):
        # Answers change only through the services (a submitted intake never does).
        return False

    def has_add_permission(self, request):
        return False


@admin.register(InstrumentWording)
class InstrumentWordingAdmin(SimpleHistoryAdmin):
    list_display = ("instrument", "version", "title", "is_sample", "updated_at")
    readonly_fields = [f.name for f in InstrumentWording._meta.fields]

    def has_add_permission(self, request):
        # Loaded from a file with `manage.py load_instrument_text`, which checks it.
        return False


@admin.register(InstrumentSetting)
class InstrumentSettingAdmin(SimpleHistoryAdmin):
    list_display = ("instrument", "enabled", "has_wording", "updated_at")
    list_editable = ("enabled",)
    fields = ("instrument", "enabled")
    readonly_fields = ("instrument",)

    @admin.display(boolean=True, description=_("wording loaded"))
    def has_wording(self, obj):
        return InstrumentWording.objects.filter(instrument=obj.instrument).exists()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            instrument_setting_set(instrument=obj.instrument, enabled=obj.enabled)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    list_display = ("version", "active", "created_at", "updated_at")
    list_filter = ("active",)
    readonly_fields = ("created_at", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        # A version patients have signed keeps its words: add a new version instead.
        if obj and IntakeConsent.objects.filter(text_version=obj.version).exists():
            return ("version", "body", "created_at", "updated_at")
        return self.readonly_fields


@admin.register(KioskSession)
class KioskSessionAdmin(admin.ModelAdmin):
    list_display = ("intake", "created_at", "expires_at", "claimed_at", "ended_at", "end_reason")
    list_filter = ("end_reason",)
    list_select_related = ("intake__patient",)
    exclude = ("unsaved",)
    readonly_fields = (
        "intake",
        "started_by",
        "created_at",
        "expires_at",
        "claimed_at",
        "identity_confirmed_at",
        "identity_failures",
        "ended_at",
        "end_reason",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(KioskDevice)
class KioskDeviceAdmin(admin.ModelAdmin):
    """Enrolled kiosk tablets. They are set up from the tablet itself (the front desk's
    "Set up this device as a kiosk tablet" page), so nothing is added here; a lost or
    retired tablet is revoked."""

    list_display = ("name", "created_at", "created_by", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    fields = ("name", "created_by", "created_at", "revoked_at")
    readonly_fields = ("created_by", "created_at")
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected tablets"))
    def revoke(self, request, queryset):
        now = timezone.now()
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=now, updated_at=now)
        self.message_user(request, _("Tablets revoked: %(count)d.") % {"count": count})


class DeskPinAdminForm(forms.ModelForm):
    """A new PIN typed twice; only its password hash is stored."""

    pin = DeskPinForm.base_fields["pin"]
    pin_again = forms.CharField(
        label=_("The same PIN again"), widget=forms.PasswordInput(attrs={"autocomplete": "off"})
    )

    class Meta:
        model = DeskPin
        fields = []

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pin") and cleaned.get("pin") != cleaned.get("pin_again"):
            self.add_error("pin_again", _("The two PINs are not the same."))
        return cleaned


@admin.register(DeskPin)
class DeskPinAdmin(admin.ModelAdmin):
    """The desk PIN that releases a tablet stopped by an emergency answer. Admins only:
    whoever knows it can let a patient carry on past the stop."""

    form = DeskPinAdminForm
    list_display = ("__str__", "changed_at", "changed_by")
    readonly_fields = ("changed_at", "changed_by")

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser and not DeskPin.objects.exists()

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        obj.set_pin(form.cleaned_data["pin"])
        obj.changed_by = request.user
        super().save_model(request, obj, form, change)
