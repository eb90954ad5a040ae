import datetime

import pytest
from django.utils import timezone

from clinic.models import AuditEvent, HandoutLink
from clinic.services import education_plan_save, handout_link_create
from education.models import CatalogueItem


@pytest.fixture
def plan(make_intake, practitioner_user):
    intake = make_intake()
    items = CatalogueItem.objects.filter(slug__in=["herniated-disc", "sciatic-nerve-glide"])
    ordered = sorted(items, key=lambda i: i.slug)
    return education_plan_save(
        intake=intake,
        by=practitioner_user,
        item_ids=[i.pk for i in ordered],
        personal_note="Walk a little every day.",
    )


def test_print_handout_shows_reasons_items_and_when_to_get_help(client, practitioner_user, plan):
    client.force_login(practitioner_user)
    response = client.get(f"/staff/intakes/{plan.intake_id}/handout/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Your personal guide, Ann" in body
    assert "Why this is for you:" in body
    assert "Your pain travels down your leg." in body
    assert "Walk a little every day." in body
    assert "Herniated disc" in body and "Seated sciatic nerve glide" in body
    assert 'aria-label="When to get help"' in body
    assert CatalogueItem.objects.get(slug="when-to-see-a-doctor").title in body
    assert CatalogueItem.objects.get(slug="when-to-get-help-today").title in body
    assert "Lee" not in body  # first name only
    assert AuditEvent.objects.filter(action="print", patient_id=plan.intake.patient_id).exists()


def test_share_link_page_has_first_name_items_and_qr_but_no_answers(
    client, practitioner_user, plan
):
    client.force_login(practitioner_user)
    shared = client.post(f"/staff/intakes/{plan.intake_id}/share/", follow=True)
    link = HandoutLink.objects.get()
    assert (link.expires_at - link.created_at) == datetime.timedelta(days=30)
    assert f'href="/h/{link.token}/"' in shared.content.decode()  # the practitioner's copy
    client.logout()
    response = client.get(f"/h/{link.token}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Your personal guide, Ann" in body
    assert "Herniated disc" in body and "When to get help" in body
    assert '<svg width="' in body and 'class="segno"' in body
    for private in [
        "Lee",
        "C-100",
        "Why this is for you",
        "Your pain travels down your leg.",
        "Diabetes",
    ]:
        assert private not in body, private
    assert "no-store" in response["Cache-Control"]
    assert "htmx.min" not in body  # htmx would keep the address, the token, in sessionStorage
    assert AuditEvent.objects.filter(action="view", object_type="clinic.HandoutLink").exists()


def test_revoked_link_says_it_is_no_longer_available(client, practitioner_user, plan):
    link = handout_link_create(plan=plan, by=practitioner_user)
    client.force_login(practitioner_user)
    client.post(f"/staff/intakes/{plan.intake_id}/share/revoke/")
    client.logout()
    response = client.get(f"/h/{link.token}/")
    assert response.status_code == 410
    body = response.content.decode()
    assert "This link is no longer available" in body
    assert "Ann" not in body and "Herniated" not in body


def test_expired_link_says_it_is_no_longer_available(client, practitioner_user, plan):
    link = handout_link_create(plan=plan, by=practitioner_user)
    HandoutLink.objects.filter(pk=link.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31),
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    response = client.get(f"/h/{link.token}/")
    assert response.status_code == 410
    assert AuditEvent.objects.filter(outcome="refused", object_type="clinic.HandoutLink").exists()


def test_a_new_link_replaces_the_old_one(client, practitioner_user, plan):
    old = handout_link_create(plan=plan, by=practitioner_user)
    new = handout_link_create(plan=plan, by=practitioner_user)
    assert client.get(f"/h/{old.token}/").status_code == 410
    assert client.get(f"/h/{new.token}/").status_code == 200


def test_unknown_token_is_404(client, db):
    assert client.get("/h/not-a-token/").status_code == 404


def test_share_without_a_plan_says_so(client, practitioner_user, make_intake):
    intake = make_intake()
    client.force_login(practitioner_user)
    response = client.post(f"/staff/intakes/{intake.pk}/share/", follow=True)
    assert "Save the education plan before sharing it." in response.content.decode()
    assert not HandoutLink.objects.exists()
