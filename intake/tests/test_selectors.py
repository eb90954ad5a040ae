import datetime

from django.utils import timezone

from intake import selectors, services
from intake.instruments import change
from intake.models import Intake

from .conftest import CONSENT


def submitted(patient, *, days_ago, leg_now, odi=None, warning=None):
    intake = services.intake_start(patient=patient)
    intake = services.intake_step_save(intake=intake, step=4, data={"leg_pain_now": str(leg_now)})
    if odi is not None:
        intake = services.intake_step_save(
            intake=intake, step=7, data={f"odi-item_{n}": str(odi) for n in range(1, 11)}
        )
    if warning:
        intake = services.intake_step_save(intake=intake, step=6, data={warning: "true"})
    intake = services.intake_step_save(intake=intake, step=9, data=CONSENT)
    intake = services.intake_submit(intake=intake, token=intake.submit_token)
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    Intake.objects.filter(pk=intake.pk).update(submitted_at=moment, started_at=moment)
    intake.refresh_from_db()
    return intake


def test_previous_intakes_and_change_since_last_time(patient, demo_wording):
    first = submitted(patient, days_ago=60, leg_now=8, odi=3)
    second = submitted(patient, days_ago=30, leg_now=7, odi=2)
    third = submitted(patient, days_ago=1, leg_now=4, odi=2)
    assert list(selectors.patient_intakes(patient=patient)) == [first, second, third]
    assert list(selectors.patient_intakes(patient=patient, before=third)) == [first, second]
    assert selectors.intake_previous(intake=third) == second
    assert selectors.intake_previous(intake=first) is None

    history = selectors.patient_score_history(patient=patient)
    assert [scores for _intake, scores in history] == [
        {"nrs.leg_now": 8, "odi": 60},
        {"nrs.leg_now": 7, "odi": 40},
        {"nrs.leg_now": 4, "odi": 40},
    ]
    before, after = history[0][1], history[1][1]
    assert change("odi", before["odi"], after["odi"]).matters
    assert not change("nrs", before["nrs.leg_now"], after["nrs.leg_now"]).matters


def test_drafts_are_not_previous_intakes(patient):
    services.intake_start(patient=patient)
    assert list(selectors.patient_intakes(patient=patient)) == []


def test_score_history_query_count_does_not_grow(patient, demo_wording, django_assert_num_queries):
    for days in (30, 20, 10):
        submitted(patient, days_ago=days, leg_now=5, odi=1)
    with django_assert_num_queries(2):
        selectors.patient_score_history(patient=patient)


def test_queue_puts_emergencies_first_then_urgent_then_arrival(db):
    from model_bakery import baker

    patients = baker.make("intake.Patient", _quantity=4)
    calm_early = submitted(patients[0], days_ago=3, leg_now=2)
    urgent = submitted(patients[1], days_ago=2, leg_now=2, warning="cancer_history")
    emergency = submitted(patients[2], days_ago=1, leg_now=2, warning="bowel")
    calm_late = submitted(patients[3], days_ago=0, leg_now=2)
    assert list(selectors.intake_queue()) == [emergency, urgent, calm_early, calm_late]


def test_identity_check_ignores_case_and_spacing(patient):
    assert selectors.patient_identity_matches(
        patient=patient, first_name="  ann ", date_of_birth=patient.date_of_birth
    )
    assert not selectors.patient_identity_matches(
        patient=patient, first_name="Anna", date_of_birth=patient.date_of_birth
    )
    assert not selectors.patient_identity_matches(
        patient=patient,
        first_name="Ann",
        date_of_birth=patient.date_of_birth + datetime.timedelta(days=1),
    )


def test_intake_detail_loads_everything_in_a_fixed_number_of_queries(
    draft, today, answer_all, django_assert_num_queries
):
    intake = answer_all(draft, today)
    with django_assert_num_queries(10):
        detail = selectors.intake_detail(pk=intake.pk)
        selectors.intake_findings(detail)
        assert detail.consent.typed_name == "Ann Lee"


def test_the_tablet_reads_its_session_with_intake_and_patient_in_one_query(
    patient, django_assert_num_queries
):
    from model_bakery import baker

    session = services.kiosk_session_start(patient=patient, started_by=baker.make("clinic.User"))
    with django_assert_num_queries(1):
        kiosk = selectors.kiosk_session_for_tablet(pk=session.pk)
        assert kiosk.intake.patient.first_name == patient.first_name
    # A browser whose kiosk session is gone (or never was) has none.
    assert selectors.kiosk_session_for_tablet(pk=session.pk + 1000) is None
    with django_assert_num_queries(0):
        assert selectors.kiosk_session_for_tablet(pk=None) is None
