"""The kiosk's wrong-code limit counts against the client address (common.client_address)."""

import pytest

from intake.models import KioskCodeCounter
from intake.services.kiosk import client_digest
from intake.tests.kiosk_helpers import START

FORWARDED = "198.51.100.7, 203.0.113.9"


@pytest.mark.parametrize(("trusted", "counted"), [(True, "203.0.113.9"), (False, "10.0.0.2")])
def test_the_kiosk_counts_wrong_codes_against_that_address(client, db, settings, trusted, counted):
    settings.AUDIT_TRUST_X_FORWARDED_FOR = trusted
    response = client.post(
        START, {"code": "000000"}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=FORWARDED
    )
    assert response.status_code == 200
    counted_for = KioskCodeCounter.objects.get(scope=KioskCodeCounter.Scope.ADDRESS)
    assert counted_for.key == client_digest(counted)
