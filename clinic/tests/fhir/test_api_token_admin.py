"""Issuing and revoking FHIR API tokens in the admin: superusers only, shown once,
audited."""

import re

import pytest

from clinic.models import ApiToken, AuditEvent

ADD = "/admin/clinic/apitoken/add/"
CHANGELIST = "/admin/clinic/apitoken/"


@pytest.fixture
def superuser(make_staff):
    return make_staff(username="root", is_staff=True, is_superuser=True)


def test_a_superuser_issues_a_token_that_is_shown_once_and_works(client, superuser):
    client.force_login(superuser)
    response = client.post(ADD, {"name": "EHR bridge"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    token = re.search(r"<code>([\w-]{40,})</code>", response.content.decode()).group(1)
    row = ApiToken.objects.get()
    assert row.token_hash == ApiToken.digest(token) and row.created_by == superuser
    assert token not in client.get(f"{CHANGELIST}{row.pk}/change/").content.decode()
    assert (
        client.get("/fhir/Questionnaire", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    )
    assert AuditEvent.objects.filter(action="create", object_type="clinic.ApiToken").count() == 1


def test_the_revoke_action_stops_the_token_and_is_audited(client, superuser):
    client.force_login(superuser)
    response = client.post(ADD, {"name": "EHR bridge"})
    token = re.search(r"<code>([\w-]{40,})</code>", response.content.decode()).group(1)
    row = ApiToken.objects.get()
    client.post(CHANGELIST, {"action": "revoke", "_selected_action": [row.pk]})
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert (
        client.get("/fhir/Questionnaire", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    )
    event = AuditEvent.objects.get(action="revoke")
    assert (event.object_id, event.username) == (str(row.pk), "root")


def test_revoked_stays_revoked_in_the_change_form(client, superuser):
    from django.utils import timezone

    client.force_login(superuser)
    client.post(ADD, {"name": "EHR bridge"})
    ApiToken.objects.update(revoked_at=timezone.now())
    row = ApiToken.objects.get()
    client.post(f"{CHANGELIST}{row.pk}/change/", {"name": "Renamed", "revoked_at": ""})
    row.refresh_from_db()
    assert row.revoked_at is not None and row.name == "EHR bridge"


def test_a_content_admin_cannot_see_or_issue_tokens(client, content_admin_user):
    client.force_login(content_admin_user)
    assert client.get(CHANGELIST).status_code == 403
    assert client.post(ADD, {"name": "sneaky"}).status_code == 403
    assert not ApiToken.objects.exists()
