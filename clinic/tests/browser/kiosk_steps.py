"""Filling the kiosk's ten steps in a browser: one place for what each step needs.

Every helper takes a Playwright page already on that step. ``walk_to_review`` runs
steps 1 to 9 and calls ``on_screen(page)`` on each screen (axe, touch targets).
With JavaScript off the body map is not tappable and the signature pad is hidden,
so ``js=False`` ticks the region boxes and signs by typed name only.
"""

import re

from playwright.sync_api import expect

from intake.vocabulary import WarningQuestion

FIRST_NAME = "Ann"
DATE_OF_BIRTH = "1980-04-23"
# The thank-you page after an emergency answer, and the stop screen before it.
TELL_THE_DESK = "Please go to the front desk now."
STOP = "Stop here and get help now"
HOME_STOP = "Call 911 or go to an emergency department now"  # at home: nobody is there
# Regions the patient marks, by the key on the map and the label of the box.
REGIONS = {"left_calf": "Calf (Left)", "left_thigh_back": "Back of thigh (Left)"}


def claim(page, base_url, code):
    """Type the front desk's code on the kiosk's start page and start."""
    page.goto(f"{base_url}/kiosk/")
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Start").click()
    page.wait_for_url("**/kiosk/step/1/")


def next_step(page, step):
    """Tap Next and wait for `step` (on /kiosk/ or, from a pre-visit link, /visit/)."""
    page.get_by_role("button", name="Next").click()
    page.wait_for_url(f"**/step/{step}/")


def about_you(page, *, first_name=FIRST_NAME, date_of_birth=DATE_OF_BIRTH, confirmed=False):
    """Step 1; ``confirmed``: the patient proved who they are already (a pre-visit link)."""
    if not confirmed:
        page.get_by_label("Your first name").fill(first_name)
        page.get_by_label("Your date of birth").fill(date_of_birth)
    page.get_by_label("Height (cm)").fill("168")
    page.get_by_role("group", name="Do you sit for long periods").get_by_text("Yes").click()


def where(page, *, js=True):
    """Mark REGIONS: by tapping the body map with JavaScript, else by the boxes."""
    if js:
        for key in REGIONS:
            page.locator(f'[data-region="{key}"]').click()
        page.locator('[data-region="right_hip"]').click()
        page.locator('[data-region="right_hip"]').click()  # a second tap takes it away
        assert not page.get_by_label("Hip (Right)").is_checked()
        for key in REGIONS:
            assert page.locator(f'[data-region="{key}"].is-selected').count() == 1
    else:
        for label in REGIONS.values():
            page.get_by_label(label, exact=True).check()
    for label in REGIONS.values():
        assert page.get_by_label(label, exact=True).is_checked()


def feels_like(page):
    page.get_by_label("Tingling or pins and needles").check()
    page.get_by_role("group", name="What makes it worse?").get_by_label("Sitting").check()


def how_bad(page):
    page.get_by_role("group", name="Leg pain right now").get_by_label("6", exact=True).check()


def warning_signs(page, *, emergency=False):
    answer = "Yes" if emergency else "No"
    group = page.get_by_role("group", name=WarningQuestion.SADDLE_NUMBNESS.label)
    group.get_by_label(answer, exact=True).check()


def consent(page, *, js=True):
    page.get_by_label("I have read and agree").check()
    page.get_by_label("Type your full name").fill("Ann Lee")
    if not js:
        expect(page.locator("canvas")).to_be_hidden()
        return
    page.locator("canvas").scroll_into_view_if_needed()
    pad = page.locator("canvas").bounding_box()
    page.mouse.move(pad["x"] + 20, pad["y"] + 40)
    page.mouse.down()
    page.mouse.move(pad["x"] + 200, pad["y"] + 80, steps=8)
    page.mouse.up()
    expect(page.locator("input[name=signature]")).to_have_value(re.compile("^data:image/png"))


def walk_to_review(page, *, js=True, emergency=False, on_screen=None, start=1, at_home=False):
    """Answer steps ``start`` to 9 (``start`` is open) and arrive on the review page.

    With ``emergency``, step 6 gets a yes to an emergency question: the tablet stops
    on the next screen, and this returns there (staff release it, then call this again
    with ``start=7``). ``at_home``: opened from a pre-visit link, step 1 asks no identity.
    """
    on_screen = on_screen or (lambda page: None)
    fill = {
        1: lambda page: about_you(page, confirmed=at_home),
        2: lambda page: where(page, js=js),
        3: feels_like,
        4: how_bad,
        6: lambda page: warning_signs(page, emergency=emergency),
        9: lambda page: consent(page, js=js),
    }
    for step in range(start, 10):
        expect(page.get_by_text(f"Step {step} of 10")).to_be_visible()
        assert page.locator("h1").count() == 1
        on_screen(page)
        if step in fill:
            fill[step](page)
        next_step(page, step + 1)
        if emergency and step == 6:
            page.get_by_role("heading", name=HOME_STOP if at_home else STOP).wait_for()
            return
    on_screen(page)


def send(page):
    """Send the answers from the review page and wait for the thank-you page."""
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_role("heading", name="Thank you").wait_for()
