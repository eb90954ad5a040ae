"""How the tablet draws the step forms: large inputs, errors tied to their fields,
radios instead of drop-downs, and the body-map checkboxes grouped front and back."""

from django import forms
from django.forms.widgets import Input
from django.utils.translation import gettext_lazy as _

from intake.vocabulary import REGION_VIEW, split_region_key

TEXT_CLASS = "form-control form-control-lg"


def decorate_form(form):
    """Set the widget attributes the kiosk templates rely on; returns the form."""
    errors = form.errors if form.is_bound else {}
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.Select) and not isinstance(widget, forms.RadioSelect):
            field.widget = widget = forms.RadioSelect()
            widget.choices = [choice for choice in field.choices if choice[0] != ""]
        attrs = widget.attrs
        if isinstance(widget, forms.CheckboxInput):
            attrs["class"] = "form-check-input"
        if isinstance(widget, forms.DateInput):
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"
        if isinstance(widget, Input | forms.Textarea) and not isinstance(
            widget, forms.CheckboxInput | forms.HiddenInput
        ):
            attrs["class"] = TEXT_CLASS
        bound = form[name]
        described = []
        if field.help_text:
            described.append(f"{bound.auto_id}_helptext")
        if name in errors:
            described.append(f"{bound.auto_id}-error")
            attrs["aria-invalid"] = "true"
            if "class" in attrs:
                attrs["class"] += " is-invalid"
        if described:
            attrs["aria-describedby"] = " ".join(described)
    return form


def region_groups(bound_field):
    """The body-map checkboxes as two groups: ``[(view, legend, [option, ...])]``."""
    legends = {"front": _("Front of the body"), "back": _("Back of the body")}
    groups = {"front": [], "back": []}
    for option in bound_field:
        _side, region = split_region_key(option.data["value"])
        groups[REGION_VIEW[region]].append(option)
    return [(view, legends[view], options) for view, options in groups.items()]
