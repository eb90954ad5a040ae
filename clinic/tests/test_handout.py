import datetime

import pytest
from django.utils import timezone
from django.utils.safestring import SafeString

from clinic.models import AuditEvent, HandoutLink
from clinic.services import education_plan_save, handout_link_create
from clinic.templatetags.clinic_tags import absolute_links
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


def test_print_handout_first_page_has_clinic_contact_and_help_today_once(
    client, practitioner_user, plan, settings
):
    settings.CLINIC_PHONE = "020 7946 0000"
    settings.CLINIC_ADDRESS = "2 Mill Lane, Riverside"
    client.force_login(practitioner_user)
    response = client.get(f"/staff/intakes/{plan.intake_id}/handout/")
    body = response.content.decode()
    assert 'href="tel:02079460000"' in body and "2 Mill Lane, Riverside" in body
    assert body.count('id="handout-when-to-get-help-today"') == 1
    # First the warning signs, then the note and the chosen items, then seeing a doctor.
    assert body.index("handout-when-to-get-help-today") < body.index("Walk a little every day.")
    assert body.index("Herniated disc") < body.index('id="handout-when-to-see-a-doctor"')
    assert response.context["urgent_help"].slug == "when-to-get-help-today"


def test_print_handout_links_carry_the_site_address(client, practitioner_user, plan):
    client.force_login(practitioner_user)
    body = client.get(f"/staff/intakes/{plan.intake_id}/handout/").content.decode()
    assert 'href="http://testserver/learn/herniated-disc/">http://testserver/learn/' in body
    assert 'href="/learn/' not in body


def test_print_handout_without_a_share_link_leaves_the_qr_out(client, practitioner_user, plan):
    client.force_login(practitioner_user)
    body = client.get(f"/staff/intakes/{plan.intake_id}/handout/").content.decode()
    assert 'class="segno"' not in body and "Read this on your phone" not in body


def test_print_handout_with_a_share_link_has_the_qr_on_the_first_page(
    client, practitioner_user, plan
):
    link = handout_link_create(plan=plan, by=practitioner_user)
    client.force_login(practitioner_user)
    body = client.get(f"/staff/intakes/{plan.intake_id}/handout/").content.decode()
    assert body.count('class="segno"') == 1
    assert body.index('class="segno"') < body.index("handout-when-to-get-help-today")
    assert f"http://testserver/h/{link.token}/" in body


def test_help_today_chosen_as_an_item_prints_once_on_the_first_page(
    client, practitioner_user, make_intake
):
    items = CatalogueItem.objects.filter(slug__in=["when-to-get-help-today", "numbness"])
    plan = education_plan_save(
        intake=make_intake(), by=practitioner_user, item_ids=[i.pk for i in items]
    )
    client.force_login(practitioner_user)
    response = client.get(f"/staff/intakes/{plan.intake_id}/handout/")
    assert response.content.decode().count('id="handout-when-to-get-help-today"') == 1
    assert [i.slug for i in response.context["handout"].items] == ["numbness"]


def test_clinic_without_phone_or_address_prints_neither(client, practitioner_user, plan, settings):
    settings.CLINIC_PHONE = ""
    settings.CLINIC_ADDRESS = ""
    client.force_login(practitioner_user)
    body = client.get(f"/staff/intakes/{plan.intake_id}/handout/").content.decode()
    assert "handout-contact" not in body and "tel:" not in body


def test_shared_handout_keeps_its_content_and_relative_links(client, practitioner_user, plan):
    link = handout_link_create(plan=plan, by=practitioner_user)
    body = client.get(f"/h/{link.token}/").content.decode()
    assert 'href="/learn/herniated-disc/">/learn/herniated-disc/</a>' in body
    assert body.count('id="handout-when-to-get-help-today"') == 1
    assert body.index("Herniated disc") < body.index('id="handout-when-to-get-help-today"')
    assert "Personal guide for Ann from" not in body  # the printed footer


def test_absolute_links_makes_relative_hrefs_absolute_and_escapes_other_text():
    html = SafeString('<a href="/learn/x/">x</a> <a href="https://a.example/">a</a>')
    assert absolute_links(html, "http://clinic.example") == (
        '<a href="http://clinic.example/learn/x/">x</a> <a href="https://a.example/">a</a>'
    )
    assert absolute_links(html, "") == html
    assert absolute_links('<b href="/x">', "http://h") == "&lt;b href=&quot;/x&quot;&gt;"
