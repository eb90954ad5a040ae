"""When the database is down the app answers 503 (retry), never a bare 500."""

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client


@pytest.fixture
def tolerant_client():
    return Client(raise_request_exception=False)


def test_database_outage_is_a_503_with_retry_after(tolerant_client, db, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("the database system is shutting down")

    with monkeypatch.context() as patched:
        patched.setattr(BaseDatabaseWrapper, "cursor", refuse)
        response = tolerant_client.post("/kiosk/", {"code": "123456"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Please try again in a moment" in response.content.decode()


def test_other_errors_are_a_plain_500_without_details(tolerant_client, db, settings):
    settings.ROOT_URLCONF = "clinic.tests.error_urls"
    response = tolerant_client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in body
    assert "secret detail" not in body and "Traceback" not in body
