from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from clinic.models import AuditEvent
from common.limits import LARGEST_INTEGER


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with the user name's length checked before anything reads
    it: AuthenticationForm sets max_length after the field is built, so no validator
    enforces it, and django-axes would record a longer name than its column holds."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class AuditFilterForm(forms.Form):
    username = forms.CharField(label=_("User"), max_length=150, required=False)
    patient_id = forms.IntegerField(
        label=_("Patient id"), min_value=1, max_value=LARGEST_INTEGER, required=False
    )
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


class PatientSearchForm(forms.Form):
    query = forms.CharField(
        label=_("Name, chart number or date of birth"),
        max_length=100,
        help_text=_("Write a date of birth as YYYY-MM-DD."),
    )

    def clean_query(self):
        value = " ".join(self.cleaned_data["query"].split())
        if any(ord(ch) < 32 for ch in value):
            raise forms.ValidationError(
                _("The search contains characters that cannot be used."), code="control"
            )
        return value


class AcknowledgeForm(forms.Form):
    action_taken = forms.CharField(
        label=_("What was done"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: examined today, sent to the emergency department."),
    )


class QueueFilterForm(forms.Form):
    STATUS_CHOICES = [
        ("submitted", _("Waiting for review")),
        ("reviewed", _("Reviewed")),
        ("all", _("All")),
    ]
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    day = forms.DateField(
        label=_("Submitted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PlanForm(forms.Form):
    """Notes of the education plan; the chosen items and their order are read by the view."""

    personal_note = forms.CharField(
        label=_("Personal note to the patient"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    home_exercises = forms.CharField(
        label=_("Home exercise instructions"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def attach_errors(form, error):
    """Show a service's ValidationError on the form: next to its field, or at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class TwoFactorTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code from your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())


class TwoFactorSetupCodeForm(forms.Form):
    setup_code = forms.CharField(
        label=_("Setup code"),
        max_length=40,
        help_text=_("The one-time code your administrator gave you, like ABCD-EFGH-JKLM."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "autofocus": True}
        ),
    )


class PrevisitSendForm(forms.Form):
    """How the front desk sends a patient their pre-visit link, checking the patient's
    email address and mobile number on the way (a changed one is saved)."""

    email = forms.BooleanField(label=_("By email"), required=False)
    email_address = forms.EmailField(label=_("Email address"), required=False, max_length=254)
    sms = forms.BooleanField(label=_("By text message"), required=False)
    phone = forms.CharField(
        label=_("Mobile number"),
        required=False,
        max_length=40,
        help_text=_("With the country code for text messages, for example +1 555 010 0100."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    appointment_at = forms.DateTimeField(
        label=_("Appointment (optional)"),
        required=False,
        help_text=_("The link stops working at the appointment, and after 7 days at most."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args, patient, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "email": bool(patient.email),
                "email_address": patient.email,
                "sms": bool(patient.phone),
                "phone": patient.phone,
            },
        )
        super().__init__(*args, **kwargs)

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        digits = sum(ch.isdigit() for ch in phone)
        if phone and (digits < 7 or any(not (ch.isdigit() or ch in " +-().") for ch in phone)):
            raise forms.ValidationError(
                _("Enter a phone number of digits, for example +1 555 010 0100."), code="phone"
            )
        return phone

    def clean(self):
        data = super().clean()
        # A ticked channel needs its address (unless that field already has an error).
        for channel, address, message in [
            ("email", "email_address", _("Enter the email address to send the link to.")),
            ("sms", "phone", _("Enter the mobile number to send the link to.")),
        ]:
            if data.get(channel) and not data.get(address) and address not in self.errors:
                self.add_error(address, message)
        return data

    def contact_changes(self, patient):
        """The patient's email and phone as typed here, where they differ from the file."""
        typed = {"email": self.cleaned_data["email_address"], "phone": self.cleaned_data["phone"]}
        return {name: value for name, value in typed.items() if value != getattr(patient, name)}

    def send_options(self):
        return {name: self.cleaned_data[name] for name in ("email", "sms", "appointment_at")}


class OutcomesFilterForm(forms.Form):
    """The results page's date range: patients whose first visit falls in it."""

    since = forms.DateField(
        label=_("First visit from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(label=_("to"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end of the range is before its start."))
        return data
