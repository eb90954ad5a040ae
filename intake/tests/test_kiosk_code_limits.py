"""The wrong-code limits on the kiosk code page: counted in the database, atomically,
per enrolled tablet, per address for browsers that are not enrolled, and clinic-wide
for those browsers."""

import contextlib
import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone
from model_bakery import baker

from intake import services
from intake.kiosk_devices import TABLET_COOKIE
from intake.models import KioskSession
from intake.services import kiosk as kiosk_services
from intake.services.kiosk import (
    WRONG_CODES_PER_ADDRESS,
    WRONG_CODES_PER_CLINIC,
    WRONG_CODES_PER_TABLET,
    kiosk_device_enrol,
)
from intake.tests.kiosk_helpers import START, Clock, claim

PAUSED = b"This tablet is paused for a few minutes. Please ask the front desk."
WRONG = b"This code does not work"
needs_row_locks = pytest.mark.skipif(
    not connection.features.has_select_for_update_of,
    reason="PostgreSQL: row locks (SQLite locks the whole database for a write)",
)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def desk(db):
    return baker.make("clinic.User", username="desk")


@pytest.fixture
def new_code(desk):
    """A live code for a new patient each time."""
    made = []

    def _new():
        patient = baker.make(
            "intake.Patient", chart_number=f"L-{len(made)}", date_of_birth="1980-01-01"
        )
        kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
        made.append(kiosk)
        return kiosk.code

    return _new


def wrong_code():
    """A code no live session has (the tests start few codes, never this many)."""
    live = set(KioskSession.objects.exclude(code_hash="").values_list("code_hash", flat=True))
    for n in range(100):
        code = f"{n:06d}"
        if kiosk_services.code_digest(code) not in live:
            return code
    raise AssertionError("no free code")  # pragma: no cover


def browser(address="10.0.0.5", device=None):
    """A tablet's browser at ``address``; enrolled when ``device`` is given."""
    tablet = Client(REMOTE_ADDR=address)
    if device is not None:
        tablet.cookies[TABLET_COOKIE] = device.token
    return tablet


@pytest.fixture
def tablet(desk):
    return kiosk_device_enrol(name="Front room", created_by=desk)


def test_dropping_the_session_cookie_does_not_reset_an_address_count(db, new_code, clock):
    plain = browser()
    for _ in range(WRONG_CODES_PER_ADDRESS):
        assert WRONG in plain.post(START, {"code": wrong_code()}).content
    plain.cookies.clear()  # a fresh browser session, same address
    refused = plain.post(START, {"code": new_code()})
    assert refused.status_code == 200
    assert PAUSED in refused.content
    # Another unenrolled browser at the same address shares the count.
    assert PAUSED in browser().post(START, {"code": new_code()}).content
    clock.advance(minutes=10, seconds=1)
    claim(browser(), new_code())


def test_dropping_the_session_cookie_does_not_reset_an_enrolled_tablets_count(
    db, tablet, new_code, clock
):
    enrolled = browser(device=tablet)
    for _ in range(WRONG_CODES_PER_TABLET):
        assert WRONG in enrolled.post(START, {"code": wrong_code()}).content
    enrolled.cookies.pop(settings.SESSION_COOKIE_NAME, None)  # a fresh browser session
    assert TABLET_COOKIE in enrolled.cookies
    assert PAUSED in enrolled.post(START, {"code": new_code()}).content
    # Moving to another address changes nothing either: the count is the tablet's.
    assert PAUSED in browser("10.9.9.9", device=tablet).post(START, {"code": new_code()}).content
    clock.advance(minutes=10, seconds=1)
    claim(enrolled, new_code())


def test_thirty_wrong_codes_from_a_plain_browser_do_not_pause_an_enrolled_tablet(
    db, tablet, new_code
):
    for _ in range(35):
        browser().post(START, {"code": wrong_code()})  # a fresh browser every time
    assert PAUSED in browser().post(START, {"code": new_code()}).content
    claim(browser(device=tablet), new_code())


def test_the_clinic_wide_ceiling_pauses_plain_browsers_but_not_enrolled_tablets(
    db, tablet, new_code
):
    for n in range(WRONG_CODES_PER_CLINIC):
        elsewhere = browser(f"10.1.{n // 200}.{n % 200}")
        assert WRONG in elsewhere.post(START, {"code": wrong_code()}).content
    assert PAUSED in browser("10.2.0.1").post(START, {"code": new_code()}).content
    claim(browser("10.2.0.1", device=tablet), new_code())


def test_a_right_code_is_not_counted_as_a_wrong_one(db, new_code):
    plain = browser()
    for _ in range(WRONG_CODES_PER_ADDRESS - 1):
        plain.post(START, {"code": wrong_code()})
    for _ in range(3):
        claim(browser(), new_code())
    claim(browser(), new_code())


def test_a_revoked_tablet_counts_as_a_plain_browser(db, tablet, new_code):
    for _ in range(WRONG_CODES_PER_ADDRESS):
        browser().post(START, {"code": wrong_code()})
    tablet.revoked_at = timezone.now()
    tablet.save()
    revoked = browser(device=tablet)
    assert b"Front room" not in revoked.get(START).content
    assert PAUSED in revoked.post(START, {"code": new_code()}).content


def test_the_start_page_names_an_enrolled_tablet(db, tablet):
    page = browser(device=tablet).get(START).content.decode()
    assert "Tablet: Front room" in page
    assert "Tablet:" not in browser().get(START).content.decode()


def test_an_unknown_tablet_cookie_counts_as_a_plain_browser(db):
    forged = Client(REMOTE_ADDR="10.0.0.5")
    forged.cookies[TABLET_COOKIE] = "not-a-real-token"
    assert forged.get(START).status_code == 200
    for _ in range(WRONG_CODES_PER_ADDRESS):
        forged.post(START, {"code": wrong_code()})
    assert PAUSED in browser().post(START, {"code": "123456"}).content


def _concurrent_wrong_codes(monkeypatch, count, claim_kwargs):
    """``count`` wrong codes at once, each thread on its own connection. Returns how
    many codes were looked up and the refusal codes. Every lookup waits (up to a second)
    until all threads have reached it, so a limit checked apart from its count lets
    them all through."""
    lookups = []
    gate = threading.Barrier(count, timeout=1)
    looked_up = kiosk_services.code_digest

    def slow_lookup(code):
        lookups.append(code)
        with contextlib.suppress(threading.BrokenBarrierError):
            gate.wait()
        return looked_up(code)

    monkeypatch.setattr(kiosk_services, "code_digest", slow_lookup)
    refusals = []
    start = threading.Barrier(count)

    def attempt(n):
        try:
            start.wait()
            services.kiosk_session_claim(code=f"{n:06d}", **claim_kwargs)
        except services.KioskCodeRefused as refused:
            refusals.append(refused.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    return lookups, sorted(refusals)


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_concurrent_wrong_codes_from_one_address_are_counted_one_by_one(monkeypatch):
    # One wrong code first, so the concurrent ones race on a count that exists.
    with pytest.raises(services.KioskCodeRefused):
        services.kiosk_session_claim(code="999999", address="10.3.3.3")
    left = WRONG_CODES_PER_ADDRESS - 1
    lookups, refusals = _concurrent_wrong_codes(monkeypatch, left + 3, {"address": "10.3.3.3"})
    assert len(lookups) == left
    assert refusals == ["invalid_code"] * left + ["too_many_tries"] * 3


@needs_row_locks
@pytest.mark.django_db(transaction=True)
def test_concurrent_wrong_codes_from_one_tablet_are_counted_one_by_one(monkeypatch):
    desk = baker.make("clinic.User", username="desk")
    device = kiosk_device_enrol(name="Room 2", created_by=desk)
    count = WRONG_CODES_PER_TABLET + 3
    lookups, refusals = _concurrent_wrong_codes(
        monkeypatch, count, {"device": device, "address": "10.3.3.4"}
    )
    assert len(lookups) == WRONG_CODES_PER_TABLET
    assert refusals == ["invalid_code"] * WRONG_CODES_PER_TABLET + ["too_many_tries"] * 3
