"""The tablet's own forms: the kiosk code, step 1's "is it you?" check, the desk PIN."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.forms import SafeTextMixin, check_date_of_birth


class KioskCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=20,
        help_text=_("The six numbers the front desk gave you."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": _("Please type the code from the front desk.")},
    )


class IdentityForm(SafeTextMixin, forms.Form):
    """First name and date of birth, checked against the record by the service."""

    first_name = forms.CharField(
        label=_("Your first name"),
        max_length=100,
        error_messages={"required": _("Please type your first name.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    date_of_birth = forms.DateField(
        label=_("Your date of birth"),
        error_messages={
            "required": _("Please enter your date of birth."),
            "invalid": _("Please enter your date of birth as a date, like 1980-04-23."),
        },
    )

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        check_date_of_birth(value, timezone.localdate())
        return value

    def clean_first_name(self):
        value = " ".join(self.cleaned_data["first_name"].split())
        if not value:
            raise ValidationError(_("Please type your first name."), code="required")
        return value


class PrevisitStartForm(SafeTextMixin, forms.Form):
    """The date of birth a patient confirms before a pre-visit link opens their intake."""

    date_of_birth = IdentityForm.base_fields["date_of_birth"]

    clean_date_of_birth = IdentityForm.clean_date_of_birth


class KioskDeviceForm(SafeTextMixin, forms.Form):
    """The name the front desk gives a tablet it sets up as a kiosk."""

    name = forms.CharField(
        label=_("Name of this tablet"),
        max_length=60,
        help_text=_("So you can tell the tablets apart, for example Front room."),
        error_messages={"required": _("Please give this tablet a name.")},
    )

    def clean_name(self):
        value = " ".join(self.cleaned_data["name"].split())
        if not value:
            raise ValidationError(_("Please give this tablet a name."), code="required")
        return value


DESK_PIN_MIN = 4
DESK_PIN_MAX = 8


class DeskPinForm(forms.Form):
    """The desk PIN, typed by staff on a tablet stopped by an emergency answer."""

    pin = forms.RegexField(
        label=_("Desk PIN"),
        regex=rf"^[0-9]{{{DESK_PIN_MIN},{DESK_PIN_MAX}}}$",
        max_length=DESK_PIN_MAX,
        strip=True,
        widget=forms.PasswordInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "enterkeyhint": "done"}
        ),
        error_messages={
            "required": _("Please type the desk PIN."),
            "invalid": _("The desk PIN is 4 to 8 numbers."),
        },
    )
