"""The education plan in Chromium: reordering by keyboard and by drag, and the share
link's Copy button and QR code in place."""

import os

import pytest
from playwright.sync_api import expect

from clinic import roles
from clinic.models import EducationPlan
from clinic.services import education_plan_save
from clinic.tests.browser.conftest import PHONE, TABLET_LANDSCAPE, TABLET_PORTRAIT
from education.models import CatalogueItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# PLAN_SCREENSHOTS=<folder> keeps a picture of each screen checked, to look at.
SCREENSHOTS = os.environ.get("PLAN_SCREENSHOTS")


def shoot(page, name, selector="section.plan"):
    if SCREENSHOTS:
        page.locator(selector).screenshot(path=f"{SCREENSHOTS}/{name}.png")


DISC, GLIDE, HAMSTRING = "Herniated disc", "Seated sciatic nerve glide", "Hamstring stretch"


def plan_titles(page):
    return page.locator("[data-plan-chosen] strong").all_inner_texts()


def saved_slugs(intake):
    plan = EducationPlan.objects.get(intake=intake)
    return [(pi.position, pi.item.slug) for pi in plan.items.order_by("position")]


@pytest.mark.parametrize("viewport", [TABLET_PORTRAIT, TABLET_LANDSCAPE, PHONE])
def test_practitioner_reorders_the_plan_by_keyboard_and_drag(
    page, live_server, sign_in, make_intake, viewport, assert_accessible, assert_touch_targets
):
    intake = make_intake()
    page.set_viewport_size(viewport)
    page.emulate_media(reduced_motion="reduce")  # no smooth scrolling under the pointer
    sign_in(roles.PRACTITIONER, "doc")
    page.goto(f"{live_server.url}/staff/intakes/{intake.pk}/")
    for title in [DISC, GLIDE, HAMSTRING]:
        page.get_by_label(title, exact=True).check()
    assert plan_titles(page) == [DISC, GLIDE, HAMSTRING]
    name = f"{viewport['width']}x{viewport['height']}"
    shoot(page, f"plan-{name}")
    shoot(page, f"chosen-{name}", ".plan-chosen")
    assert_accessible(page)
    assert_touch_targets(page)

    # Keyboard: the Up button moves the row in place and keeps the focus.
    up = page.get_by_role("button", name="Move Hamstring stretch up")
    up.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert plan_titles(page) == [HAMSTRING, DISC, GLIDE]
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Move Hamstring stretch up"
    )
    expect(page.locator("[data-plan-status]")).to_have_text("Hamstring stretch is number 1 of 3.")
    page.keyboard.press("Enter")  # already first: nothing moves
    assert plan_titles(page)[0] == "Hamstring stretch"
    assert page.locator("[data-plan-chosen] [data-plan-position]").all_inner_texts() == [
        "1.",
        "2.",
        "3.",
    ]

    # Drag: the glide's grip onto the top row.
    rows = page.locator("[data-plan-chosen] > li")
    rows.nth(0).scroll_into_view_if_needed()
    grip = rows.nth(2).locator("[data-plan-handle]").bounding_box()
    top = rows.nth(0).bounding_box()
    page.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2)
    page.mouse.down()
    page.mouse.move(top["x"] + 30, top["y"] + 5, steps=12)
    page.mouse.up()
    expect(page.locator("[data-plan-chosen] strong").first).to_have_text(
        "Seated sciatic nerve glide"
    )
    assert plan_titles(page) == [GLIDE, HAMSTRING, DISC]

    page.get_by_role("button", name="Save plan", exact=True).click()
    page.wait_for_url(f"**/staff/intakes/{intake.pk}/#plan-heading")
    assert saved_slugs(intake) == [
        (1, "sciatic-nerve-glide"),
        (2, "hamstring-stretch"),
        (3, "herniated-disc"),
    ]
    assert plan_titles(page) == [GLIDE, HAMSTRING, DISC]
    expect(page.get_by_label("Search the library")).to_be_hidden()
    assert_accessible(page)
    assert_touch_targets(page)


def test_up_and_down_work_without_javascript(
    open_page, live_server, sign_in, make_intake, assert_accessible, assert_touch_targets
):
    intake = make_intake()
    page = open_page(viewport=TABLET_PORTRAIT, java_script_enabled=False)
    sign_in(roles.PRACTITIONER, "doc", on=page)
    page.goto(f"{live_server.url}/staff/intakes/{intake.pk}/")
    page.get_by_label("Herniated disc", exact=True).check()
    page.get_by_text("Add other items from the library").click()
    page.get_by_label("Calf stretch", exact=True).check()
    page.get_by_role("button", name="Save plan", exact=True).click()
    assert plan_titles(page) == ["Herniated disc", "Calf stretch"]
    page.get_by_role("button", name="Move Calf stretch up").click()
    assert page.url.endswith(f"/staff/intakes/{intake.pk}/#plan-heading")
    assert plan_titles(page) == ["Calf stretch", "Herniated disc"]
    assert saved_slugs(intake) == [(1, "calf-stretch"), (2, "herniated-disc")]
    assert_accessible(page)
    assert_touch_targets(page)


@pytest.mark.parametrize("viewport", [TABLET_PORTRAIT, PHONE])
def test_share_link_is_copied_in_place(
    page, live_server, sign_in, make_intake, viewport, assert_accessible, assert_touch_targets
):
    intake = make_intake()
    doctor = sign_in(roles.PRACTITIONER, "doc")
    glide = CatalogueItem.objects.get(slug="sciatic-nerve-glide")
    education_plan_save(intake=intake, by=doctor, item_ids=[glide.pk])
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/staff/intakes/{intake.pk}/")
    share = page.get_by_role("button", name="Make a share link")
    share.scroll_into_view_if_needed()
    page.evaluate("window.notReloaded = true")
    scrolled = page.evaluate("window.scrollY")
    share.click()

    copy = page.get_by_role("button", name="Copy link")
    copy.wait_for()
    assert page.evaluate("window.notReloaded") is True
    assert abs(page.evaluate("window.scrollY") - scrolled) < 200  # still at the share block
    assert page.evaluate("document.activeElement.textContent.trim()") == "Copy link"
    expect(page.locator("#share [role=img] svg")).to_be_visible()
    url = page.locator("a.share-link").inner_text()
    assert url.startswith(f"{live_server.url}/h/")
    shoot(page, f"share-{viewport['width']}x{viewport['height']}", "#share")
    assert_accessible(page)
    assert_touch_targets(page)

    copy.click()
    page.get_by_text("Copied. Paste the link into a message to the patient.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == url

    page.get_by_role("button", name="Stop the share link").click()
    page.get_by_text("The share link no longer works.").wait_for()
    assert page.evaluate("window.notReloaded") is True
    assert page.locator("a.share-link").count() == 0
    assert_accessible(page)
