"""The kiosk's option tag: the inputs a patient taps, escaped, checked and marked invalid;
and the kiosk pages' scripts."""

from django import forms
from django.template import Context, Template

from intake.kiosk_widgets import decorate_form

TEMPLATE = Template("{% load kiosk_tags %}{% kiosk_options f errors %}")
SOME = Template("{% load kiosk_tags %}{% kiosk_options f options=some %}")
BOOTSTRAP_JS = "vendor/bootstrap/js/bootstrap.bundle.min.js"


class PainForm(forms.Form):
    where = forms.ChoiceField(
        choices=[("calf", "Calf"), ("foot", "<b>Foot</b> & toes")], widget=forms.RadioSelect
    )
    feels = forms.MultipleChoiceField(
        choices=[("burning", "Burning"), ("numb", "Numb")], widget=forms.CheckboxSelectMultiple
    )


def render(form, name):
    field = form[name]
    return TEMPLATE.render(Context({"f": field, "errors": field.errors}))


def test_options_are_labelled_inputs_with_the_answer_checked():
    form = decorate_form(PainForm(data={"where": "foot", "feels": ["numb"]}))
    html = render(form, "where")
    assert html.count('<label class="kiosk-option" for="id_where_') == 2
    assert (
        '<input class="form-check-input" type="radio" name="where" value="foot" '
        'id="id_where_1" checked>'
    ) in html
    assert 'value="calf" id="id_where_0">' in html  # not checked
    # Labels are escaped, never markup.
    assert "<span>&lt;b&gt;Foot&lt;/b&gt; &amp; toes</span>" in html
    feels = render(form, "feels")
    assert 'type="checkbox" name="feels" value="numb" id="id_feels_1" checked>' in feels
    assert "aria-invalid" not in html + feels


def test_options_of_a_field_with_an_error_are_marked_invalid():
    form = decorate_form(PainForm(data={"where": "knee"}))
    assert not form.is_valid()
    html = render(form, "where")
    assert html.count(' aria-invalid="true"') == 2
    assert " checked" not in html


def test_options_can_be_a_subset_of_the_field_s_options():
    form = decorate_form(PainForm(data={"where": "knee"}))
    field = form["where"]
    html = SOME.render(Context({"f": field, "some": field.subwidgets[1:]}))
    assert html == (
        '<label class="kiosk-option" for="id_where_1"><input class="form-check-input" '
        'type="radio" name="where" value="foot" id="id_where_1">'
        "<span>&lt;b&gt;Foot&lt;/b&gt; &amp; toes</span></label>"
    )  # no errors passed: not marked invalid


def test_kiosk_pages_do_not_load_bootstrap_s_javascript(client, db):
    kiosk = client.get("/kiosk/")
    assert kiosk.status_code == 200
    assert BOOTSTRAP_JS not in kiosk.content.decode()
    assert "vendor/htmx/htmx.min.js" in kiosk.content.decode()
    # Staff pages keep it.
    assert BOOTSTRAP_JS in client.get("/accounts/login/").content.decode()
