"""Query counts of every kiosk step (GET and POST) and of submit, pinned; they do not
grow with more patients, intakes and kiosk sessions in the database."""

import pytest
from model_bakery import baker

from intake import services
from intake.models import Intake
from intake.tests.conftest import FULL_ANSWERS
from intake.tests.kiosk_helpers import claim, identity, onset_ten_weeks_ago, step_url

# Each request: the session, the kiosk session with its intake and patient, then the step:
# its answer tables in one query (steps 2, 3, 5, 6 and 8); step 4 the SBI response,
# step 7 the switched-on questionnaires' wording (one query) and the responses, step 9
# the consent and its text; the review every answer table in one query, the
# questionnaire responses, the consent and the switched-on questionnaires' wording.
GET_QUERIES = {1: 2, 2: 3, 3: 3, 4: 3, 5: 3, 6: 3, 7: 4, 8: 3, 9: 4, 10: 6}
# A step save: lock the intake, replace the step's rows, re-evaluate warning signs (their
# three inputs in one query), update the intake and write its history row. Step 7 saves
# the switched-on questionnaires (3 here; which ones and their wording versions in one
# query) and step 4 the SBI (its wording version in one query): the answers in one
# upsert (INSERT ... ON CONFLICT DO UPDATE).
POST_QUERIES = {2: 10, 3: 14, 4: 10, 5: 10, 6: 10, 7: 10, 8: 12, 9: 15}
# Submit: the session; then in one transaction (a savepoint here, inside the test's) the
# intake (locked) with its patient, the kiosk session, consent, the warning inputs, the
# intake's UPDATE and history row and the kiosk session's end; then the tablet's
# session deleted (Django's queryset delete: a SELECT and the DELETE).
SUBMIT_QUERIES = 12


def answers(step):
    data = dict(FULL_ANSWERS.get(step, {}))
    if step == 3:
        data["onset_date"] = onset_ten_weeks_ago()
    return data


def crowd(count):
    """Other patients with drafts, submitted intakes and kiosk sessions."""
    desk = baker.make("clinic.User")
    for n in range(count):
        patient = baker.make(
            "intake.Patient",
            first_name=f"P{n}",
            date_of_birth="1970-01-01",
            chart_number=f"X-{n}",
        )
        services.kiosk_session_start(patient=patient, started_by=desk)
        services.intake_step_save(
            intake=Intake.objects.get(patient=patient), step=2, data=answers(2)
        )


def walk_counting(client, patient, count):
    """Walk the whole wizard, each step GET and POST and the submit inside ``count``."""
    desk = baker.make("clinic.User", username="desk")
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    claim(client, kiosk.code)
    client.post(step_url(1), {**identity(patient), **answers(1)})
    for step in range(2, 10):
        with count(GET_QUERIES[step]):
            assert client.get(step_url(step)).status_code == 200
        with count(POST_QUERIES[step]):
            response = client.post(step_url(step), {**answers(step), "action": "next"})
        assert response.status_code == 302, response.content[:2000]
    with count(GET_QUERIES[1]):
        assert client.get(step_url(1)).status_code == 200
    with count(GET_QUERIES[10]):
        assert client.get(step_url(10)).status_code == 200
    token = str(Intake.objects.get(patient=patient).submit_token)
    with count(SUBMIT_QUERIES):
        assert client.post("/kiosk/submit/", {"token": token}).status_code == 200


@pytest.mark.parametrize("others", [0, 8])
def test_step_and_submit_query_counts_are_pinned(
    client, patient, demo_wording, django_assert_num_queries, others
):
    crowd(others)
    walk_counting(client, patient, django_assert_num_queries)


# Step 1 of a fresh draft: the session, the kiosk session, the identity check (locked
# and confirmed), then the step-1 save.
IDENTITY_QUERIES = 12


@pytest.mark.parametrize("others", [0, 8])
def test_identity_and_autosave_query_counts_are_pinned(
    client, patient, demo_wording, django_assert_num_queries, others
):
    crowd(others)
    desk = baker.make("clinic.User", username="desk")
    kiosk = services.kiosk_session_start(patient=patient, started_by=desk)
    claim(client, kiosk.code)
    with django_assert_num_queries(IDENTITY_QUERIES):
        response = client.post(step_url(1), {**identity(patient), **answers(1)})
    assert response.status_code == 302
    for step in range(2, 10):
        # An autosave is the same save as "Next" (the page stays).
        with django_assert_num_queries(POST_QUERIES[step]):
            response = client.post(f"/kiosk/step/{step}/autosave/", answers(step))
        assert response.status_code == 204
        client.post(step_url(step), {**answers(step), "action": "next"})
