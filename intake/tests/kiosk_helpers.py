"""Helpers for the kiosk tests: a tablet (Django test client) driven through the views."""

import datetime

from django.utils import timezone

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
