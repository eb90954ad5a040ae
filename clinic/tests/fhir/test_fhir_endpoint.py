"""The FHIR endpoint: an API token or nothing, a rate limit, an audit event per read."""

import io
import json

import pytest
from django.core.management import call_command

from clinic.models import ApiToken, AuditEvent
from clinic.services import API_REQUESTS_PER_MINUTE, api_token_issue
from clinic.tests.conftest import EMERGENCY


@pytest.fixture
def token(db, make_staff):
    _row, token = api_token_issue(name="EHR bridge", by=make_staff(username="root"))
    return token


@pytest.fixture
def intake(make_intake):
    return make_intake(changes=EMERGENCY)


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_token_reads_the_bundle_and_the_read_is_audited(client, token, intake):
    response = client.get(f"/fhir/Bundle/{intake.pk}", **bearer(token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    bundle = response.json()
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "transaction"
    event = AuditEvent.objects.get(route="fhir:bundle")
    assert (event.action, event.outcome, event.username) == (
        "export",
        "allowed",
        "api-token:EHR bridge",
    )
    assert event.patient_id == intake.patient_id and event.object_id == str(intake.pk)
    assert event.user is None


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer not-a-token", "Basic dXNlcjpwYXNz", "bearer "],
)
def test_without_a_valid_token_nothing_is_read(client, intake, header):
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    response = client.get(f"/fhir/Bundle/{intake.pk}", **extra)
    assert response.status_code == 401
    assert response.json()["resourceType"] == "OperationOutcome"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert intake.patient.last_name not in response.content.decode()
    assert AuditEvent.objects.filter(route="fhir:bundle", outcome="refused").count() == 1


def test_a_revoked_token_is_refused(client, token, intake):
    from django.utils import timezone

    ApiToken.objects.update(revoked_at=timezone.now())
    assert client.get(f"/fhir/Bundle/{intake.pk}", **bearer(token)).status_code == 401


def test_a_staff_browser_session_counts_for_nothing(client, practitioner_user, intake):
    client.force_login(practitioner_user)
    assert client.get(f"/fhir/Bundle/{intake.pk}").status_code == 401
    search = client.get(f"/fhir/QuestionnaireResponse?patient={intake.patient_id}")
    assert search.status_code == 401
    assert AuditEvent.objects.filter(route__startswith="fhir:", outcome="refused").count() == 2


def test_the_token_is_stored_only_as_a_hash(token):
    row = ApiToken.objects.get()
    assert token not in row.token_hash and row.token_hash == ApiToken.digest(token)


def test_each_token_is_rate_limited_per_minute(client, token, intake):
    ApiToken.objects.update(window_requests=API_REQUESTS_PER_MINUTE - 1)
    from django.utils import timezone

    ApiToken.objects.update(window_started_at=timezone.now())
    assert client.get("/fhir/Questionnaire", **bearer(token)).status_code == 200
    limited = client.get("/fhir/Questionnaire", **bearer(token))
    assert limited.status_code == 429 and limited["Retry-After"] == "60"
    # A new minute, a new budget.
    ApiToken.objects.update(window_started_at=timezone.now() - timezone.timedelta(minutes=2))
    assert client.get("/fhir/Questionnaire", **bearer(token)).status_code == 200


def test_search_by_patient_and_unknown_ids(client, token, intake, make_intake):
    draft = make_intake(chart="D-1", first_name="Dee", submit=False, steps=[1, 2])
    found = client.get(f"/fhir/QuestionnaireResponse?patient={intake.patient_id}", **bearer(token))
    bundle = found.json()
    assert bundle["type"] == "searchset" and bundle["total"] == len(bundle["entry"]) >= 1
    assert {e["resource"]["resourceType"] for e in bundle["entry"]} == {"QuestionnaireResponse"}
    assert client.get("/fhir/QuestionnaireResponse?patient=x", **bearer(token)).status_code == 400
    assert client.get("/fhir/Bundle/999999", **bearer(token)).status_code == 404
    # A draft is not exported.
    assert client.get(f"/fhir/Bundle/{draft.pk}", **bearer(token)).status_code == 404


def test_metadata_is_open_and_holds_no_patient_data(client, intake):
    statement = client.get("/fhir/metadata").json()
    assert statement["resourceType"] == "CapabilityStatement"
    assert statement["fhirVersion"] == "4.0.1"


def test_the_practitioner_downloads_the_bundle_from_the_summary(client, practitioner_user, intake):
    client.force_login(practitioner_user)
    summary = client.get(f"/staff/intakes/{intake.pk}/").content.decode()
    assert f'href="/staff/intakes/{intake.pk}/fhir.json"' in summary
    response = client.get(f"/staff/intakes/{intake.pk}/fhir.json")
    assert response["Content-Disposition"] == f'attachment; filename="intake-{intake.pk}.fhir.json"'
    assert json.loads(response.content)["type"] == "transaction"
    event = AuditEvent.objects.filter(route="clinic:fhir_download").get()
    assert (event.action, event.username) == ("export", "pr")


def test_the_command_prints_a_bundle_and_the_definitions(intake):
    out = io.StringIO()
    call_command("fhir_export", str(intake.pk), stdout=out)
    assert json.loads(out.getvalue())["type"] == "transaction"
    out = io.StringIO()
    call_command("fhir_export", "--questionnaires", stdout=out)
    assert json.loads(out.getvalue())["type"] == "collection"
