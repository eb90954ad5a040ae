"""The printed handout as Chromium prints it to PDF: its pages, first page, footer and
links, read back with pypdf."""

import io
import unicodedata

import pytest
from django.utils import timezone
from django.utils.dateformat import format as date_format
from playwright.sync_api import expect
from pypdf import PdfReader

from clinic import roles
from clinic.tests.browser.conftest import PHONE, TABLET_LANDSCAPE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def save_a_plan_of_four_and_share(page, live_server, intake):
    page.goto(f"{live_server.url}/staff/intakes/{intake.pk}/")
    page.get_by_label("Herniated disc", exact=True).check()
    page.get_by_label("Numbness", exact=True).check()
    page.get_by_text("Add other items from the library").click()
    page.get_by_label("Search the library").fill("glide")
    page.get_by_label("Seated sciatic nerve glide", exact=True).check()
    page.get_by_label("Search the library").fill("hamstring")
    page.get_by_label("Hamstring stretch", exact=True).check()
    page.get_by_label("Personal note to the patient").fill("Do the glide twice a day.")
    page.get_by_role("button", name="Save plan", exact=True).click()
    expect(page.get_by_text("Education plan saved.")).to_be_visible()
    page.get_by_role("button", name="Make a share link").click()
    return page.locator("a.share-link").get_attribute("href")


def test_printed_handout_of_four_items_is_three_pages_with_everything_on_the_first(
    page, live_server, sign_in, make_intake, assert_accessible, settings
):
    settings.CLINIC_NAME = "Riverside Nerve Clinic"
    settings.CLINIC_PHONE = "020 7946 0000"
    settings.CLINIC_ADDRESS = "2 Mill Lane, Riverside"
    intake = make_intake()
    page.set_viewport_size(TABLET_LANDSCAPE)
    sign_in(roles.PRACTITIONER, "doc")
    share_path = save_a_plan_of_four_and_share(page, live_server, intake)
    page.get_by_role("link", name="Open the printable handout").click()
    assert_accessible(page)

    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    # Lines wrap where the page is narrow: compare words, and links without breaks.
    # NFKC undoes the font's ligatures ("staﬀ").
    pages = [
        " ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in reader.pages
    ]
    assert 2 <= len(pages) <= 3, len(pages)

    first = pages[0]
    today = date_format(timezone.localdate(), "j F Y")
    for text in [
        "Your personal guide, Ann",
        "Riverside Nerve Clinic",
        "Phone the clinic: 020 7946 0000",
        "2 Mill Lane, Riverside",
        today,
        "When to get help today",
        "Tell staff now, or go to an emergency department",
        "A note from your clinician",
    ]:
        assert text in first, text
    # The QR code is an SVG: its box, with the link typed out, is on the first page.
    assert "Read this on your phone" in first
    assert f"{live_server.url}{share_path}" in first.replace(" ", "")
    assert page.locator(".handout-share .handout-qr svg").count() == 1
    # "When to get help today" is printed once, on the first page.
    assert all("Tell staff now" not in text for text in pages[1:])

    for number, text in enumerate(pages, start=1):
        assert "Personal guide for Ann from Riverside Nerve Clinic" in text, number
        assert f"{number} / {len(pages)}" in text, number  # the page number

    everything = " ".join(pages)
    assert live_server.url.startswith("http://")
    for slug in ["herniated-disc", "numbness", "hamstring-stretch", "sciatic-nerve-glide"]:
        assert f"Read it online: {live_server.url}/learn/{slug}/" in everything, slug
    assert "Lee" not in everything  # first name only


def test_printable_handout_reads_on_a_phone(
    page, live_server, sign_in, make_intake, assert_accessible
):
    intake = make_intake()
    page.set_viewport_size(PHONE)
    sign_in(roles.PRACTITIONER, "doc")
    save_a_plan_of_four_and_share(page, live_server, intake)
    page.goto(f"{live_server.url}/staff/intakes/{intake.pk}/handout/")
    expect(page.get_by_role("heading", name="Your personal guide, Ann")).to_be_visible()
    expect(page.get_by_role("heading", name="Read this on your phone")).to_be_visible()
    expect(page.get_by_text("Personal guide for Ann from")).to_be_hidden()  # paper only
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
