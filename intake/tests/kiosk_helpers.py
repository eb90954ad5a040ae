"""Helpers for the kiosk tests: a tablet (Django test client) driven through the views."""

import datetime

from django.utils import timezone

from intake.tests.conftest import FULL_ANSWERS

START = "/kiosk/"


def step_url(step):
    return f"/kiosk/step/{step}/"


def identity(patient):
    return {"first_name": patient.first_name, "date_of_birth": patient.date_of_birth.isoformat()}


def claim(client, code):
    response = client.post(START, {"code": code})
    assert response.status_code == 302, response.content[:2000]
    assert response["Location"] == step_url(1)
    return response


def onset_ten_weeks_ago():
    return (timezone.localdate() - datetime.timedelta(weeks=10)).isoformat()


class Clock:
    """A settable ``timezone.now`` for idle and expiry tests (no sleeping)."""

    def __init__(self):
        self.now = timezone.now()

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


def answers(step):
    data = dict(FULL_ANSWERS.get(step, {}))
    if step == 3:
        data["onset_date"] = onset_ten_weeks_ago()
    return data


def walk_to(client, last_step):
    """Answer steps 2..last_step with Next."""
    for step in range(2, last_step + 1):
        response = client.post(step_url(step), {**answers(step), "action": "next"})
        assert response.status_code == 302, (step, response.content[:3000])
        assert response["Location"] == step_url(step + 1)
