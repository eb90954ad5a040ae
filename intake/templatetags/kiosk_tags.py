"""Template tags of the kiosk steps."""

from django import template

register = template.Library()


@register.inclusion_tag("intake/kiosk/_options.html")
def kiosk_options(field, errors=None, options=None):
    """The radio buttons or checkboxes of ``field``, each input inside its large label.

    ``errors``: the field's errors (the inputs are marked invalid); ``options``: only
    these of the field's options (the body map's front and back groups).
    """
    return {
        "kind": "radio" if field.widget_type == "radioselect" else "checkbox",
        "name": field.html_name,
        "invalid": bool(errors),
        "options": field.subwidgets if options is None else options,
    }
