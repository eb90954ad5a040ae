import pytest

from clinic.models import EducationPlan, WarningAcknowledgement
from clinic.tests.conftest import EMERGENCY
from education.models import CatalogueItem
from intake.models import Intake


@pytest.fixture
def intake(make_intake):
    return make_intake()


def summary_url(intake):
    return f"/staff/intakes/{intake.pk}/"


def test_summary_shows_the_intake_on_one_page(client, practitioner_user, intake):
    client.force_login(practitioner_user)
    response = client.get(summary_url(intake))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ann Lee" in body
    assert 'data-region="left_calf"' in body and "is-selected" in body
    for text in [
        "Numbness",
        "Burning",
        "Sitting",
        "Diabetes",
        "Walk the dog again.",
        "Ibuprofen 400 mg",
    ]:
        assert text in body, text
    assert "Leg pain at worst (0-10)" in body
    assert "Signed by “Ann Lee”" in body


def test_summary_suggests_education_with_reasons(client, practitioner_user, intake):
    client.force_login(practitioner_user)
    body = client.get(summary_url(intake)).content.decode()
    assert "Herniated disc" in body
    assert "Because: Your pain travels down your leg." in body
    assert "You told us about numbness or tingling." in body
    assert "Your pain is severe." in body  # leg pain at worst is 8


def test_change_since_last_visit_is_flagged_and_trends_drawn(
    client, practitioner_user, make_intake
):
    make_intake(changes={4: {"leg_pain_now": "8"}})
    second = make_intake(changes={4: {"leg_pain_now": "3"}})
    client.force_login(practitioner_user)
    body = client.get(summary_url(second)).content.decode()
    assert "change that matters" in body
    assert "Over time" in body and "<polyline" in body
    assert "2 visits" in body


def test_warning_banner_blocks_review_until_acknowledged(client, practitioner_user, make_intake):
    intake = make_intake(changes=EMERGENCY)
    client.force_login(practitioner_user)
    body = client.get(summary_url(intake)).content.decode()
    assert "Emergency warning signs" in body
    assert "Saddle numbness" in body
    assert "The review cannot be completed until the warning signs are acknowledged." in body

    response = client.post(f"/staff/intakes/{intake.pk}/review/", follow=True)
    assert (
        "Acknowledge the warning signs before completing the review." in response.content.decode()
    )
    assert Intake.objects.get(pk=intake.pk).status == "submitted"

    response = client.post(f"/staff/intakes/{intake.pk}/acknowledge/", {"action_taken": ""})
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert not WarningAcknowledgement.objects.exists()

    client.post(f"/staff/intakes/{intake.pk}/acknowledge/", {"action_taken": "Sent to A&E."})
    ack = WarningAcknowledgement.objects.get()
    assert (ack.acknowledged_by, ack.action_taken, ack.warning_level) == (
        practitioner_user,
        "Sent to A&E.",
        2,
    )
    body = client.get(summary_url(intake)).content.decode()
    assert "Sent to A&amp;E." in body
    assert "cannot be completed" not in body

    client.post(f"/staff/intakes/{intake.pk}/review/")
    reviewed = Intake.objects.get(pk=intake.pk)
    assert (reviewed.status, reviewed.reviewed_by) == ("reviewed", practitioner_user)


def test_plan_save_keeps_choice_order_notes_and_rule_reasons(client, practitioner_user, intake):
    disc = CatalogueItem.objects.get(slug="herniated-disc")
    glide = CatalogueItem.objects.get(slug="calf-stretch")  # no rule suggests it
    client.force_login(practitioner_user)
    response = client.post(
        f"/staff/intakes/{intake.pk}/plan/",
        {
            "item": [str(disc.pk), str(glide.pk)],
            "order": [str(glide.pk), str(disc.pk)],
            "personal_note": "See you in two weeks.",
            "home_exercises": "Glides twice a day.",
        },
    )
    assert response.status_code == 302
    plan = EducationPlan.objects.get(intake=intake)
    rows = list(plan.items.order_by("position"))
    assert [r.item for r in rows] == [glide, disc]
    assert rows[0].reason == ""
    assert rows[1].reason == "Your pain travels down your leg."
    assert plan.personal_note == "See you in two weeks."
    assert Intake.objects.get(pk=intake.pk).status == "submitted"


def test_plan_save_and_complete_marks_reviewed(client, practitioner_user, make_intake):
    intake = make_intake(changes={6: {"night_pain": "false"}})
    client.force_login(practitioner_user)
    client.post(f"/staff/intakes/{intake.pk}/plan/", {"item": [], "complete": "1"})
    assert Intake.objects.get(pk=intake.pk).status == "reviewed"


def test_plan_save_refuses_unknown_items_and_keeps_the_notes(client, practitioner_user, intake):
    client.force_login(practitioner_user)
    response = client.post(
        f"/staff/intakes/{intake.pk}/plan/",
        {"item": ["999999"], "personal_note": "Keep me."},
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "One of the chosen items is not in the published library." in body
    assert "Keep me." in body
    assert not EducationPlan.objects.exists()


def test_plan_save_refuses_control_characters(client, practitioner_user, intake):
    client.force_login(practitioner_user)
    response = client.post(f"/staff/intakes/{intake.pk}/plan/", {"personal_note": "a\x00b"})
    assert response.status_code == 422


def test_summary_of_a_missing_intake_is_404(client, practitioner_user, db):
    client.force_login(practitioner_user)
    assert client.get("/staff/intakes/999999/").status_code == 404


def test_summary_query_count_does_not_grow_with_visits_or_patients(
    client, practitioner_user, make_intake, django_assert_max_num_queries
):
    make_intake()
    first = make_intake()  # a second visit, so the baseline already has history
    client.force_login(practitioner_user)
    client.get(summary_url(first))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as baseline:
        client.get(summary_url(first))
    for n in range(3):
        make_intake(chart=f"X-{n}", first_name=f"P{n}")
        make_intake()
    latest = Intake.objects.filter(patient=first.patient).order_by("-pk").first()
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        client.get(summary_url(latest))
