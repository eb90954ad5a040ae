"""Bad input on every kiosk step: a message next to the field, the other answers kept,
and never a server error."""

import datetime
import re

import pytest
from django.utils import timezone
from model_bakery import baker

from intake import services
from intake.models import Intake
from intake.tests.kiosk_helpers import START, claim, identity, step_url

FUTURE = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()

# step -> (posted data, field with the message, a valid answer that must stay chosen)
BAD = {
    1: (
        {"height_cm": "abc", "weight_kg": "9999", "sits_long": "maybe", "manual_work": "true"},
        ["height_cm", "weight_kg", "sits_long"],
        rb'name="manual_work" value="true"[^>]*checked',
    ),
    2: (
        {"regions": ["left_calf", "left_nose"]},
        ["regions"],
        rb'value="left_calf"[^>]*checked',
    ),
    3: (
        {"onset_date": FUTURE, "course": "sideways", "symptoms": ["numbness"]},
        ["onset_date", "course"],
        rb'value="numbness"[^>]*checked',
    ),
    4: (
        {"leg_pain_now": "11", "sbi_1": "-1", "back_pain_now": "3"},
        ["leg_pain_now", "sbi_1"],
        rb'name="back_pain_now" value="3"[^>]*checked',
    ),
    5: (
        {"injury_date": "1800-01-01", "risk_factors": ["diabetes", "vampire_bite"]},
        ["injury_date", "risk_factors"],
        rb'value="diabetes"[^>]*checked',
    ),
    6: (
        {"bladder": "perhaps", "bowel": "false"},
        ["bladder"],
        rb'name="bowel" value="false"[^>]*checked',
    ),
    7: (
        {"start_back-item_1": "7", "start_back-item_2": "1"},
        ["start_back-item_1"],
        rb'name="start_back-item_2" value="1"[^>]*checked',
    ),
    8: (
        {
            "medicines": "Ibu\x00profen",
            "goals": "g" * 2001,
            "treatment_surgery": "maybe",
            "treatment_massage": "helped",
        },
        ["goals", "medicines", "treatment_surgery"],
        rb'name="treatment_massage" value="helped"[^>]*checked',
    ),
    9: (
        {"typed_name": "Ann\x07Lee", "signature": "javascript:alert(1)"},
        ["typed_name", "agree", "signature"],
        rb"Ann\x07Lee|Ann&#x07;Lee|AnnLee|value=\"Ann",
    ),
}


@pytest.fixture
def tablet(client, patient, demo_wording, db):
    desk = baker.make("clinic.User")
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    claim(client, kiosk.code)
    client.post(step_url(1), identity(patient))
    Intake.objects.filter(patient=patient).update(furthest_step=10)
    return client


def field_id(name):
    return "id_" + name


@pytest.mark.parametrize("step", sorted(BAD))
def test_bad_input_gives_a_message_by_the_field_and_keeps_the_rest(tablet, patient, step):
    data, fields, kept = BAD[step]
    response = tablet.post(step_url(step), {**data, "action": "next"})
    assert response.status_code == 200
    content = response.content
    for name in fields:
        error_id = f'id="{field_id(name)}-error"'.encode()
        assert error_id in content, name
        assert f'aria-describedby="{field_id(name)}-error"'.encode() in content or (
            f"{field_id(name)}-error".encode() in content
        )
    assert re.search(kept, content), kept
    # Reloading shows the same answers as typed, with the messages.
    again = tablet.get(step_url(step)).content
    assert re.search(kept, again)
    assert f'id="{field_id(fields[0])}-error"'.encode() in again
    # The patient stays on the step.
    assert Intake.objects.get(patient=patient).current_step == step


def test_identity_dates_are_checked(client, patient, db):
    desk = baker.make("clinic.User")
    claim(client, services.kiosk_session_start(patient=patient, started_by=desk).code)
    for bad in ("1800-01-01", FUTURE, "31/31/2000", "\x00"):
        response = client.post(step_url(1), {"first_name": "Ann", "date_of_birth": bad})
        assert response.status_code == 200
        assert b'id="id_date_of_birth-error"' in response.content
    response = client.post(step_url(1), {"first_name": "A" * 101, "date_of_birth": ""})
    assert b'id="id_first_name-error"' in response.content
    # Form errors are not identity mismatches.
    assert client.post(step_url(1), identity(patient))["Location"] == step_url(2)


def test_code_page_refuses_garbage(client, db):
    for bad in ("", "12 34 5", "abcdef", "1" * 300, "\x00\x01", "١٢٣٤٥٦"):
        response = client.post(START, {"code": bad})
        assert response.status_code == 200
        assert b'id="id_code-error"' in response.content


GARBAGE = [
    "\x00",
    "\x1b[2J",
    "x" * 10_000,
    "-1",
    "1e309",
    "NaN",
    "<script>alert(1)</script>",
    "\u202e\u0000",
    "9" * 40,
    "true\x00",
]


@pytest.mark.parametrize("step", range(1, 11))
def test_garbage_posted_to_every_step_never_breaks_it(tablet, step):
    from intake.forms import STEP_FORMS, QuestionnaireForm

    names = ["regions", "action", "token", "signature", "text_version", "agree", "x" * 200]
    if step in STEP_FORMS:
        names += list(STEP_FORMS[step]().fields)
    else:
        for code in ("start_back", "rmdq", "odi"):
            names += [f"{code}-{n}" for n in QuestionnaireForm(instrument_code=code).fields]
    for value in GARBAGE:
        data = dict.fromkeys(names, value)
        for url in (step_url(step), f"/kiosk/step/{step}/autosave/"):
            response = tablet.post(url, data)
            assert response.status_code in (200, 204, 302), (url, value[:20])
        lists = {name: [value, value, "true"] for name in names}
        assert tablet.post(step_url(step), lists).status_code in (200, 302)
        assert tablet.get(step_url(step)).status_code in (200, 302)
    assert tablet.post("/kiosk/submit/", {"token": "\x00"}).status_code in (200, 302)


def test_a_body_map_error_marks_every_region_box_invalid(tablet):
    """Screen readers announce the boxes as invalid, as on every other choice field."""
    response = tablet.post(step_url(2), {"regions": ["left_nose"], "action": "next"})
    boxes = re.findall(rb'<input[^>]*name="regions"[^>]*>', response.content)
    assert boxes and all(b'aria-invalid="true"' in box for box in boxes)
    assert tablet.post(step_url(2), {"regions": ["left_calf"], "action": "next"}).status_code == 302
    boxes = re.findall(rb'<input[^>]*name="regions"[^>]*>', tablet.get(step_url(2)).content)
    assert boxes and not any(b"aria-invalid" in box for box in boxes)
