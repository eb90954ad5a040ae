"""The pre-visit link sent by a real Celery worker taking the task from Redis."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection

from clinic import roles
from clinic.tests.conftest import wait_for
from clinic.tests.test_previsit import LINK
from intake.models import OutboundMessage, PrevisitLink

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # Five sends and their retries write from the worker's thread while the test reads:
    # SQLite's shared in-memory test database answers "table is locked" to one of them.
    # The browser journey runs the worker on SQLite once (one send).
    pytest.mark.skipif(
        connection.vendor == "sqlite", reason="a worker thread against PostgreSQL only"
    ),
]


class RefusingBackend(BaseEmailBackend):
    """An email server that does not answer."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server refused the connection")


def test_a_real_worker_sends_the_link_and_retries_a_failing_backend(
    client, make_staff, celery_worker_thread, settings
):
    from intake.models import Patient

    patient = Patient.objects.create(
        first_name="Ann", last_name="Lee", date_of_birth="1990-03-04", email="ann@example.org"
    )
    client.force_login(make_staff(roles.FRONT_DESK, username="desk"))
    form = {"email": "on", "email_address": patient.email}
    response = client.post(f"/staff/patients/{patient.pk}/previsit/", form)
    assert response.status_code == 302
    wait_for(lambda: OutboundMessage.objects.filter(status="sent").exists())
    token = LINK.search(mail.outbox[0].body).group(1)
    assert PrevisitLink.objects.get().is_usable
    assert client.get(f"/v/{token}/").status_code == 200

    # A backend that fails: retried by the worker, then kept as the dead letter.
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    assert client.post(f"/staff/patients/{patient.pk}/previsit/", form).status_code == 302
    wait_for(lambda: OutboundMessage.objects.filter(status="failed").exists())
    failed = OutboundMessage.objects.get(status="failed")
    assert failed.attempts == settings.MESSAGE_MAX_RETRIES + 1
    assert len(mail.outbox) == 1
