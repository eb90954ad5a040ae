"""Every route of the project against every kind of visitor, from one reviewed table.

The test walks Django's URL resolver: a route that is missing from EXPECTED fails, so a
new view cannot ship without someone deciding who may open it.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from clinic.services import handout_link_create
from clinic.tests.security.conftest import ROLES
from intake.services import previsit_link_send

LOGIN = "302 /accounts/login/"
KIOSK = "302 /kiosk/"
NO = "403"
ADMIN_LOGIN = "302 /admin/login/"

# route name -> (method, outcome for anonymous, kiosk, front desk, practitioner, content admin)
# An outcome is a status, or "302 <path>" for a redirect.
EXPECTED = {
    "root": ("get", LOGIN, LOGIN, "302 /staff/", "302 /staff/", "302 /staff/"),
    "healthz": ("get", "200", "200", "200", "200", "200"),
    "favicon": ("get", *["301 /static/favicon.svg"] * 5),
    "login": ("get", "200", "200", "302 /staff/", "302 /staff/", "302 /staff/"),
    "logout": ("post", "200", "200", "200", "200", "200"),
    "otp_verify": ("get", LOGIN, LOGIN, *["302 /accounts/two-factor/setup/"] * 3),
    "otp_setup": ("get", LOGIN, LOGIN, "200", "200", "200"),
    "clinic:home": ("get", LOGIN, LOGIN, "200", "200", "200"),
    "clinic:board_rows": ("get", LOGIN, LOGIN, "200", NO, NO),
    "clinic:patient_search": ("post", LOGIN, LOGIN, "200", NO, NO),
    "clinic:patient_create": ("post", LOGIN, LOGIN, "422", NO, NO),
    "clinic:patient": ("get", LOGIN, LOGIN, "200", NO, NO),
    "clinic:kiosk_start": ("post", LOGIN, LOGIN, "200", NO, NO),
    # Sending with no channel chosen: the form again, with its message.
    "clinic:previsit_send": ("post", LOGIN, LOGIN, "422", NO, NO),
    # Releasing a tablet that is not stopped changes nothing, and goes back to the board.
    "clinic:release_tablet": ("post", LOGIN, LOGIN, "302 /staff/", NO, NO),
    # Showing the set-up form; its POST signs the user out (test_kiosk_device.py).
    "clinic:kiosk_device": ("get", LOGIN, LOGIN, "200", NO, NO),
    "clinic:summary": ("get", LOGIN, LOGIN, NO, "200", NO),
    "clinic:acknowledge": ("post", LOGIN, LOGIN, NO, "422", NO),
    "clinic:plan_save": ("post", LOGIN, LOGIN, NO, "302 /staff/intakes/{intake}/", NO),
    "clinic:review_complete": ("post", LOGIN, LOGIN, NO, "302 /staff/intakes/{intake}/", NO),
    "clinic:share": ("post", LOGIN, LOGIN, NO, "302 /staff/intakes/{intake}/", NO),
    "clinic:revoke": ("post", LOGIN, LOGIN, NO, "302 /staff/intakes/{intake}/", NO),
    "clinic:handout": ("get", LOGIN, LOGIN, NO, "200", NO),
    "clinic:fhir_download": ("get", LOGIN, LOGIN, NO, "200", NO),
    # The FHIR endpoint takes an API token, never a browser session (test_fhir_endpoint.py).
    "fhir:metadata": ("get", *["200"] * 5),
    "fhir:bundle": ("get", *["401"] * 5),
    "fhir:questionnaire_responses": ("get", *["401"] * 5),
    "fhir:questionnaires": ("get", *["401"] * 5),
    "clinic:outcomes": ("get", LOGIN, LOGIN, NO, "200", NO),
    "clinic:outcomes_export": ("get", LOGIN, LOGIN, NO, "200", NO),
    "clinic:audit": ("get", LOGIN, LOGIN, NO, NO, NO),
    "clinic:audit_export": ("get", LOGIN, LOGIN, NO, NO, NO),
    "education:index": ("get", *["200"] * 5),
    "education:search": ("get", *["200"] * 5),
    "education:section": ("get", *["200"] * 5),
    "education:item": ("get", *["200"] * 5),
    "intake:start": ("get", "200", "302 /kiosk/step/1/", "200", "200", "200"),
    # A signed-in staff browser gets the "you are signed in as staff" page (200).
    "intake:reset": ("get", KIOSK, KIOSK, "200", "200", "200"),
    "intake:step": ("get", KIOSK, "200", "200", "200", "200"),
    "intake:autosave": ("post", KIOSK, "204", "200", "200", "200"),
    # The tablet is not stopped: back to its step.
    "intake:stopped": ("get", KIOSK, "302 /kiosk/step/1/", "200", "200", "200"),
    "intake:submit": ("post", KIOSK, "302 /kiosk/step/10/", "200", "200", "200"),
    "handout_shared": ("get", *["200"] * 5),
    # The pre-visit link's start page is public (it asks for the date of birth); the
    # wizard on /visit/ takes only a session started from a link, never a tablet's.
    "previsit_link": ("get", *["200"] * 5),
    "visit:start": ("get", "200", "200", "200", "200", "200"),
    "visit:reset": ("get", "302 /visit/", "302 /visit/", "200", "200", "200"),
    "visit:step": ("get", "302 /visit/", "302 /visit/", "200", "200", "200"),
    "visit:autosave": ("post", "302 /visit/", "302 /visit/", "200", "200", "200"),
    "visit:stopped": ("get", "302 /visit/", "302 /visit/", "200", "200", "200"),
    "visit:submit": ("post", "302 /visit/", "302 /visit/", "200", "200", "200"),
}

# The admin: content admins reach the catalogue, rules, consent texts and questionnaire
# switches; nobody else gets past the admin's own login (only content admins are staff).
# model -> what a content admin gets on (its list, its add page); every other model: 403.
ADMIN_CONTENT_MODELS = {
    "education_catalogueitem": ("200", "200"),
    # The library's audit trail: read, never written by hand.
    "education_contentevent": ("200", NO),
    "clinic_recommendationrule": ("200", "200"),
    "intake_consenttext": ("200", "200"),
    # Switched on and off, never added: one row per questionnaire, wording from a file.
    "intake_instrumentsetting": ("200", NO),
    "intake_instrumentwording": ("200", NO),
}

ROUTE_ARGS = {
    "pk": lambda w, name: (
        w["patient"].pk
        if any(part in name for part in ("patient", "kiosk", "previsit"))
        else w["intake"].pk
    ),
    "step": lambda w, name: 1,
    # A fresh link each time: an earlier row of the walk may have revoked the last one.
    "token": lambda w, name: (
        previsit_link(w)
        if name == "previsit_link"
        else handout_link_create(plan=w["plan"], by=w["plan"].created_by).token
    ),
    "slug": lambda w, name: "herniated-disc",
    "section": lambda w, name: "treatments",
}


def previsit_link(world):
    patient = world["other"].patient
    patient.email = "otto@example.org"
    patient.save()
    desk = world["users"]["front_desk"]
    return previsit_link_send(patient=patient, sent_by=desk, email=True, build_url=str).token


def project_routes():
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                yield from walk(
                    pattern.url_patterns, f"{namespace}{inner}:" if inner else namespace
                )
            elif isinstance(pattern, URLPattern):
                yield f"{namespace}{pattern.name}", pattern

    return list(walk(get_resolver().url_patterns))


def admin_expected(name):
    """What each role gets on an admin list ("..._changelist") or add page ("..._add")."""
    model, view = name.removeprefix("admin:").rsplit("_", 1)
    content = ADMIN_CONTENT_MODELS.get(model, (NO, NO))[0 if view == "changelist" else 1]
    return ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, content


def outcome(response):
    if response.status_code in (301, 302):
        path = urlsplit(response["Location"]).path
        return f"{response.status_code} {path}"
    return str(response.status_code)


def test_every_route_is_in_the_table():
    names = {name for name, _pattern in project_routes() if not name.startswith("admin:")}
    assert names - set(EXPECTED) == set(), "new routes need a row in EXPECTED"
    assert set(EXPECTED) - names == set(), "EXPECTED names routes that no longer exist"


def test_every_admin_model_is_decided():
    from django.contrib import admin

    registered = {f"{m._meta.app_label}_{m._meta.model_name}" for m in admin.site._registry}
    assert registered >= set(ADMIN_CONTENT_MODELS)


@pytest.mark.parametrize("role", ROLES)
def test_each_route_gives_each_role_the_expected_outcome(world, client_for, role):
    from django.urls import reverse

    index = ROLES.index(role)
    failures = []
    for name, pattern in project_routes():
        if name.startswith("admin:"):
            if not name.endswith(("_changelist", "_add")) and name != "admin:index":
                continue
            if name == "admin:index":
                expected = (ADMIN_LOGIN,) * 4 + ("200",)
            else:
                expected = admin_expected(name)
            method = "get"
        else:
            method, *expected = EXPECTED[name]
        client = client_for(role)
        kwargs = {key: ROUTE_ARGS[key](world, name) for key in pattern.pattern.converters}
        url = reverse(name, kwargs=kwargs)
        got = outcome(getattr(client, method)(url))
        want = expected[index].format(intake=world["intake"].pk)
        if got != want:
            failures.append(f"{method.upper()} {name}: got {got}, expected {want}")
    assert failures == [], "\n".join(failures)
