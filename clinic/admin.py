import re

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from clinic.models import RecommendationRule, User
from intake.findings import FINDING_CODES

admin.site.site_header = "NerveDesk"
admin.site.site_title = "NerveDesk"


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "is_active", "last_login")
    list_filter = ("groups", "is_active", "is_staff")


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


@admin.register(RecommendationRule)
class RecommendationRuleAdmin(SimpleHistoryAdmin):
    form = RecommendationRuleForm
    list_display = ("finding_code", "threshold", "expected_value", "item", "priority", "is_active")
    list_filter = ("is_active",)
    list_editable = ("priority", "is_active")
    search_fields = ("finding_code", "because", "item__title")
    autocomplete_fields = ("item",)
    ordering = ("priority", "finding_code")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        codes = ", ".join(sorted(FINDING_CODES))
        form.base_fields["finding_code"].help_text = _("Known codes: %(codes)s") % {"codes": codes}
        return form
