import csv
import io

import pytest
from model_bakery import baker

from clinic.csv_export import neutralise_cell
from clinic.models import AuditEvent


@pytest.fixture
def superuser(make_staff):
    return make_staff(None, username="root", is_superuser=True, is_staff=True)


def test_audit_events_cannot_be_changed_or_deleted(db):
    event = baker.make(AuditEvent, action=AuditEvent.Action.VIEW)
    event.action = AuditEvent.Action.DELETE
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).action == AuditEvent.Action.VIEW


@pytest.mark.parametrize(
    "role_fixture", ["front_desk_user", "practitioner_user", "content_admin_user"]
)
def test_audit_trail_is_refused_to_every_role_and_the_refusal_is_recorded(
    client, request, role_fixture
):
    user = request.getfixturevalue(role_fixture)
    client.force_login(user)
    assert client.get("/staff/audit/").status_code == 403
    assert client.get("/staff/audit/export.csv").status_code == 403
    refused = AuditEvent.objects.filter(user=user, outcome=AuditEvent.Outcome.REFUSED)
    assert refused.count() == 2
    assert {e.route for e in refused} == {"clinic:audit", "clinic:audit_export"}


def test_audit_trail_needs_a_login(client, db):
    response = client.get("/staff/audit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not AuditEvent.objects.exists()


def test_superuser_reading_the_trail_is_itself_audited_with_ip_and_request_id(client, superuser):
    client.force_login(superuser)
    response = client.get("/staff/audit/", HTTP_X_REQUEST_ID="req-123", REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 200
    assert response["X-Request-ID"] == "req-123"
    event = AuditEvent.objects.get()
    assert (event.username, event.action, event.outcome) == ("root", "view", "allowed")
    assert (event.ip_address, event.request_id, event.route) == (
        "10.0.0.7",
        "req-123",
        "clinic:audit",
    )


def test_a_request_id_that_is_not_sane_is_replaced(client, superuser):
    client.force_login(superuser)
    response = client.get("/staff/audit/", HTTP_X_REQUEST_ID="<script>")
    assert response["X-Request-ID"] != "<script>"
    assert len(response["X-Request-ID"]) == 32


def test_audit_trail_filters(client, superuser):
    baker.make(AuditEvent, username="alice", action="view", outcome="allowed", patient_id=7)
    baker.make(AuditEvent, username="bob", action="update", outcome="refused", patient_id=8)
    client.force_login(superuser)
    body = client.get("/staff/audit/", {"username": "ali", "patient_id": 7}).content.decode()
    assert "alice" in body and "bob" not in body
    body = client.get("/staff/audit/", {"outcome": "refused"}).content.decode()
    assert "bob" in body and "alice" not in body


def test_audit_trail_is_counted_up_to_a_cap_and_pages_on(client, superuser, monkeypatch):
    from clinic.views import audit

    monkeypatch.setattr(audit.AuditLogView, "paginate_by", 2)
    monkeypatch.setattr(audit.AuditLogView, "paginator_class", _capped_at(3))
    baker.make(AuditEvent, username="alice", action="view", _quantity=4)
    client.force_login(superuser)
    # Four events (a read is recorded after its page is built): more than three.
    body = client.get("/staff/audit/").content.decode()
    assert "More than 3 events" in body and "Page 1</span>" in body and "page=2" in body
    # Five now (the first read is one): the third page is the last, with one row.
    last = client.get("/staff/audit/", {"page": 3}).content.decode()
    assert "Page 3</span>" in last and "page=4" not in last
    assert last.split("<tbody>")[1].count("<tr>") == 1
    assert client.get("/staff/audit/", {"page": 5}).status_code == 404
    # Filtered to within the cap: the exact count and the number of pages.
    body = client.get("/staff/audit/", {"username": "root"}).content.decode()
    assert "3 events" in body and "Page 1 of 2" in body


def _capped_at(cap):
    from clinic.pagination import CappedPaginator

    class Capped(CappedPaginator):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, cap=cap, **kwargs)

    return Capped


def test_audit_trail_with_bad_dates_shows_the_error_and_no_rows(client, superuser):
    baker.make(AuditEvent, username="alice", action="view")
    client.force_login(superuser)
    body = client.get(
        "/staff/audit/", {"since": "2026-02-01", "until": "2026-01-01"}
    ).content.decode()
    assert "The end date must be on or after the start date." in body
    assert "alice" not in body


def test_audit_csv_export_neutralises_formulas(client, superuser):
    baker.make(AuditEvent, username='=HYPERLINK("http://evil")', action="view")
    client.force_login(superuser)
    response = client.get("/staff/audit/export.csv")
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "When (UTC)"
    assert '\'=HYPERLINK("http://evil")' in [row[1] for row in rows[1:]]
    assert AuditEvent.objects.filter(action="export", username="root").exists()


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise_cell_prefixes_formula_starts(value):
    assert neutralise_cell(value) == "'" + value


def test_neutralise_cell_leaves_plain_text_and_none():
    assert neutralise_cell("Jane") == "Jane"
    assert neutralise_cell(None) == ""
    assert neutralise_cell(12) == "12"


def test_audit_trail_query_count_is_constant(client, superuser, django_assert_num_queries):
    client.force_login(superuser)
    baker.make(AuditEvent, action="view", _quantity=3)
    with django_assert_num_queries(6) as few:
        client.get("/staff/audit/")
    baker.make(AuditEvent, action="view", _quantity=40)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/staff/audit/")


def test_postgresql_refuses_update_and_delete_of_audit_rows(db):
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip(
            "The append-only trigger is PostgreSQL's; the suite's PostgreSQL pass runs this."
        )
    event = baker.make(AuditEvent, action=AuditEvent.Action.VIEW, username="alice")
    rows = AuditEvent.objects.filter(pk=event.pk)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        rows.update(username="mallory")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        rows.delete()
    assert AuditEvent.objects.get(pk=event.pk).username == "alice"


def test_a_staff_account_with_an_audit_trail_cannot_be_deleted(client, superuser):
    from django.db.models import ProtectedError

    client.force_login(superuser)
    client.get("/staff/audit/")
    with pytest.raises(ProtectedError):
        superuser.delete()


def test_audit_trail_pages_keep_the_filters(client, superuser):
    baker.make(AuditEvent, action="view", outcome="refused", _quantity=60)
    client.force_login(superuser)
    body = client.get("/staff/audit/", {"outcome": "refused"}).content.decode()
    assert 'href="?outcome=refused&amp;page=2">Older</a>' in body
    assert "Page 1 of 2" in body


def test_behind_a_trusted_proxy_the_audit_records_the_address_it_appended(
    client, superuser, settings
):
    settings.AUDIT_TRUST_X_FORWARDED_FOR = True
    client.force_login(superuser)
    client.get("/staff/audit/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.44")
    assert AuditEvent.objects.get().ip_address == "192.0.2.44"
