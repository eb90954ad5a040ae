"""Shared set-up for the security suites: one patient's data, and a client per role."""

import pytest
from django.test import Client

from clinic import roles
from clinic.services import education_plan_save, handout_link_create
from intake.services import kiosk_session_start

ROLES = ["anonymous", "kiosk", "front_desk", "practitioner", "content_admin"]


@pytest.fixture
def world(make_intake, make_staff):
    """A submitted intake with a plan and a live share link, plus a second patient's draft."""
    intake = make_intake(first_name="Zelda", last_name="Quixote", chart="Q-999")
    practitioner = make_staff(roles.PRACTITIONER, username="pr")
    plan = education_plan_save(intake=intake, by=practitioner, item_ids=[])
    link = handout_link_create(plan=plan, by=practitioner)
    other = make_intake(
        first_name="Otto", last_name="Other", chart="O-111", submit=False, steps=[1]
    )
    return {
        "intake": intake,
        "patient": intake.patient,
        "plan": plan,
        "link": link,
        "other": other,
        "users": {
            "front_desk": make_staff(roles.FRONT_DESK, username="fd"),
            "practitioner": practitioner,
            "content_admin": make_staff(roles.CONTENT_ADMIN, username="ca", is_staff=True),
        },
    }


@pytest.fixture
def client_for(world):
    """A logged-in (or kiosk, or anonymous) test client for a role."""

    def _client(role):
        client = Client(raise_request_exception=False)
        if role in world["users"]:
            client.force_login(world["users"][role])
        elif role == "kiosk":
            desk = world["users"]["front_desk"]
            session = kiosk_session_start(patient=world["other"].patient, started_by=desk)
            response = client.post("/kiosk/", {"code": session.code})
            assert response.status_code == 302, response.content
        return client

    return _client
