"""The bench's Locust users against the real app (pytest-django's live server).

Locust runs in a process of its own, as in the bench (gevent must not be loaded in
this one); a changed form or page that breaks the bench's walk fails here first.
"""

import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from intake.models import Intake
from tools.bench.stack import issue_codes, run_locust


@pytest.fixture
def server(live_server, settings):
    # As behind the production TLS proxy: the tablets send X-Forwarded-Proto and an
    # https Origin.
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    return urlsplit(live_server.url).port


@pytest.mark.django_db(transaction=True)
def test_a_busy_tablet_walks_whole_intakes_and_each_is_submitted_once(server):
    patients = issue_codes(2)
    results = run_locust("BusyTablet", patients, port=server, users=1, seconds=60)

    assert results["errors"] == []
    counts = {name: entry["count"] for name, entry in results["requests"].items()}
    assert counts == {
        "code page": 2,
        "claim code": 2,
        "step page": 18,
        "step save": 18,
        "review page": 2,
        "submit": 2,
    }
    assert len(results["confirmed"]) == 2
    submitted = Intake.objects.filter(submit_token__in=results["confirmed"])
    assert [intake.status for intake in submitted] == [Intake.Status.SUBMITTED] * 2
    assert results["abandoned"] == 0


@pytest.mark.django_db(transaction=True)
def test_a_refused_code_abandons_that_intake_and_the_run_still_ends(server):
    patients = [{"code": "000000", "first_name": "Tab", "dob": "1980-05-17"}, *issue_codes(1)]
    results = run_locust("BusyTablet", patients, port=server, users=1, seconds=60)

    assert results["abandoned"] == 1
    assert len(results["confirmed"]) == 1
    assert results["requests"]["claim code"]["failures"] == 1
    assert "POST claim code: 200 instead of 302" in results["errors"][0]


def failing(function, error, times):
    """``function``, raising ``error`` on its first ``times`` calls."""
    calls = []

    def wrapper(*args, **kwargs):
        calls.append(1)
        if len(calls) <= times:
            raise error
        return function(*args, **kwargs)

    return wrapper


@pytest.mark.django_db(transaction=True)
def test_the_outage_tablet_retries_a_database_outage_to_the_end(server, monkeypatch):
    from django.db import OperationalError

    from intake import selectors

    # Two requests meet a database that is down: the app answers 503 ("try again").
    lookup = failing(selectors.kiosk_session_for_tablet, OperationalError("down"), 2)
    monkeypatch.setattr(selectors, "kiosk_session_for_tablet", lookup)
    results = run_locust("OutageTablet", issue_codes(1), port=server, users=1, seconds=60)

    assert results["statuses"]["503"] == 2
    assert results["retries"] == 2
    assert results["abandoned"] == 0
    assert len(results["confirmed"]) == 1


@pytest.mark.django_db(transaction=True)
def test_the_outage_tablet_gives_up_an_intake_on_a_server_error(server, monkeypatch):
    from intake import selectors

    lookup = failing(selectors.kiosk_session_for_tablet, ValueError("bug"), 1)
    monkeypatch.setattr(selectors, "kiosk_session_for_tablet", lookup)
    results = run_locust("OutageTablet", issue_codes(2), port=server, users=1, seconds=60)

    assert results["statuses"]["500"] == 1
    assert results["retries"] == 0
    assert results["abandoned"] == 1
    assert len(results["confirmed"]) == 1
