import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clinic.models import AuditEvent
from clinic.tests.conftest import EMERGENCY
from intake.models import Patient


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_front_desk_board_lists_today_with_status_and_badge_but_no_answers(
    client, front_desk_user, make_intake
):
    make_intake(first_name="Ann", chart="A-1")
    make_intake(first_name="Bob", last_name="Ray", chart="B-2", changes=EMERGENCY)
    make_intake(first_name="Cy", last_name="Doe", chart="C-3", submit=False, steps=[1, 2])
    client.force_login(front_desk_user)
    body = client.get("/staff/").content.decode()
    assert "Front desk" in body
    assert "Ray, Bob" in body and "Lee, Ann" in body and "Doe, Cy" in body
    assert body.index("Ray, Bob") < body.index("Lee, Ann")  # flagged first
    assert "Urgent: tell the practitioner before treatment" in body  # Ann: night pain
    assert "Emergency: get a practitioner now" in body  # Bob
    assert "On step 2 of 10" in body
    assert "Submitted" in body
    for clinical in [
        "Saddle",
        "Numbness",
        "Burning",
        "Diabetes",
        "Walk the dog",
        "Ibuprofen",
        "pain",
    ]:
        assert clinical not in body, clinical


def test_board_rows_poll_is_a_partial_and_not_activity(client, front_desk_user, make_intake):
    make_intake()
    client.force_login(front_desk_user)
    response = client.get("/staff/board/rows/", HTTP_HX_REQUEST="true", HTTP_X_BACKGROUND_POLL="1")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "Lee, Ann" in body


def test_search_is_a_post_and_finds_by_name_chart_and_birth_date(
    client, front_desk_user, make_intake
):
    intake = make_intake()
    client.force_login(front_desk_user)
    assert client.get("/staff/patients/search/").status_code == 405
    for query in ["ann", "lee ann", "C-100", intake.patient.date_of_birth.isoformat()]:
        body = client.post("/staff/patients/search/", {"query": query}).content.decode()
        assert "Lee, Ann" in body, query
    body = client.post("/staff/patients/search/", {"query": "nobody"}).content.decode()
    assert "No patient matches" in body


def test_add_patient_validates_and_keeps_what_was_typed(client, front_desk_user, db):
    client.force_login(front_desk_user)
    response = client.post(
        "/staff/patients/new/",
        {
            "first_name": "Dana",
            "last_name": "Wu",
            "date_of_birth": "1800-01-01",
            "chart_number": "D-1",
        },
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "Dana" in body and "D-1" in body
    assert not Patient.objects.exists()
    response = client.post(
        "/staff/patients/new/",
        {
            "first_name": "Dana",
            "last_name": "Wu",
            "date_of_birth": "1980-01-01",
            "chart_number": "D-1",
        },
    )
    patient = Patient.objects.get()
    assert response["Location"] == f"/staff/patients/{patient.pk}/"
    assert AuditEvent.objects.filter(action="create", patient_id=patient.pk).exists()


def test_start_tablet_shows_a_code_and_qr(client, front_desk_user, make_intake):
    intake = make_intake(submit=False, steps=[1])
    client.force_login(front_desk_user)
    response = client.post(f"/staff/patients/{intake.patient_id}/tablet/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="kiosk-code"' in body and 'class="segno"' in body
    assert "no-store" in response["Cache-Control"]


def test_board_query_count_is_constant(client, front_desk_user, make_intake):
    make_intake(chart="A-0", first_name="A")
    client.force_login(front_desk_user)
    client.get("/staff/")
    few = queries_for(client, "/staff/")
    for n in range(5):
        make_intake(chart=f"N-{n}", first_name=f"N{n}", changes=EMERGENCY if n % 2 else None)
    assert queries_for(client, "/staff/") == few
    assert queries_for(client, "/staff/board/rows/") <= few


def test_queue_orders_emergency_then_urgent_then_arrival(client, practitioner_user, make_intake):
    make_intake(first_name="First", chart="1", changes={6: {"night_pain": "false"}})
    make_intake(first_name="Urgent", chart="2")  # night pain on step 6 is urgent
    make_intake(first_name="Emergency", chart="3", changes=EMERGENCY)
    make_intake(first_name="Last", chart="4", changes={6: {"night_pain": "false"}})
    client.force_login(practitioner_user)
    body = client.get("/staff/").content.decode()
    order = [body.index(f"Lee, {name}") for name in ["Emergency", "Urgent", "First", "Last"]]
    assert order == sorted(order)
    assert "4 intakes" in body and "1 emergency" in body and "1 urgent" in body


def test_queue_filters_by_status_and_date(client, practitioner_user, make_intake):
    from django.utils import timezone

    make_intake(first_name="Waiting", chart="1")
    client.force_login(practitioner_user)
    assert "Lee, Waiting" not in client.get("/staff/?status=reviewed").content.decode()
    assert "Lee, Waiting" in client.get("/staff/?status=all").content.decode()
    today = timezone.localdate().isoformat()
    assert "Lee, Waiting" in client.get(f"/staff/?day={today}").content.decode()
    assert "Lee, Waiting" not in client.get("/staff/?day=2001-01-01").content.decode()
    assert client.get("/staff/?day=not-a-date&status=bogus").status_code == 200


def test_queue_shows_in_progress_emergencies_at_the_top(client, practitioner_user, make_intake):
    make_intake(first_name="Filling", chart="9", submit=False, changes=EMERGENCY, steps=[1, 6])
    client.force_login(practitioner_user)
    body = client.get("/staff/").content.decode()
    assert "Warning signs in 1 intake still being filled in" in body
    assert "Lee, Filling" not in body.split("Warning signs")[0]
    assert "Emergency: not acknowledged" in body
    assert "And 1 still being filled in" in body


@pytest.mark.parametrize("url", ["/staff/", "/staff/?status=all"])
def test_queue_query_count_is_constant(client, practitioner_user, make_intake, url):
    """More rows and more alerts (drafts with warning signs) read nothing more: the
    rows read only some columns, and showing one that was not read would cost a query
    per row."""
    make_intake(chart="A-0", first_name="A")
    make_intake(chart="D-0", first_name="D0", submit=False, changes=EMERGENCY, steps=[1, 6])
    client.force_login(practitioner_user)
    client.get(url)
    few = queries_for(client, url)
    for n in range(6):
        make_intake(chart=f"N-{n}", first_name=f"N{n}", changes=EMERGENCY if n % 2 else None)
        make_intake(
            chart=f"D-{n + 1}",
            first_name=f"D{n + 1}",
            submit=False,
            changes=EMERGENCY,
            steps=[1, 6],
        )
    body = client.get(url).content.decode()
    assert "D6" in body and "N5" in body
    assert queries_for(client, url) == few


def test_board_shows_waiting_for_tablet_until_the_code_is_claimed(
    client, front_desk_user, make_intake
):
    intake = make_intake(submit=False, steps=[1])
    client.force_login(front_desk_user)
    client.post(f"/staff/patients/{intake.patient_id}/tablet/")
    assert "Waiting for tablet" in client.get("/staff/board/rows/").content.decode()
    from intake.models import KioskSession

    KioskSession.objects.update(claimed_at=timezone.now())
    body = client.get("/staff/board/rows/").content.decode()
    assert "Waiting for tablet" not in body and "On step 1 of 10" in body


def test_queue_alerts_leave_out_abandoned_drafts_and_stay_short(
    client, practitioner_user, make_intake
):
    from clinic.selectors import in_progress_alerts
    from intake.models import Intake

    for n in range(3):
        make_intake(
            first_name=f"Filling{n}", chart=f"F-{n}", submit=False, changes=EMERGENCY, steps=[1, 6]
        )
    long_ago = timezone.now() - datetime.timedelta(days=3)
    Intake.objects.filter(patient__first_name="Filling0").update(
        started_at=long_ago, last_saved_at=long_ago
    )
    assert [i.patient.first_name for i in in_progress_alerts()] == ["Filling1", "Filling2"]
    assert len(in_progress_alerts(limit=1)) == 1
    client.force_login(practitioner_user)
    body = client.get("/staff/").content.decode()
    assert "Filling1" in body and "Filling0" not in body


def test_capped_paginator_pages_on_past_its_cap_while_rows_remain():
    from django.core.paginator import EmptyPage, PageNotAnInteger

    from clinic.pagination import CappedPaginator

    rows = list(range(7))
    # Four rows counted with a cap of 3: more than the cap, the total is not known.
    paginator = CappedPaginator(rows, 2, count=4, cap=3)
    assert paginator.capped
    assert [paginator.page(n).has_next() for n in (1, 2, 3, 4)] == [True, True, True, False]
    assert paginator.page(4).object_list == [6]
    assert paginator.page(4).has_previous()
    for number in (5, 0):
        with pytest.raises(EmptyPage):
            paginator.page(number)
    with pytest.raises(PageNotAnInteger):
        paginator.page("x")
    # Within the cap it is Django's paginator: the count is the total.
    exact = CappedPaginator(rows[:3], 2, count=3, cap=3)
    assert not exact.capped and exact.num_pages == 2
    assert not exact.page(2).has_next()
    with pytest.raises(EmptyPage):
        exact.page(3)
    assert not CappedPaginator(rows, 2, count=7, cap=None).capped


def test_history_is_counted_up_to_a_cap_the_waiting_queue_exactly(
    client, practitioner_user, make_intake, monkeypatch
):
    from clinic.views import queue

    monkeypatch.setattr(queue, "HISTORY_COUNTED", 3)
    monkeypatch.setattr(queue.QueueView, "paginate_by", 2)
    for n in range(5):
        make_intake(chart=f"H-{n}", first_name=f"H{n}", changes=EMERGENCY if n == 0 else None)
    client.force_login(practitioner_user)

    first = client.get("/staff/?status=all").content.decode()
    assert "More than 3 intakes" in first and "1 emergency" not in first
    assert "Page 1</span>" in first and "Page 1 of" not in first
    assert "status=all&amp;page=2" in first
    last = client.get("/staff/?status=all&page=3").content.decode()
    assert "Page 3</span>" in last and "page=4" not in last and "page=2" in last
    assert last.count('href="/staff/intakes/') == 1
    for page in ("4", "0", "x"):
        assert client.get(f"/staff/?status=all&page={page}").status_code == 404

    # Waiting for review, and one day's history, are counted exactly.
    for url in ("/staff/", f"/staff/?status=all&day={timezone.localdate().isoformat()}"):
        body = client.get(url).content.decode()
        assert "5 intakes" in body and "1 emergency" in body, url
        assert "Page 1 of 3" in body, url
