"""Every staff view refuses the wrong role, with no patient data in the refusal."""

import pytest
from django.contrib.auth.models import Group

from clinic import roles
from clinic.models import AuditEvent

FRONT_DESK_ROUTES = [
    ("get", "/staff/board/rows/"),
    ("post", "/staff/patients/search/"),
    ("post", "/staff/patients/new/"),
    ("get", "/staff/patients/{patient}/"),
    ("post", "/staff/patients/{patient}/tablet/"),
]
PRACTITIONER_ROUTES = [
    ("get", "/staff/intakes/{intake}/"),
    ("post", "/staff/intakes/{intake}/acknowledge/"),
    ("post", "/staff/intakes/{intake}/plan/"),
    ("post", "/staff/intakes/{intake}/review/"),
    ("post", "/staff/intakes/{intake}/share/"),
    ("post", "/staff/intakes/{intake}/share/revoke/"),
    ("get", "/staff/intakes/{intake}/handout/"),
]
SUPERUSER_ROUTES = [("get", "/staff/audit/"), ("get", "/staff/audit/export.csv")]


@pytest.fixture
def intake(make_intake):
    return make_intake(first_name="Zelda", last_name="Quixote", chart="Q-999")


def call(client, method, route, intake):
    url = route.format(intake=intake.pk, patient=intake.patient_id)
    return getattr(client, method)(url)


def assert_refused_without_patient_data(response):
    assert response.status_code == 403
    body = response.content.decode()
    for private in ("Zelda", "Quixote", "Q-999"):
        assert private not in body


@pytest.mark.parametrize(("method", "route"), PRACTITIONER_ROUTES + SUPERUSER_ROUTES)
def test_front_desk_is_refused_clinical_and_audit_views(
    client, front_desk_user, intake, method, route
):
    client.force_login(front_desk_user)
    assert_refused_without_patient_data(call(client, method, route, intake))


@pytest.mark.parametrize(("method", "route"), FRONT_DESK_ROUTES + SUPERUSER_ROUTES)
def test_practitioner_is_refused_front_desk_and_audit_views(
    client, practitioner_user, intake, method, route
):
    client.force_login(practitioner_user)
    assert_refused_without_patient_data(call(client, method, route, intake))


@pytest.mark.parametrize(
    ("method", "route"), FRONT_DESK_ROUTES + PRACTITIONER_ROUTES + SUPERUSER_ROUTES
)
def test_content_admin_is_refused_every_patient_view(
    client, content_admin_user, intake, method, route
):
    client.force_login(content_admin_user)
    assert_refused_without_patient_data(call(client, method, route, intake))


@pytest.mark.parametrize(
    ("method", "route"), FRONT_DESK_ROUTES + PRACTITIONER_ROUTES + SUPERUSER_ROUTES
)
def test_anonymous_visitors_are_sent_to_login(client, intake, method, route):
    response = call(client, method, route, intake)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_refusals_are_audited_with_the_patient(client, front_desk_user, intake):
    client.force_login(front_desk_user)
    client.get(f"/staff/intakes/{intake.pk}/")
    event = AuditEvent.objects.get(outcome="refused")
    assert (event.username, event.route, event.object_type) == (
        "fd",
        "clinic:summary",
        "intake.Intake",
    )


def test_practitioner_cannot_edit_catalogue_in_admin_even_with_admin_access(
    client, practitioner_user, library
):
    from education.models import CatalogueItem

    practitioner_user.is_staff = True
    practitioner_user.save()
    item = CatalogueItem.objects.get(slug="massage")
    client.force_login(practitioner_user)
    url = f"/admin/education/catalogueitem/{item.pk}/change/"
    response = client.post(url, {"title": "Hacked"})
    assert response.status_code == 403
    assert CatalogueItem.objects.get(pk=item.pk).title != "Hacked"
    assert client.get("/admin/clinic/recommendationrule/add/").status_code == 403


def test_practitioner_who_is_also_content_admin_can_edit_rules(client, practitioner_user, library):
    practitioner_user.is_staff = True
    practitioner_user.save()
    practitioner_user.groups.add(Group.objects.get(name=roles.CONTENT_ADMIN))
    client.force_login(practitioner_user)
    assert client.get("/admin/clinic/recommendationrule/").status_code == 200


def test_content_admin_edits_rules_with_known_finding_codes_only(
    client, content_admin_user, library
):
    from education.models import CatalogueItem

    item = CatalogueItem.objects.get(slug="massage")
    client.force_login(content_admin_user)
    data = {
        "finding_code": "not.a.code",
        "item": item.pk,
        "priority": 5,
        "because": "Because.",
        "is_active": "on",
    }
    response = client.post("/admin/clinic/recommendationrule/add/", data)
    assert "is not a finding code" in response.content.decode()
    data["finding_code"] = "quality.burning"
    response = client.post("/admin/clinic/recommendationrule/add/", data)
    assert response.status_code == 302
