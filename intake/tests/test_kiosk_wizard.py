"""The kiosk wizard through the real views: code, steps, drafts, submit, reset."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from model_bakery import baker

from intake import services
from intake.models import Intake, KioskSession
from intake.tests.conftest import FULL_ANSWERS
from intake.tests.kiosk_helpers import (
    START,
    Clock,
    answers,
    claim,
    identity,
    onset_ten_weeks_ago,
    step_url,
    walk_to,
)
from intake.vocabulary import WarningLevel

STOP_TEXT = "Stop here and get help now"
EMERGENCY_TEXT = "Please go to the front desk now."


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def desk(db):
    return baker.make("clinic.User", username="desk")


@pytest.fixture
def start_code(desk):
    def _start(patient):
        return services.kiosk_session_start(patient=patient, started_by=desk)

    return _start


@pytest.fixture
def tablet(client, patient, start_code, demo_wording):
    """A tablet that has claimed a code for ``patient`` and confirmed who they are."""
    kiosk = start_code(patient)
    claim(client, kiosk.code)
    response = client.post(step_url(1), {**identity(patient), **FULL_ANSWERS[1]})
    assert response.status_code == 302
    assert response["Location"] == step_url(2)
    client.kiosk = kiosk
    return client


def token_from(response):
    return re.search(rb'name="token" value="([0-9a-f-]+)"', response.content).group(1).decode()


def test_whole_intake_from_code_to_thank_you(tablet, patient):
    walk_to(tablet, 9)
    review = tablet.get(step_url(10))
    assert review.status_code == 200
    content = review.content.decode()
    assert "Step 10 of 10" in content
    assert "Front of thigh" not in content  # not chosen
    assert "Calf (Left)" in content
    assert "Walk the dog again." in content
    for step in range(1, 10):
        assert f'href="{step_url(step)}"' in content
    thanks = tablet.post("/kiosk/submit/", {"token": token_from(review)})
    assert thanks.status_code == 200
    assert b"Thank you" in thanks.content
    assert b"data-kiosk-return" in thanks.content
    assert b"Walk the dog" not in thanks.content
    intake = Intake.objects.get(patient=patient)
    assert intake.status == Intake.Status.SUBMITTED
    assert intake.consent.typed_name == "Ann Lee"
    assert intake.consent.text_version == "nervedesk-1"
    assert intake.regions.count() == 4
    assert {q.instrument for q in intake.questionnaires.all()} >= {"sbi", "start_back"}
    kiosk = KioskSession.objects.get(pk=tablet.kiosk.pk)
    assert kiosk.end_reason == KioskSession.EndReason.SUBMITTED


def test_tablet_is_reset_after_submit_and_back_shows_nothing(tablet, patient):
    walk_to(tablet, 9)
    review = tablet.get(step_url(10))
    tablet.post("/kiosk/submit/", {"token": token_from(review)})
    assert "kiosk_session_id" not in tablet.session
    for step in (1, 5, 10):
        back = tablet.get(step_url(step))
        assert back.status_code == 302
        assert back["Location"] == START
    page = tablet.get(START)
    assert page.status_code == 200
    assert b"Ann" not in page.content
    assert b"Your code" in page.content


def test_pages_with_answers_are_not_stored(tablet):
    response = tablet.get(step_url(2))
    assert "no-store" in response["Cache-Control"]


def test_submit_posted_twice_gives_one_intake_and_the_same_page(tablet, patient):
    walk_to(tablet, 9)
    token = token_from(tablet.get(step_url(10)))
    first = tablet.post("/kiosk/submit/", {"token": token})
    again = tablet.post("/kiosk/submit/", {"token": token})
    assert first.status_code == again.status_code == 200
    assert first.content.replace(b"\n", b"").count(b"Thank you") >= 1
    assert again.content.count(b"Thank you") == first.content.count(b"Thank you")
    assert Intake.objects.filter(patient=patient).count() == 1
    assert Intake.objects.get(patient=patient).status == Intake.Status.SUBMITTED


def test_submit_with_a_wrong_token_does_not_submit(tablet, patient):
    walk_to(tablet, 9)
    response = tablet.post("/kiosk/submit/", {"token": "not-a-token"}, follow=True)
    assert response.status_code == 200
    assert b"expired" in response.content
    assert Intake.objects.get(patient=patient).is_draft


def test_submit_without_consent_goes_back_to_consent(tablet, patient):
    walk_to(tablet, 8)
    intake = Intake.objects.get(patient=patient)
    # Step 10 is not reached yet: jumping there is refused.
    assert tablet.get(step_url(10))["Location"] == step_url(9)
    response = tablet.post("/kiosk/submit/", {"token": str(intake.submit_token)})
    assert response.status_code == 302
    assert response["Location"] == step_url(9)
    intake.refresh_from_db()
    assert intake.is_draft


def test_submit_after_the_front_desk_ended_the_session_submits_nothing(tablet, patient):
    walk_to(tablet, 9)
    token = token_from(tablet.get(step_url(10)))
    services.kiosk_session_end(kiosk_session=tablet.kiosk, reason="ended")
    response = tablet.post("/kiosk/submit/", {"token": token})
    assert response.status_code == 302 and response["Location"] == START
    assert "kiosk_session_id" not in tablet.session
    assert Intake.objects.get(patient=patient).is_draft
    assert KioskSession.objects.get(pk=tablet.kiosk.pk).end_reason == "ended"


def test_submit_after_the_tablet_was_left_idle_submits_nothing(
    client, patient, start_code, demo_wording, clock
):
    kiosk = start_code(patient)
    claim(client, kiosk.code)
    client.post(step_url(1), {**identity(patient), **FULL_ANSWERS[1]})
    walk_to(client, 9)
    token = token_from(client.get(step_url(10)))
    clock.advance(minutes=11)
    response = client.post("/kiosk/submit/", {"token": token})
    assert response.status_code == 302 and response["Location"] == START
    assert "kiosk_session_id" not in client.session
    assert Intake.objects.get(patient=patient).is_draft
    assert KioskSession.objects.get(pk=kiosk.pk).end_reason == KioskSession.EndReason.IDLE


def test_reload_mid_way_comes_back_to_the_step_with_its_answers(tablet):
    walk_to(tablet, 3)
    tablet.post("/kiosk/step/4/autosave/", {"leg_pain_now": "7"}, HTTP_HX_REQUEST="true")
    # The tablet slept; the browser opens /kiosk/ again.
    response = tablet.get(START)
    assert response.status_code == 302
    assert response["Location"] == step_url(4)
    page = tablet.get(step_url(4))
    assert re.search(rb'name="leg_pain_now" value="7"[^>]*checked', page.content)


def test_back_and_next_keep_every_answer(tablet):
    walk_to(tablet, 3)
    back = tablet.post(step_url(4), {**answers(4), "action": "back"})
    assert back["Location"] == step_url(3)
    page3 = tablet.get(step_url(3)).content
    assert re.search(rb'value="burning"[^>]*checked', page3)
    assert re.search(rb'value="coughing_sneezing"[^>]*checked', page3)
    assert onset_ten_weeks_ago().encode() in page3
    back2 = tablet.post(step_url(3), {**answers(3), "action": "back"})
    assert back2["Location"] == step_url(2)
    page2 = tablet.get(step_url(2)).content
    assert re.search(rb'value="left_calf"[^>]*checked', page2)
    assert re.search(rb'class="body-map-region is-selected" data-region="left_calf"', page2)
    # Forward again: step 4 kept what was posted with Back.
    walk_to(tablet, 3)
    page4 = tablet.get(step_url(4)).content
    assert re.search(rb'name="leg_pain_worst" value="8"[^>]*checked', page4)
    page1 = tablet.get(step_url(1)).content
    assert b'value="170"' in page1
    assert b'value="92.5"' in page1


def test_autosave_keeps_typed_text_even_when_it_does_not_pass(tablet, patient):
    walk_to(tablet, 7)
    typed = {**answers(8), "goals": "Walk to the park", "medicines": "x" * 250}
    response = tablet.post("/kiosk/step/8/autosave/", typed, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    intake = Intake.objects.get(patient=patient)
    # The valid answers are saved at once; the too-long medicine waits as typed.
    assert intake.goals == "Walk to the park"
    assert intake.treatments.count() == 3
    page = tablet.get(step_url(8)).content.decode()
    assert "Walk to the park" in page
    assert "x" * 250 in page
    assert "200 characters or fewer" in page
    # Fixed and sent with Next: the kept text is gone, the answer saved.
    tablet.post(step_url(8), {**typed, "medicines": "Ibuprofen", "action": "next"})
    assert Intake.objects.get(patient=patient).medicines.get().name == "Ibuprofen"
    assert "x" * 250 not in tablet.get(step_url(8)).content.decode()


def test_an_invalid_autosave_keeps_the_saved_answers_of_the_failing_fields(
    tablet, patient, start_code
):
    walk_to(tablet, 8)  # step 8 saved with its medicines
    saved = list(Intake.objects.get(patient=patient).medicines.values_list("name", flat=True))
    assert saved
    typed = {**answers(8), "medicines": "Ibuprofen\n" + "x" * 201}
    tablet.post("/kiosk/step/8/autosave/", typed, HTTP_HX_REQUEST="true")
    intake = Intake.objects.get(patient=patient)
    assert list(intake.medicines.values_list("name", flat=True)) == saved
    # A plain field: a height out of range leaves the saved height.
    height = intake.height_cm
    tablet.post(
        "/kiosk/step/1/autosave/", {**answers(1), "height_cm": "9999"}, HTTP_HX_REQUEST="true"
    )
    assert Intake.objects.get(patient=patient).height_cm == height
    # A new code after a reset: the saved answers are all there, the typed text too.
    tablet.post("/kiosk/reset/")
    claim(tablet, start_code(patient).code)
    tablet.post(step_url(1), identity(patient))
    page = tablet.get(step_url(8)).content.decode()
    assert "x" * 201 in page and "200 characters or fewer" in page
    assert Intake.objects.get(patient=patient).medicines.count() == len(saved)


def test_autosave_does_not_move_the_patient_on(tablet, patient):
    tablet.post("/kiosk/step/2/autosave/", {"regions": ["right_hip"]}, HTTP_HX_REQUEST="true")
    intake = Intake.objects.get(patient=patient)
    assert intake.current_step == 2
    assert intake.furthest_step == 2
    assert list(intake.regions.values_list("side", "region")) == [("right", "hip")]


def test_emergency_sign_stops_the_tablet_on_every_step(tablet, patient):
    walk_to(tablet, 5)
    assert STOP_TEXT not in tablet.get(step_url(6)).content.decode()
    response = tablet.post(step_url(6), {"bladder": "true", "action": "next"})
    intake = Intake.objects.get(patient=patient)
    assert intake.warning_level == WarningLevel.EMERGENCY
    assert intake.warning_flagged_at is not None
    assert intake.tablet_stopped
    for step in (7, 3, 10):
        page = tablet.get(step_url(step) if step != 7 else response["Location"])
        body = page.content.decode()
        assert STOP_TEXT in body
        assert 'name="action"' not in body  # no way on for the patient
        assert "token" not in body  # the review's submit is not on the page


def test_body_map_in_both_legs_stops_the_tablet_at_step_3(tablet, patient):
    response = tablet.post(step_url(2), {"regions": ["left_calf", "right_calf"], "action": "next"})
    assert STOP_TEXT in tablet.get(response["Location"]).content.decode()
    assert Intake.objects.get(patient=patient).warning_flagged_at is not None


def release(patient):
    services.intake_emergency_release(intake=Intake.objects.get(patient=patient, status="draft"))


def test_thank_you_page_repeats_the_emergency_message(tablet, patient):
    tablet.post(step_url(2), {"regions": ["left_calf", "right_calf"], "action": "next"})
    release(patient)
    walk_to(tablet, 9)
    tablet.post(step_url(2), {"regions": ["left_calf", "right_calf"], "action": "next"})
    review = tablet.get(step_url(10))
    thanks = tablet.post("/kiosk/submit/", {"token": token_from(review)})
    assert EMERGENCY_TEXT in thanks.content.decode()


def test_thank_you_pages_fit_each_patient_and_hold_no_token(tablet, patient, start_code, settings):
    """An emergency page never reaches the next patient, and no page carries a CSRF
    token or sets its cookie (the tablet's last page sends nothing back)."""
    tablet.post(step_url(2), {"regions": ["left_calf", "right_calf"], "action": "next"})
    release(patient)
    walk_to(tablet, 9)
    tablet.post(step_url(2), {"regions": ["left_calf", "right_calf"], "action": "next"})
    emergency = tablet.post("/kiosk/submit/", {"token": token_from(tablet.get(step_url(10)))})
    other = baker.make(
        "intake.Patient",
        first_name="Bo",
        date_of_birth=datetime.date(1980, 2, 2),
        chart_number="C-2",
    )
    second = Client()
    claim(second, start_code(other).code)
    second.post(step_url(1), {**identity(other), **FULL_ANSWERS[1]})
    walk_to(second, 9)
    token = token_from(second.get(step_url(10)))
    plain = second.post("/kiosk/submit/", {"token": token})
    assert EMERGENCY_TEXT in emergency.content.decode()
    assert EMERGENCY_TEXT not in plain.content.decode()
    # A retry after the clinic's name changed: the page follows the setting.
    settings.CLINIC_NAME = "Riverside Spine"
    renamed = second.post("/kiosk/submit/", {"token": token})
    assert "Riverside Spine" in renamed.content.decode()
    assert "Riverside Spine" not in plain.content.decode()
    for page in (emergency, plain, renamed):
        assert b"Thank you" in page.content
        assert b"csrf" not in page.content.lower()
        assert "csrftoken" not in page.cookies
        assert "no-store" in page["Cache-Control"]
        assert page["Content-Type"].startswith("text/html")


def test_tablet_is_reset_after_ten_minutes_idle(client, patient, start_code, clock):
    kiosk = start_code(patient)
    claim(client, kiosk.code)
    assert client.get(step_url(1)).status_code == 200
    clock.advance(minutes=9, seconds=50)
    assert client.get(step_url(1)).status_code == 200
    clock.advance(minutes=10, seconds=1)
    response = client.get(step_url(1))
    assert response["Location"] == START
    assert "kiosk_session_id" not in client.session
    kiosk.refresh_from_db()
    assert kiosk.end_reason == KioskSession.EndReason.IDLE
    page = client.get(START)
    assert b"10 minutes without activity" in page.content
    # Back in the browser shows nothing of the patient.
    assert client.get(step_url(1))["Location"] == START


def test_idle_autosave_sends_the_whole_page_back_to_start(client, patient, start_code, clock):
    claim(client, start_code(patient).code)
    client.post(step_url(1), identity(patient))
    clock.advance(minutes=11)
    response = client.post("/kiosk/step/1/autosave/", {"height_cm": "170"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == START
    assert Intake.objects.get(patient=patient).height_cm is None


def test_reset_url_ends_the_session(tablet, patient):
    response = tablet.post("/kiosk/reset/")
    assert response["Location"] == START
    assert "kiosk_session_id" not in tablet.session
    assert KioskSession.objects.get(pk=tablet.kiosk.pk).end_reason == "idle"
    # The draft stays; a new code resumes it.
    assert Intake.objects.get(patient=patient).is_draft


def test_a_get_of_the_reset_url_changes_nothing(tablet, patient):
    response = tablet.get("/kiosk/reset/")
    assert response["Location"] == START
    assert tablet.session["kiosk_session_id"] == tablet.kiosk.pk
    assert KioskSession.objects.get(pk=tablet.kiosk.pk).is_active


STAFF_BROWSER_TEXT = "You are signed in as staff on this browser."


@pytest.mark.parametrize("url", [START, "/kiosk/reset/", step_url(1), step_url(3)])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_staff_browser_on_a_kiosk_url_is_told_so_and_stays_signed_in(
    client, desk, patient, start_code, url, method
):
    kiosk = start_code(patient)
    client.force_login(desk)
    response = getattr(client, method)(url, {"code": kiosk.code} if method == "post" else None)

    assert response.status_code == 200
    assert STAFF_BROWSER_TEXT in response.content.decode()
    assert 'action="/accounts/logout/"' in response.content.decode()
    assert client.session.get("_auth_user_id") == str(desk.pk)  # still signed in
    kiosk.refresh_from_db()
    assert kiosk.claimed_at is None and kiosk.ended_at is None


def test_unfinished_draft_is_resumed_with_a_new_code(tablet, patient, client, start_code):
    walk_to(tablet, 4)
    tablet.post("/kiosk/reset/")
    kiosk = start_code(patient)
    claim(client, kiosk.code)
    page = client.get(step_url(1)).content.decode()
    # Nothing of the draft shows before the patient says who they are.
    assert "Welcome back" in page
    assert 'value="170"' not in page
    assert client.get(step_url(3))["Location"] == step_url(1)
    response = client.post(step_url(1), identity(patient))
    assert response["Location"] == step_url(5)
    assert re.search(rb'name="leg_pain_now" value="6"[^>]*checked', client.get(step_url(4)).content)


def test_identity_mismatch_three_times_ends_the_session(client, patient, start_code):
    kiosk = start_code(patient)
    claim(client, kiosk.code)
    wrong = {"first_name": "Bob", "date_of_birth": patient.date_of_birth.isoformat()}
    first = client.post(step_url(1), wrong)
    assert first.status_code == 200
    assert b"does not match our record" in first.content
    assert b"Lee" not in first.content
    client.post(step_url(1), {**wrong, "first_name": "ann", "date_of_birth": "1990-01-01"})
    last = client.post(step_url(1), wrong)
    assert last["Location"] == START
    kiosk.refresh_from_db()
    assert kiosk.end_reason == KioskSession.EndReason.IDENTITY
    assert b"front desk" in client.get(START).content
    assert client.get(step_url(1))["Location"] == START


def test_identity_ignores_case_and_spaces(client, patient, start_code):
    claim(client, start_code(patient).code)
    response = client.post(
        step_url(1), {"first_name": "  ANN ", "date_of_birth": patient.date_of_birth.isoformat()}
    )
    assert response["Location"] == step_url(2)


def test_code_in_the_query_string_neither_prefills_nor_claims(client, patient, start_code):
    # The front desk's QR carries the code in the fragment, which the server never sees.
    kiosk = start_code(patient)
    page = client.get(f"{START}?code={kiosk.code}")
    assert page.status_code == 200
    assert kiosk.code.encode() not in page.content
    kiosk.refresh_from_db()
    assert kiosk.claimed_at is None
    assert client.get(step_url(1))["Location"] == START


def test_a_code_works_once(client, patient, start_code, django_user_model):
    kiosk = start_code(patient)
    claim(client, kiosk.code)
    other = type(client)()
    response = other.post(START, {"code": kiosk.code})
    assert response.status_code == 200
    assert b"This code does not work" in response.content


def test_a_code_expires_after_15_minutes(client, patient, start_code, clock):
    kiosk = start_code(patient)
    clock.advance(minutes=15, seconds=1)
    response = client.post(START, {"code": kiosk.code})
    assert response.status_code == 200
    assert b"This code does not work" in response.content
    kiosk.refresh_from_db()
    assert kiosk.state == KioskSession.State.EXPIRED


def test_a_newer_code_voids_the_older_one(client, patient, start_code):
    old = start_code(patient)
    new = start_code(patient)
    assert old.intake == new.intake
    assert client.post(START, {"code": old.code}).status_code == 200
    claim(client, new.code)
    old.refresh_from_db()
    assert old.end_reason == KioskSession.EndReason.REPLACED


def test_a_new_code_takes_the_intake_from_a_tablet_still_on_it(tablet, patient, start_code):
    start_code(patient)
    assert tablet.get(step_url(2))["Location"] == START


def test_wrong_codes_are_limited(client, patient, start_code, clock):
    kiosk = start_code(patient)
    client.get(START)
    wrong = "000000" if kiosk.code != "000000" else "111111"
    for _ in range(5):
        assert b"This code does not work" in client.post(START, {"code": wrong}).content
    refused = client.post(START, {"code": kiosk.code})
    assert refused.status_code == 200
    assert b"Too many codes did not work" in refused.content
    clock.advance(minutes=10, seconds=1)
    claim(client, kiosk.code)


def test_a_code_reaches_only_its_own_intake(client, patient, start_code, demo_wording):
    other_patient = baker.make(
        "intake.Patient",
        first_name="Zed",
        last_name="Quinn",
        date_of_birth=patient.date_of_birth.replace(year=patient.date_of_birth.year - 5),
        chart_number="C-200",
    )
    first, second = start_code(patient), start_code(other_patient)
    claim(client, first.code)
    client.post(step_url(1), {**identity(patient), "height_cm": "170"})
    other = type(client)()
    claim(other, second.code)
    other.post(step_url(1), {**identity(other_patient), "height_cm": "181"})
    assert b'value="181"' in other.get(step_url(1)).content
    assert b'value="170"' not in other.get(step_url(1)).content
    assert b'value="170"' in client.get(step_url(1)).content
    # The other patient's name is refused on this tablet.
    mine = Intake.objects.get(patient=patient)
    assert mine.height_cm == 170
    assert Intake.objects.get(patient=other_patient).height_cm == 181


def test_the_database_keeps_no_plain_code(patient, start_code):
    kiosk = start_code(patient)
    stored = KioskSession.objects.filter(pk=kiosk.pk).values()[0]
    assert kiosk.code not in str(stored)
    assert len(kiosk.code) == 6 and kiosk.code.isdigit()


@pytest.mark.parametrize("step", [0, 11, 99])
def test_a_step_that_does_not_exist_is_not_found(tablet, step):
    assert tablet.get(step_url(step)).status_code == 404
    assert tablet.post(step_url(step), {"action": "next"}).status_code == 404


def test_a_step_beyond_the_furthest_reached_redirects(tablet):
    response = tablet.get(step_url(6))
    assert response["Location"] == step_url(2)
    assert tablet.post(step_url(9), {"action": "next"})["Location"] == step_url(2)


def test_steps_need_a_claimed_code(client, db):
    for url in (step_url(1), step_url(10), "/kiosk/step/2/autosave/"):
        response = client.get(url) if "autosave" not in url else client.post(url)
        assert response.status_code in (302, 204)
    assert client.post("/kiosk/submit/", {"token": "x"})["Location"] == START


def test_no_questionnaires_switched_on_says_so(tablet, patient):
    for code in ("start_back", "rmdq", "odi"):
        services.instrument_setting_set(instrument=code, enabled=False)
    walk_to(tablet, 6)
    page = tablet.get(step_url(7)).content.decode()
    assert "no extra questionnaires" in page
    assert tablet.post(step_url(7), {"action": "next"})["Location"] == step_url(8)


def test_questionnaires_show_their_copyright_line(tablet):
    walk_to(tablet, 6)
    page = tablet.get(step_url(7)).content.decode()
    assert "instrument-copyright" in page
    assert "Sample wording, not the validated questionnaire." in page


def test_consent_names_the_current_text_whatever_is_posted(tablet, patient):
    services.consent_text_create(version="2030-1", body="Newer words.")
    walk_to(tablet, 8)
    page = tablet.get(step_url(9)).content.decode()
    assert "Newer words." in page
    tablet.post(step_url(9), {**answers(9), "text_version": "forged", "action": "next"})
    assert Intake.objects.get(patient=patient).consent.text_version == "2030-1"


def test_signature_is_optional_and_checked(tablet, patient):
    walk_to(tablet, 8)
    bad = tablet.post(step_url(9), {**answers(9), "signature": "javascript:alert(1)"})
    assert bad.status_code == 200
    assert b"signature could not be read" in bad.content
    good = tablet.post(
        step_url(9), {**answers(9), "signature": "data:image/png;base64,iVBORw0KGgo="}
    )
    assert good["Location"] == step_url(10)
    assert b"Signed on the screen" in tablet.get(step_url(10)).content


# The kiosk loads a Bootstrap cut to its own needs (.ci/bootstrap-kiosk.scss): every class
# its pages use must be styled by that build or by the kiosk's own stylesheets.
KIOSK_STYLESHEETS = (
    "vendor/bootstrap/css/bootstrap-kiosk.min.css",
    "css/nervedesk.css",
    "css/kiosk.css",
    "css/body-map.css",
)
# Classes that name a part of a page and are deliberately not styled.
UNSTYLED = {
    "instrument-copyright",
    "kiosk-form",
    "kiosk-questionnaire",
    "kiosk-where-boxes",
    "kiosk-where-map",
    "messages",
}


def styled_classes():
    text = "".join(
        (Path(settings.BASE_DIR) / "static" / name).read_text(encoding="utf-8-sig")
        for name in KIOSK_STYLESHEETS
    )
    return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", text))


def classes_in(pages):
    found = set()
    for page in pages:
        for value in re.findall(r'class="([^"]*)"', page.content.decode()):
            found.update(value.split())
    return found


def test_every_class_on_the_kiosk_pages_is_styled(tablet):
    pages = [tablet.get(step_url(1))]
    # Errors on the onset date and choices, and on the consent: the error styles.
    errors = {3: {"onset_date": "not a date"}, 9: {}}
    for step in range(2, 10):
        pages.append(tablet.get(step_url(step)))
        if step in errors:
            pages.append(tablet.post(step_url(step), {**errors[step], "action": "next"}))
        tablet.post(step_url(step), {**answers(step), "action": "next"})
    review = tablet.get(step_url(10))
    pages += [review, tablet.post("/kiosk/submit/", {"token": token_from(review)})]
    pages.append(tablet.get(START))
    assert [page.status_code for page in pages] == [200] * len(pages)

    unstyled = classes_in(pages) - styled_classes() - UNSTYLED
    assert not unstyled, f"kiosk classes missing from {KIOSK_STYLESHEETS}: {sorted(unstyled)}"
