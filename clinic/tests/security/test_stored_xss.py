"""Script payloads saved in every free-text field come out inert wherever they render."""

import pytest
from django.test import Client

from clinic import roles
from clinic.models import RecommendationRule
from clinic.services import education_plan_save, handout_link_create, warning_acknowledge
from clinic.tests.conftest import EMERGENCY
from education.models import CatalogueItem
from education.tests.html_checks import active_content

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'><svg onload=alert(3)>"


@pytest.fixture
def poisoned(make_intake, make_staff):
    """Payloads in names, intake answers, notes, an acknowledgement and a rule's reason."""
    practitioner = make_staff(roles.PRACTITIONER, username="pr")
    disc = CatalogueItem.objects.get(slug="herniated-disc")
    RecommendationRule.objects.filter(item=disc).update(because=PAYLOAD)
    intake = make_intake(
        first_name="Ann" + PAYLOAD[:40],
        last_name="Lee" + PAYLOAD[40:],
        chart="X<script>",
        changes={
            **EMERGENCY,
            8: {"goals": PAYLOAD, "medicines": PAYLOAD},
            9: {"typed_name": "Ann " + PAYLOAD[:60]},
        },
    )
    warning_acknowledge(intake=intake, by=practitioner, action_taken=PAYLOAD)
    plan = education_plan_save(
        intake=intake,
        by=practitioner,
        item_ids=[disc.pk],
        personal_note=PAYLOAD,
        home_exercises=PAYLOAD,
    )
    link = handout_link_create(plan=plan, by=practitioner)
    superuser = make_staff(None, username="root", is_superuser=True, is_staff=True)
    return {
        "intake": intake,
        "link": link,
        "practitioner": practitioner,
        "front_desk": make_staff(roles.FRONT_DESK, username="fd"),
        "superuser": superuser,
    }


def assert_inert(response):
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    # The admin's translation catalogue is a same-origin script the CSP allows.
    problems = [p for p in active_content(body) if "'/admin/jsi18n/'" not in p]
    assert problems == []
    for raw in ("<script>alert", "<img src=x", "<svg onload"):
        assert raw not in body


def get(user, url):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_payloads_are_inert_on_every_staff_and_patient_page(poisoned):
    intake, link = poisoned["intake"], poisoned["link"]
    pages = [
        (poisoned["front_desk"], "/staff/"),
        (poisoned["front_desk"], "/staff/board/rows/"),
        (poisoned["front_desk"], f"/staff/patients/{intake.patient_id}/"),
        (poisoned["practitioner"], "/staff/"),
        (poisoned["practitioner"], f"/staff/intakes/{intake.pk}/"),
        (poisoned["practitioner"], f"/staff/intakes/{intake.pk}/handout/"),
        (None, f"/h/{link.token}/"),
        (poisoned["superuser"], "/admin/intake/patient/"),
        (poisoned["superuser"], f"/admin/intake/patient/{intake.patient_id}/change/"),
        (poisoned["superuser"], "/admin/intake/intake/"),
        (poisoned["superuser"], "/admin/clinic/recommendationrule/"),
        (poisoned["superuser"], "/staff/audit/"),
    ]
    for user, url in pages:
        assert_inert(get(user, url))


def test_the_payload_is_shown_as_text_not_dropped(poisoned):
    body = get(
        poisoned["practitioner"], f"/staff/intakes/{poisoned['intake'].pk}/"
    ).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_search_results_echo_the_query_inertly(poisoned):
    client = Client()
    client.force_login(poisoned["front_desk"])
    assert_inert(client.post("/staff/patients/search/", {"query": PAYLOAD[:90]}))
    assert_inert(Client().get("/learn/search/", {"q": PAYLOAD}))
