"""What the Django admin lets each role reach: no patient object or secret through the
admin's "view on site" shortcut, and nothing clinical for the front desk."""

import pytest
from django.contrib.contenttypes.models import ContentType

from clinic.models import AuditEvent, HandoutLink


@pytest.mark.parametrize("role", ["content_admin", "front_desk", "practitioner"])
def test_the_admin_shortcut_never_leads_to_a_shared_handout(world, client_for, role, make_staff):
    link = world["link"]
    world["users"][role].is_staff = True
    world["users"][role].save()
    content_type = ContentType.objects.get_for_model(HandoutLink)

    response = client_for(role).get(f"/admin/r/{content_type.pk}/{link.pk}/")

    assert response.status_code == 404
    assert link.token not in response.content.decode()
    assert link.token not in response.get("Location", "")


def test_a_superuser_cannot_open_a_handout_through_the_shortcut_either(world, make_staff, client):
    boss = make_staff(None, username="boss", is_staff=True, is_superuser=True)
    client.force_login(boss)
    content_type = ContentType.objects.get_for_model(HandoutLink)
    response = client.get(f"/admin/r/{content_type.pk}/{world['link'].pk}/")
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(object_type="clinic.HandoutLink", action="view").exists()


def test_each_role_holds_exactly_its_permissions(db):
    from django.contrib.auth.models import Group

    from clinic import roles

    for role, wanted in roles.ROLE_PERMISSIONS.items():
        held = {
            f"{app}.{codename}"
            for app, codename in Group.objects.get(name=role).permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert held == set(wanted), role
    assert set(roles.ROLE_PERMISSIONS[roles.FRONT_DESK]) == {
        "clinic.use_front_desk",
        "intake.add_patient",
        "intake.change_patient",
        "intake.view_patient",
    }


CLINICAL_ADMIN_PAGES = [
    "/admin/intake/intake/",
    "/admin/intake/intake/{pk}/change/",
    "/admin/intake/intake/{pk}/history/",
]


@pytest.mark.parametrize("page", CLINICAL_ADMIN_PAGES)
def test_front_desk_with_staff_status_and_intake_permissions_sees_nothing_clinical(
    world, client_for, page
):
    """Whatever an admin ticks on a front-desk account, clinical answers stay closed."""
    from django.contrib.auth.models import Permission

    desk = world["users"]["front_desk"]
    desk.is_staff = True
    desk.save()
    desk.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="intake", codename__contains="intake")
    )
    response = client_for("front_desk").get(page.format(pk=world["intake"].pk))

    assert response.status_code == 403
    body = response.content.decode()
    assert "Zelda" not in body and "warning" not in body.lower()


@pytest.mark.parametrize("page", CLINICAL_ADMIN_PAGES)
def test_a_practitioner_with_staff_status_reads_intakes_in_the_admin(world, client_for, page):
    practitioner = world["users"]["practitioner"]
    practitioner.is_staff = True
    practitioner.save()
    response = client_for("practitioner").get(page.format(pk=world["intake"].pk))
    assert response.status_code == 200


@pytest.mark.parametrize("changelist", ["/admin/intake/patient/", "/admin/intake/intake/"])
def test_the_admin_finds_patients_by_chart_number_never_by_name(world, client_for, changelist):
    """An admin search is a GET: its words land in the address, the history and the logs,
    so it takes chart numbers only."""
    practitioner = world["users"]["practitioner"]
    practitioner.is_staff = True
    practitioner.save()
    from django.contrib.auth.models import Permission

    practitioner.user_permissions.add(Permission.objects.get(codename="view_patient"))
    client = client_for("practitioner")

    by_name = client.get(changelist, {"q": "Quixote"}).content.decode()
    by_chart = client.get(changelist, {"q": "Q-999"}).content.decode()

    assert "0 results" in by_name
    assert "1 result" in by_chart
    assert "chart number" in by_chart.lower()
