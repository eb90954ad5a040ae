"""A save that fails the checks never blanks a saved answer, and a staff browser on a
kiosk URL is told so and stays signed in (findings 5 and 6 of the outside test)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from model_bakery import baker

from intake import services
from intake.models import Intake, KioskSession
from intake.tests.conftest import FULL_ANSWERS
from intake.tests.kiosk_helpers import START, claim, identity, onset_ten_weeks_ago, step_url

FUTURE = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
LONG_MEDICINE = "x" * 201
STAFF_PAGE_TEXT = (
    "You are signed in as staff on this browser. The kiosk runs on a browser where nobody "
    "is signed in. Sign out to use it as a tablet."
)


@pytest.fixture
def desk(db):
    return baker.make("clinic.User", username="desk")


@pytest.fixture
def start_code(desk):
    def _start(patient):
        return services.kiosk_session_start(patient=patient, started_by=desk)

    return _start


def answers(step):
    data = dict(FULL_ANSWERS.get(step, {}))
    if step == 3:
        data["onset_date"] = onset_ten_weeks_ago()
    return data


@pytest.fixture
def tablet(client, patient, start_code, demo_wording):
    """A tablet on ``patient``'s intake with steps 1 to 9 answered and saved."""
    kiosk = start_code(patient)
    claim(client, kiosk.code)
    client.post(step_url(1), {**identity(patient), **answers(1)})
    for step in range(2, 10):
        response = client.post(step_url(step), {**answers(step), "action": "next"})
        assert response["Location"] == step_url(step + 1), (step, response.content[:2000])
    client.kiosk = kiosk
    return client


def autosave(client, step, data):
    response = client.post(f"/kiosk/step/{step}/autosave/", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    return response


def saved(patient):
    """Every saved answer of the patient's draft, table by table, comparable."""
    intake = Intake.objects.get(patient=patient)
    return {
        "height_cm": intake.height_cm,
        "onset_date": intake.onset_date,
        "course": intake.course,
        "goals": intake.goals,
        "regions": sorted(intake.regions.values_list("side", "region")),
        "symptoms": sorted(intake.symptoms.values_list("kind", flat=True)),
        "risk_factors": sorted(intake.risk_factors.values_list("factor", flat=True)),
        "warning_answers": sorted(intake.warning_answers.values_list("question", "answer")),
        "treatments": sorted(intake.treatments.values_list("treatment", "outcome")),
        "medicines": list(intake.medicines.order_by("position").values_list("name", flat=True)),
        "questionnaires": {q.instrument: q.answers for q in intake.questionnaires.all()},
    }


# Finding 5 ----------------------------------------------------------------------------


def test_an_autosave_of_step_8_with_a_too_long_medicine_keeps_the_saved_medicines(tablet, patient):
    before = saved(patient)
    assert before["medicines"] == ["Ibuprofen 400 mg", "Paracetamol"]

    autosave(
        tablet,
        8,
        {**answers(8), "medicines": f"Ibuprofen 400 mg\n{LONG_MEDICINE}", "goals": "Swim again"},
    )

    after = saved(patient)
    assert after["medicines"] == before["medicines"]
    assert after["goals"] == "Swim again"  # the field that passes is saved
    assert after["treatments"] == before["treatments"]
    # What was typed is shown again with its message.
    page = tablet.get(step_url(8)).content.decode()
    assert LONG_MEDICINE in page
    assert "200 characters or fewer" in page


def test_an_autosave_with_a_bad_date_keeps_the_saved_date_and_saves_the_rest(tablet, patient):
    before = saved(patient)
    autosave(tablet, 3, {**answers(3), "onset_date": FUTURE, "course": "worse"})
    after = saved(patient)
    assert after["onset_date"] == before["onset_date"] is not None
    assert after["course"] == "worse"
    assert after["symptoms"] == before["symptoms"]


def test_an_autosave_with_many_unknown_fields_still_blanks_nothing(tablet, patient):
    before = saved(patient)
    junk = {f"junk_{n}": "x" for n in range(250)}
    autosave(tablet, 8, {**junk, **answers(8), "medicines": LONG_MEDICINE})
    after = saved(patient)
    assert after["goals"] == before["goals"] == "Walk the dog again."
    assert after["treatments"] == before["treatments"]
    assert after["medicines"] == before["medicines"]


# step, the bad answer posted over the saved ones, which saved answers it must not touch
CHILD_TABLES = {
    "regions": (2, {"regions": ["left_calf", "left_nose"]}, "regions"),
    "symptoms": (3, {"symptoms": ["pain", "hiccups"], "course": "worse"}, "symptoms"),
    "risk_factors": (5, {"risk_factors": ["diabetes", "vampire_bite"]}, "risk_factors"),
    "warning_answers": (6, {"night_pain": "perhaps"}, "warning_answers"),
    "questionnaires": (7, {"start_back-item_1": "7"}, "questionnaires"),
    "treatments": (8, {"treatment_medication": "maybe"}, "treatments"),
}


@pytest.mark.parametrize("table", sorted(CHILD_TABLES))
@pytest.mark.parametrize("how", ["autosave", "back", "next"])
def test_a_failing_child_table_answer_keeps_its_saved_rows(tablet, patient, table, how):
    step, bad, kept = CHILD_TABLES[table]
    before = saved(patient)
    assert before[kept]
    data = {**answers(step), **bad}
    if how == "autosave":
        autosave(tablet, step, data)
    else:
        response = tablet.post(step_url(step), {**data, "action": how})
        assert response.status_code == (302 if how == "back" else 200)
    assert saved(patient)[kept] == before[kept]


def test_next_with_a_failing_field_saves_the_fields_that_pass(tablet, patient):
    before = saved(patient)
    response = tablet.post(
        step_url(8),
        {**answers(8), "medicines": LONG_MEDICINE, "goals": "Swim again", "action": "next"},
    )
    assert response.status_code == 200
    assert "200 characters or fewer" in response.content.decode()
    after = saved(patient)
    assert after["goals"] == "Swim again"
    assert after["medicines"] == before["medicines"]
    intake = Intake.objects.get(patient=patient)
    assert intake.current_step == 8  # the patient stays on the step


def test_after_a_new_code_the_patient_sees_everything_they_entered(
    tablet, patient, start_code, client
):
    autosave(tablet, 3, {**answers(3), "onset_date": FUTURE, "course": "worse"})
    autosave(tablet, 8, {**answers(8), "medicines": LONG_MEDICINE, "goals": "Swim again"})
    before = saved(patient)
    tablet.post(reverse("intake:reset"))  # the idle timer

    claim(client, start_code(patient).code)
    client.post(step_url(1), identity(patient))
    assert saved(patient) == before
    step3 = client.get(step_url(3)).content.decode()
    assert FUTURE in step3  # as typed, with its message
    assert "cannot be in the future" in step3
    assert re.search(r'value="worse"[^>]*checked', step3)
    step8 = client.get(step_url(8)).content.decode()
    assert LONG_MEDICINE in step8 and "Swim again" in step8
    step2 = client.get(step_url(2)).content.decode()
    assert re.search(r'value="left_calf"[^>]*checked', step2)


# Finding 6 ----------------------------------------------------------------------------

KIOSK_URLS = [START, reverse("intake:reset"), step_url(1), step_url(4)]


def assert_staff_page(response):
    assert response.status_code == 200
    content = response.content.decode()
    assert STAFF_PAGE_TEXT in content
    logout = re.escape(reverse("logout"))
    assert re.search(rf'<form method="post" action="{logout}"', content), "Sign out posts"
    assert 'name="csrfmiddlewaretoken"' in content
    assert f'href="{reverse("root")}"' in content
    assert "css/kiosk.css" in content


@pytest.mark.parametrize("url", KIOSK_URLS)
def test_a_staff_browser_opening_a_kiosk_url_is_told_so_and_stays_signed_in(client, desk, url):
    client.force_login(desk)
    assert_staff_page(client.get(url))
    assert client.session.get("_auth_user_id") == str(desk.pk)
    assert client.get(START).wsgi_request.user == desk  # still signed in


@pytest.mark.parametrize(
    "method, url",
    [
        *(("get", url) for url in KIOSK_URLS),
        *(("post", url) for url in KIOSK_URLS),
        ("post", "/kiosk/step/4/autosave/"),
        ("post", "/kiosk/submit/"),
    ],
)
def test_a_staff_sign_in_on_a_tablet_leaves_its_kiosk_session_untouched(
    tablet, desk, patient, method, url
):
    tablet.force_login(desk)
    token = str(Intake.objects.get(patient=patient).submit_token)
    before = saved(patient)
    data = {**answers(4), "leg_pain_now": "1", "token": token} if method == "post" else None
    assert_staff_page(getattr(tablet, method)(url, data))
    assert saved(patient) == before
    assert Intake.objects.get(patient=patient).leg_pain_now == 6
    assert tablet.session.get("_auth_user_id") == str(desk.pk)
    assert tablet.session["kiosk_session_id"] == tablet.kiosk.pk
    assert KioskSession.objects.get(pk=tablet.kiosk.pk).is_active
    assert Intake.objects.get(patient=patient).is_draft


def test_a_get_of_the_reset_url_ends_nothing(tablet, patient):
    response = tablet.get(reverse("intake:reset"), follow=True)
    assert response.redirect_chain[-1][0] == step_url(10)  # back to where the patient was
    assert tablet.session["kiosk_session_id"] == tablet.kiosk.pk
    assert KioskSession.objects.get(pk=tablet.kiosk.pk).is_active


def test_the_reset_is_a_post(tablet, patient):
    response = tablet.post(reverse("intake:reset"))
    assert response["Location"] == START
    assert "kiosk_session_id" not in tablet.session
    assert KioskSession.objects.get(pk=tablet.kiosk.pk).end_reason == KioskSession.EndReason.IDLE
    assert Intake.objects.get(patient=patient).is_draft


def test_each_step_page_carries_the_idle_reset_as_a_post_form_with_its_csrf_token(tablet):
    for step in (2, 10):
        content = tablet.get(step_url(step)).content.decode()
        reset = re.escape(reverse("intake:reset"))
        form = re.search(
            rf'<form hidden method="post" action="{reset}"[^>]*data-kiosk-idle[^>]*>(.*?)</form>',
            content,
            re.S,
        )
        assert form, step
        assert 'name="csrfmiddlewaretoken"' in form.group(1)
