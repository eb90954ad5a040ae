from django import forms
from django.utils.translation import gettext_lazy as _

from clinic.models import AuditEvent


class AuditFilterForm(forms.Form):
    username = forms.CharField(label=_("User"), max_length=150, required=False)
    patient_id = forms.IntegerField(label=_("Patient id"), min_value=1, required=False)
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("Any"))] + AuditEvent.Action.choices, required=False
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("Any"))] + AuditEvent.Outcome.choices, required=False
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error(
                "until",
                forms.ValidationError(
                    _("The end date must be on or after the start date."), code="date_order"
                ),
            )
        return cleaned

    def filters(self):
        """The selector's keyword arguments, or None when the form is invalid."""
        if not self.is_valid():
            return None
        return {key: value for key, value in self.cleaned_data.items() if value not in ("", None)}
