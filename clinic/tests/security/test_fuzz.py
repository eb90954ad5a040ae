"""Property-based fuzzing of every form: random unicode, NUL and control characters,
very long strings, wrong types and missing fields never give a 500, and a draft keeps
the answers it already had."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.forms import STEP_FORMS, QuestionnaireForm
from intake.models import Intake
from intake.services import kiosk_session_start
from intake.tests.kiosk_helpers import claim, identity, step_url

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalar = st.one_of(
    st.text(max_size=120),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),
    st.builds(lambda ch, n: ch * n, st.characters(), st.integers(2_000, 12_000)),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "true", "false", "None", "[]", "0", "-1", "1e309", "2999-01-01"]),
)
value = st.one_of(scalar, st.lists(scalar, max_size=3))


def form_data(names):
    keys = st.sampled_from([*names, "unexpected", "x" * 300])
    return st.dictionaries(keys, value, max_size=len(names) + 2)


def step_field_names(step):
    if step in STEP_FORMS:
        return [*STEP_FORMS[step]().fields, "regions", "signature", "token"]
    return [
        f"{code}-{name}"
        for code in ("start_back", "rmdq", "odi")
        for name in QuestionnaireForm(instrument_code=code).fields
    ]


def assert_no_server_error(response, data):
    assert response.status_code < 500, (
        response.status_code,
        {k: str(v)[:40] for k, v in data.items()},
    )


@pytest.fixture
def tablet(make_intake, make_staff):
    """A tablet on a draft whose steps 1 and 2 were already answered."""
    draft = make_intake(first_name="Dora", chart="D-1", submit=False, steps=[1, 2])
    client = Client(raise_request_exception=False)
    claim(client, kiosk_session_start(patient=draft.patient, started_by=make_staff(None)).code)
    client.post(step_url(1), identity(draft.patient))
    Intake.objects.filter(pk=draft.pk).update(furthest_step=10)
    return client, draft


def answers_of_steps_1_and_2(intake):
    intake = Intake.objects.get(pk=intake.pk)
    regions = sorted(intake.regions.values_list("side", "region"))
    return intake.height_cm, intake.weight_kg, intake.sits_long, regions


@pytest.mark.parametrize("step", range(3, 11))
def test_fuzzed_steps_never_break_and_earlier_answers_survive(tablet, step):
    client, draft = tablet
    before = answers_of_steps_1_and_2(draft)
    assert before[0] is not None and before[3]

    @FUZZ
    @given(data=form_data(step_field_names(step)), autosave=st.booleans())
    def post(data, autosave):
        url = f"/kiosk/step/{step}/autosave/" if autosave else step_url(step)
        assert_no_server_error(client.post(url, data), data)

    post()
    assert answers_of_steps_1_and_2(draft) == before
    # The tablet was on its own intake the whole time, not bounced out.
    assert client.get(step_url(step)).status_code == 200


@pytest.mark.parametrize("step", [1, 2])
def test_fuzzed_first_steps_never_break(tablet, step):
    client, _draft = tablet

    @FUZZ
    @given(data=form_data(step_field_names(step)))
    def post(data):
        assert_no_server_error(client.post(step_url(step), data), data)

    post()


def test_fuzzed_kiosk_code_and_submit_never_break(db):
    client = Client(raise_request_exception=False)

    @FUZZ
    @given(data=form_data(["code", "token"]))
    def post(data):
        assert_no_server_error(client.post("/kiosk/", data), data)
        assert_no_server_error(client.post("/kiosk/submit/", data), data)

    post()


def test_fuzzed_login_never_breaks(db):
    client = Client(raise_request_exception=False)

    @FUZZ
    @given(data=form_data(["username", "password", "next"]))
    def post(data):
        assert_no_server_error(client.post("/accounts/login/", data), data)

    post()


STAFF_FORMS = {
    "front_desk": [
        ("post", "/staff/patients/search/", ["query"]),
        (
            "post",
            "/staff/patients/new/",
            ["first_name", "last_name", "date_of_birth", "chart_number", "phone", "email"],
        ),
    ],
    "practitioner": [
        ("post", "/staff/intakes/{intake}/acknowledge/", ["action_taken"]),
        (
            "post",
            "/staff/intakes/{intake}/plan/",
            ["item", "personal_note", "home_exercises", "complete"],
        ),
        ("get", "/staff/", ["status", "day", "page"]),
        ("post", "/accounts/two-factor/setup/", ["token", "next"]),
    ],
    "superuser": [
        (
            "get",
            "/staff/audit/",
            ["username", "patient_id", "action", "outcome", "since", "until", "page"],
        )
    ],
}


@pytest.mark.parametrize("role", list(STAFF_FORMS))
def test_fuzzed_staff_forms_never_break(role, make_intake, make_staff):
    from clinic import roles

    intake = make_intake(chart="F-1")
    group = {"front_desk": roles.FRONT_DESK, "practitioner": roles.PRACTITIONER}.get(role)
    user = make_staff(group, is_superuser=role == "superuser", is_staff=role == "superuser")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    for method, url, names in STAFF_FORMS[role]:
        fuzz_form(getattr(client, method), url.format(intake=intake.pk), names)


def fuzz_form(send, url, names):
    @FUZZ
    @given(data=form_data(names))
    def run(data):
        assert_no_server_error(send(url, data), data)

    run()
