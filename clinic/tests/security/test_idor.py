"""Ids and tokens never reach another patient's data, and refusals carry none."""

import datetime

from django.utils import timezone

from clinic.models import HandoutLink

PRIVATE = ("Zelda", "Quixote", "Q-999")


def assert_no_private_data(response):
    body = response.content.decode()
    for private in PRIVATE:
        assert private not in body, private


def test_a_tablet_sees_only_its_own_patient(world, client_for):
    tablet = client_for("kiosk")  # claimed for Otto Other
    for step in range(1, 11):
        response = tablet.get(f"/kiosk/step/{step}/")
        assert response.status_code in (200, 302)
        assert_no_private_data(response)
    # Staff routes with the other patient's ids send the tablet to the staff login.
    for url in (
        f"/staff/intakes/{world['intake'].pk}/",
        f"/staff/patients/{world['patient'].pk}/",
        f"/staff/intakes/{world['intake'].pk}/handout/",
    ):
        response = tablet.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_ids_that_do_not_exist_are_404_without_data(world, client_for):
    practitioner, desk = client_for("practitioner"), client_for("front_desk")
    for response in (
        practitioner.get("/staff/intakes/987654/"),
        practitioner.get("/staff/intakes/987654/handout/"),
        practitioner.post("/staff/intakes/987654/plan/"),
        desk.get("/staff/patients/987654/"),
        desk.post("/staff/patients/987654/tablet/"),
    ):
        assert response.status_code == 404
        assert_no_private_data(response)


def test_front_desk_is_refused_every_clinical_object_without_data(world, client_for):
    desk = client_for("front_desk")
    intake = world["intake"]
    for method, url in (
        ("get", f"/staff/intakes/{intake.pk}/"),
        ("get", f"/staff/intakes/{intake.pk}/handout/"),
        ("post", f"/staff/intakes/{intake.pk}/plan/"),
        ("post", f"/staff/intakes/{intake.pk}/acknowledge/"),
        ("post", f"/staff/intakes/{intake.pk}/share/"),
    ):
        response = getattr(desk, method)(url)
        assert response.status_code == 403
        assert_no_private_data(response)


def test_expired_revoked_and_made_up_tokens_show_nothing(world, client_for):
    visitor = client_for("anonymous")
    link = world["link"]
    assert visitor.get(f"/h/{link.token}/").status_code == 200
    HandoutLink.objects.filter(pk=link.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=40),
        expires_at=timezone.now() - datetime.timedelta(days=10),
    )
    for token in (link.token, link.token[:-1], "x" * 43, "../../admin"):
        response = visitor.get(f"/h/{token}/")
        assert response.status_code in (404, 410)
        assert_no_private_data(response)


def test_a_kiosk_code_for_one_patient_never_opens_another(world, client_for):
    from intake.services import kiosk_session_start

    tablet = client_for("anonymous")
    code = kiosk_session_start(
        patient=world["other"].patient, started_by=world["users"]["front_desk"]
    ).code
    tablet.post("/kiosk/", {"code": code})
    response = tablet.get("/kiosk/step/1/")
    assert_no_private_data(response)
    # The same code cannot be claimed again by a second tablet.
    second = client_for("anonymous")
    response = second.post("/kiosk/", {"code": code})
    assert response.status_code == 200
    assert_no_private_data(response)
    assert second.get("/kiosk/step/1/")["Location"] == "/kiosk/"
