"""Sharing in place: with htmx the share block alone comes back (link, Copy, QR code);
without JavaScript the page reloads at the share block."""

import pytest

from clinic.models import AuditEvent, EducationPlan, HandoutLink
from clinic.services import education_plan_save, handout_link_create
from education.models import CatalogueItem

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def intake(make_intake):
    return make_intake()


@pytest.fixture
def plan(intake, practitioner_user):
    glide = CatalogueItem.objects.get(slug="sciatic-nerve-glide")
    return education_plan_save(intake=intake, by=practitioner_user, item_ids=[glide.pk])


def test_htmx_share_returns_the_block_with_link_copy_and_qr(client, practitioner_user, plan):
    client.force_login(practitioner_user)
    response = client.post(f"/staff/intakes/{plan.intake_id}/share/", **HTMX)
    body = response.content.decode()
    link = HandoutLink.objects.get(plan=plan)
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="share"')
    assert "<html" not in body
    assert f'href="/h/{link.token}/"' in body
    assert f"http://testserver/h/{link.token}/" in body  # the full address, as text
    assert "data-share-copy" in body and "Copy link" in body
    assert 'aria-live="polite"' in body
    assert '<div role="img" aria-label="QR code of the share link"><svg' in body
    assert "A new share link is ready." in body
    assert 'hx-post="/staff/intakes/' in body
    assert "Stop the share link" in body


def test_share_without_htmx_goes_back_to_the_share_block(client, practitioner_user, plan):
    client.force_login(practitioner_user)
    response = client.post(f"/staff/intakes/{plan.intake_id}/share/")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/intakes/{plan.intake_id}/#share"
    assert HandoutLink.objects.filter(plan=plan, revoked_at__isnull=True).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "A new share link is ready." in page
    assert 'id="share"' in page and "a new share link" in page.lower()


def test_a_second_share_link_replaces_the_first(client, practitioner_user, plan):
    client.force_login(practitioner_user)
    client.post(f"/staff/intakes/{plan.intake_id}/share/", **HTMX)
    client.post(f"/staff/intakes/{plan.intake_id}/share/", **HTMX)
    assert plan.links.count() == 2
    assert plan.links.filter(revoked_at__isnull=True).count() == 1


def test_htmx_revoke_returns_the_block_without_the_link(client, practitioner_user, plan):
    link = handout_link_create(plan=plan, by=practitioner_user)
    client.force_login(practitioner_user)
    response = client.post(f"/staff/intakes/{plan.intake_id}/share/revoke/", **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "The share link no longer works." in body
    assert link.token not in body and "<svg" not in body
    assert "Make a share link" in body
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_revoke_without_htmx_goes_back_to_the_share_block(client, practitioner_user, plan):
    handout_link_create(plan=plan, by=practitioner_user)
    client.force_login(practitioner_user)
    response = client.post(f"/staff/intakes/{plan.intake_id}/share/revoke/")
    assert response["Location"] == f"/staff/intakes/{plan.intake_id}/#share"


def test_htmx_share_before_a_plan_says_so_in_place(client, practitioner_user, intake):
    client.force_login(practitioner_user)
    response = client.post(f"/staff/intakes/{intake.pk}/share/", **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Save the education plan before sharing it." in body
    assert not EducationPlan.objects.exists() and not HandoutLink.objects.exists()


def test_htmx_share_is_audited(client, practitioner_user, plan):
    client.force_login(practitioner_user)
    client.post(f"/staff/intakes/{plan.intake_id}/share/", **HTMX)
    event = AuditEvent.objects.filter(action=AuditEvent.Action.SHARE).get()
    assert (event.username, event.outcome) == ("pr", AuditEvent.Outcome.ALLOWED)


def test_front_desk_cannot_share_with_htmx_either(client, front_desk_user, plan):
    client.force_login(front_desk_user)
    response = client.post(f"/staff/intakes/{plan.intake_id}/share/", **HTMX)
    assert response.status_code == 403
    assert not HandoutLink.objects.exists()
