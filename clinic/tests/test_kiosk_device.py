"""The front desk sets up a tablet as an enrolled kiosk, from the tablet's browser."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from clinic import roles
from clinic.models import AuditEvent
from intake.kiosk_devices import TABLET_COOKIE
from intake.models import KioskDevice

ENROL = "/staff/tablet/"


@pytest.fixture
def desk_client(client, front_desk_user):
    client.force_login(front_desk_user)
    return client


def test_the_url_is_the_one_the_front_desk_uses():
    assert reverse("clinic:kiosk_device") == ENROL


def test_the_front_desk_sets_up_this_browser_as_a_tablet(desk_client, front_desk_user):
    response = desk_client.post(ENROL, {"name": "  Front   room "})
    assert response.status_code == 302
    assert response["Location"] == "/kiosk/"
    device = KioskDevice.objects.get()
    assert (device.name, device.created_by, device.revoked_at) == (
        "Front room",
        front_desk_user,
        None,
    )
    cookie = response.cookies[TABLET_COOKIE]
    token = cookie.value
    assert len(token) >= 40
    assert device.token_hash == KioskDevice.token_digest(token) != token
    assert token not in str(KioskDevice.objects.filter(pk=device.pk).values()[0])
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/kiosk/"
    assert int(cookie["max-age"]) >= 365 * 24 * 60 * 60
    # The tablet is signed out straight away and shows its name on the code page.
    assert SESSION_KEY not in desk_client.session
    assert desk_client.get("/staff/")["Location"].startswith("/accounts/login/")
    page = desk_client.get("/kiosk/")
    assert page.status_code == 200
    assert "Tablet: Front room" in page.content.decode()
    event = AuditEvent.objects.get(object_type="intake.KioskDevice")
    assert (event.user, event.action, event.outcome, event.object_id) == (
        front_desk_user,
        AuditEvent.Action.CREATE,
        AuditEvent.Outcome.ALLOWED,
        str(device.pk),
    )


def test_the_tablet_cookie_is_secure_when_the_session_cookie_is(desk_client, settings):
    settings.SESSION_COOKIE_SECURE = True
    response = desk_client.post(ENROL, {"name": "Room 2"})
    assert response.cookies[TABLET_COOKIE]["secure"] is True


def test_opening_the_page_sets_nothing_up(desk_client):
    page = desk_client.get(ENROL)
    assert page.status_code == 200
    assert "Set up this device as a kiosk tablet" in page.content.decode()
    assert TABLET_COOKIE not in page.cookies
    assert desk_client.put(ENROL, {"name": "Room 2"}).status_code == 405
    assert not KioskDevice.objects.exists()
    assert SESSION_KEY in desk_client.session


@pytest.mark.parametrize("name", ["", "   ", "Room\x00 2", "x" * 61])
def test_a_tablet_needs_a_plain_name(desk_client, name):
    response = desk_client.post(ENROL, {"name": name})
    assert response.status_code == 422
    assert TABLET_COOKIE not in response.cookies
    assert not KioskDevice.objects.exists()
    assert SESSION_KEY in desk_client.session


@pytest.mark.parametrize(
    ("role", "staff"),
    [(roles.PRACTITIONER, False), (roles.CONTENT_ADMIN, True), (None, False)],
    ids=["practitioner", "content_admin", "charlie_without_a_role"],
)
def test_only_the_front_desk_may_set_up_a_tablet(client, make_staff, role, staff):
    user = make_staff(role, username="someone", is_staff=staff)
    client.force_login(user)
    for method in ("get", "post"):
        response = getattr(client, method)(ENROL, {"name": "Room 2"})
        assert response.status_code == 403
        assert TABLET_COOKIE not in response.cookies
    assert not KioskDevice.objects.exists()
    refused = AuditEvent.objects.filter(user=user, outcome=AuditEvent.Outcome.REFUSED)
    assert refused.count() == 2


def test_a_visitor_who_is_not_signed_in_cannot_set_up_a_tablet(client, db):
    response = client.post(ENROL, {"name": "Room 2"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert TABLET_COOKIE not in response.cookies
    assert not KioskDevice.objects.exists()


def test_a_superuser_revokes_a_tablet_in_the_admin(client, desk_client, make_staff):
    tablet = desk_client.post(ENROL, {"name": "Front room"}).cookies[TABLET_COOKIE].value
    device = KioskDevice.objects.get()
    client.force_login(make_staff(None, username="root", is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:intake_kioskdevice_changelist"),
        {"action": "revoke", "_selected_action": [device.pk]},
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.revoked_at is not None
    revoked = type(client)()
    revoked.cookies[TABLET_COOKIE] = tablet
    assert "Front room" not in revoked.get("/kiosk/").content.decode()
