import time

import pytest


@pytest.fixture
def clock(monkeypatch):
    """Move time.time() forward without waiting."""
    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])
    return now


def test_staff_are_signed_out_after_the_idle_timeout(client, front_desk_user, clock, settings):
    settings.STAFF_IDLE_TIMEOUT = 900
    client.force_login(front_desk_user)
    assert client.get("/staff/").status_code == 200
    clock[0] += 899
    assert client.get("/staff/").status_code == 200
    clock[0] += 901
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/staff/").status_code == 302


def test_background_polling_does_not_keep_a_session_alive(client, front_desk_user, clock, settings):
    settings.STAFF_IDLE_TIMEOUT = 900
    client.force_login(front_desk_user)
    client.get("/staff/")
    for _ in range(4):
        clock[0] += 200
        client.get("/staff/", HTTP_X_BACKGROUND_POLL="1", HTTP_HX_REQUEST="true")
    clock[0] += 200
    response = client.get("/staff/", HTTP_X_BACKGROUND_POLL="1", HTTP_HX_REQUEST="true")
    # The poll that finds the session over tells the page, which says alerts are paused.
    assert response.status_code == 204
    assert response["HX-Trigger"] == "staff-signed-out"
    assert "HX-Redirect" not in response
    # Signed out now: later polls say the same, and swap in no sign-in page.
    again = client.get("/staff/board/rows/", HTTP_X_BACKGROUND_POLL="1", HTTP_HX_REQUEST="true")
    assert (again.status_code, again["HX-Trigger"]) == (204, "staff-signed-out")
    # A person's own click still goes to the sign-in page.
    assert client.get("/staff/board/rows/")["Location"].startswith("/accounts/login/")


def test_staff_are_signed_out_after_the_absolute_limit_even_when_active(
    client, front_desk_user, clock, settings
):
    settings.STAFF_IDLE_TIMEOUT = 900
    settings.STAFF_SESSION_MAX_AGE = 3600
    client.force_login(front_desk_user)
    for _ in range(7):
        clock[0] += 500
        assert client.get("/staff/").status_code == 200
    clock[0] += 200
    assert client.get("/staff/").status_code == 302
