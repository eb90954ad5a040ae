"""The security headers on every class of response, as production sends them."""

import pytest
from django.test import Client

from intake.services import kiosk_session_start
from intake.tests.kiosk_helpers import claim


@pytest.fixture
def production_headers(settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True


def check_headers(response, *, patient_data):
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    if patient_data:
        assert "no-store" in response["Cache-Control"]


def test_headers_on_every_response_class(production_headers, world, client_for):
    practitioner = client_for("practitioner")
    tablet = Client()
    code = kiosk_session_start(
        patient=world["other"].patient, started_by=world["users"]["front_desk"]
    ).code
    claim(tablet, code)
    anonymous = Client()
    pages = [
        (anonymous, "/accounts/login/", True),
        (tablet, "/kiosk/step/1/", True),
        (practitioner, "/staff/", True),
        (practitioner, f"/staff/intakes/{world['intake'].pk}/", True),
        (practitioner, f"/staff/intakes/{world['intake'].pk}/handout/", True),
        (anonymous, f"/h/{world['link'].token}/", True),
        (anonymous, "/learn/", False),
        (anonymous, "/learn/herniated-disc/", False),
    ]
    for client, url, patient_data in pages:
        check_headers(client.get(url, secure=True), patient_data=patient_data)


def test_kiosk_autosave_and_board_poll_are_not_cached(world, client_for):
    desk = client_for("front_desk")
    assert "no-store" in desk.get("/staff/board/rows/")["Cache-Control"]
    tablet = client_for("kiosk")
    assert "no-store" in tablet.post("/kiosk/step/1/autosave/", {})["Cache-Control"]
