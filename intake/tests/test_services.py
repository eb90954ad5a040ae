import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from model_bakery import baker

from intake import services
from intake.models import Intake, IntakeRegion, QuestionnaireResponse

from .conftest import CONSENT, FULL_ANSWERS, born_years_ago


def errors_of(call):
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


def save(intake, step, data, **kwargs):
    return services.intake_step_save(intake=intake, step=step, data=data, **kwargs)


# Patients ----------------------------------------------------------------------------


def patient_data(today, **changes):
    return {
        "first_name": "Bo",
        "last_name": "Reyes",
        "date_of_birth": born_years_ago(today, 40),
        "chart_number": "C-200",
        **changes,
    }


def test_patient_create_returns_the_patient(db, today):
    patient = services.patient_create(**patient_data(today, first_name="  Bo "))
    assert (patient.first_name, patient.chart_number) == ("Bo", "C-200")
    assert patient.history.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"first_name": ""}, "first_name", "required"),
        ({"first_name": "B\x00o"}, "first_name", "Null characters"),
        ({"last_name": "Re\x1byes"}, "last_name", "special characters"),
        ({"last_name": "x" * 101}, "last_name", "at most 100"),
        ({"email": "not-an-email"}, "email", "valid email"),
        ({"date_of_birth": "31/02/1990"}, "date_of_birth", "valid date"),
    ],
)
def test_patient_create_refuses_bad_fields(db, today, changes, field, message):
    errors = errors_of(lambda: services.patient_create(**patient_data(today, **changes)))
    assert message in " ".join(errors[field])


def test_patient_date_of_birth_cannot_be_future_or_over_120_years_ago(db, today):
    future = errors_of(
        lambda: services.patient_create(
            **patient_data(today, date_of_birth=today + datetime.timedelta(days=1))
        )
    )
    assert "future" in future["date_of_birth"][0]
    ancient = errors_of(
        lambda: services.patient_create(
            **patient_data(today, date_of_birth=born_years_ago(today, 121))
        )
    )
    assert "120 years" in ancient["date_of_birth"][0]
    assert services.patient_create(**patient_data(today, date_of_birth=born_years_ago(today, 119)))


def test_chart_number_is_unique(patient, today):
    errors = errors_of(lambda: services.patient_create(**patient_data(today, chart_number="C-100")))
    assert "already exists" in errors["chart_number"][0]


def test_patient_update(patient):
    updated = services.patient_update(patient=patient, phone="555 0100")
    assert updated.phone == "555 0100"
    assert updated.history.count() == 2
    errors = errors_of(lambda: services.patient_update(patient=patient, chart_number=""))
    assert "chart_number" in errors
    errors = errors_of(lambda: services.patient_update(patient=patient, is_staff=True))
    assert "is_staff" in errors


# Starting ----------------------------------------------------------------------------


def test_intake_start_resumes_the_open_draft(patient):
    first = services.intake_start(patient=patient)
    assert (first.status, first.current_step, first.warning_level) == ("draft", 1, 0)
    assert services.intake_start(patient=patient) == first


def test_the_database_allows_one_draft_per_patient(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        baker.make(Intake, patient=draft.patient, status="draft")


def test_a_submitted_intake_needs_a_submitted_time(patient):
    with pytest.raises(IntegrityError), transaction.atomic():
        baker.make(Intake, patient=patient, status="submitted", submitted_at=None)


# Step validation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "data", "field", "message"),
    [
        (1, {"height_cm": "49"}, "height_cm", "between 50 and 250"),
        (1, {"height_cm": "251"}, "height_cm", "between 50 and 250"),
        (1, {"height_cm": "tall"}, "height_cm", "whole number"),
        (1, {"weight_kg": "19.9"}, "weight_kg", "between 20 and 350"),
        (1, {"weight_kg": "351"}, "weight_kg", "between 20 and 350"),
        (1, {"sits_long": "sometimes"}, "sits_long", "valid choice"),
        (2, {"regions": ["left_elbow"]}, "regions", "valid choice"),
        (2, {"regions": ["middle_calf"]}, "regions", "valid choice"),
        (3, {"symptoms": ["itching"]}, "symptoms", "valid choice"),
        (3, {"pain_qualities": ["dull"]}, "pain_qualities", "valid choice"),
        (3, {"onset_type": "overnight"}, "onset_type", "valid choice"),
        (3, {"course": "up"}, "course", "valid choice"),
        (3, {"worse_factors": ["running"]}, "worse_factors", "valid choice"),
        (3, {"onset_date": "2026-02-30"}, "onset_date", "valid date"),
        (3, {"onset_date": "1850-01-01"}, "onset_date", "too long ago"),
        (3, {"onset_date": "2026-01-01\x00"}, "onset_date", "valid date"),
        (4, {"leg_pain_now": "11"}, "leg_pain_now", "valid choice"),
        (4, {"back_pain_now": "-1"}, "back_pain_now", "valid choice"),
        (4, {"sbi_1": "7"}, "sbi_1", "valid choice"),
        (5, {"risk_factors": ["vampirism"]}, "risk_factors", "valid choice"),
        (6, {"bladder": "perhaps"}, "bladder", "valid choice"),
        (8, {"treatment_surgery": "loved_it"}, "treatment_surgery", "valid choice"),
        (8, {"goals": "walk\x00"}, "goals", "Null characters"),
        (8, {"goals": "walk\x07"}, "goals", "control characters"),
        (8, {"goals": "x" * 2001}, "goals", "at most 2000"),
        (8, {"medicines": "x" * 201}, "medicines", "200 characters"),
        (9, {**CONSENT, "agree": ""}, "agree", "tick the box"),
        (9, {**CONSENT, "typed_name": "   "}, "typed_name", "required"),
        (9, {**CONSENT, "typed_name": "Ann\tLee"}, "typed_name", "one line"),
        (9, {**CONSENT, "signature": "javascript:alert(1)"}, "signature", "could not be read"),
    ],
)
def test_step_save_refuses_bad_input_with_field_messages(draft, step, data, field, message):
    errors = errors_of(lambda: save(draft, step, data))
    assert message in " ".join(errors[field])


def test_onset_in_the_future_is_refused(draft, today):
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    errors = errors_of(lambda: save(draft, 3, {"onset_date": tomorrow}))
    assert errors["onset_date"] == ["The start date cannot be in the future."]
    errors = errors_of(lambda: save(draft, 5, {"injury_date": tomorrow}))
    assert errors["injury_date"] == ["The injury date cannot be in the future."]


def test_onset_before_birth_is_refused(draft):
    born = draft.patient.date_of_birth
    errors = errors_of(lambda: save(draft, 3, {"onset_date": born.replace(year=born.year - 1)}))
    assert "before your date of birth" in errors["onset_date"][0]


def test_a_refused_step_keeps_the_earlier_answers(draft):
    intake = save(draft, 2, {"regions": ["left_calf"]})
    errors_of(lambda: save(intake, 2, {"regions": ["left_calf", "nowhere"]}))
    assert list(IntakeRegion.objects.values_list("side", "region")) == [("left", "calf")]


def test_unknown_steps_are_refused(draft):
    assert "step" in errors_of(lambda: save(draft, 11, {}))
    assert "step" in errors_of(lambda: save(draft, 0, {}))
    assert "next_step" in errors_of(lambda: save(draft, 1, {}, next_step=12))


# Step saving -------------------------------------------------------------------------


def test_saving_a_step_replaces_its_answers_and_records_where_the_patient_is(draft):
    intake = save(draft, 2, {"regions": ["left_calf", "right_hip"]}, next_step=3)
    assert intake.current_step == 3
    assert intake.last_saved_at is not None
    intake = save(intake, 2, {"regions": ["right_hip"]})
    assert intake.current_step == 2
    assert list(intake.regions.values_list("side", "region")) == [("right", "hip")]


def test_pain_qualities_imply_pain(draft):
    intake = save(draft, 3, {"pain_qualities": ["sharp"]})
    assert list(intake.symptoms.values_list("kind", flat=True)) == ["pain"]


def test_step_4_stores_ratings_and_scores_a_complete_sbi(draft):
    intake = save(draft, 4, FULL_ANSWERS[4])
    assert (intake.leg_pain_now, intake.leg_pain_worst, intake.back_pain_now) == (6, 8, 3)
    sbi = QuestionnaireResponse.objects.get(intake=intake, instrument="sbi")
    assert (sbi.total, sbi.answers, sbi.version) == (13, {"1": 4, "2": 3, "3": 1, "4": 5}, "1")
    assert sbi.wording_version == "nervedesk-en-1"


def test_a_partial_questionnaire_is_kept_without_a_score(draft):
    intake = save(draft, 4, {"sbi_1": "2", "sbi_3": "0"})
    sbi = QuestionnaireResponse.objects.get(intake=intake, instrument="sbi")
    assert (sbi.answers, sbi.total, sbi.is_complete) == ({"1": 2, "3": 0}, None, False)
    save(intake, 4, {})
    assert not QuestionnaireResponse.objects.filter(instrument="sbi").exists()


def test_step_7_saves_each_switched_on_questionnaire(draft, demo_wording):
    intake = save(draft, 7, FULL_ANSWERS[7])
    stored = {r.instrument: (r.total, r.band, r.subscore) for r in intake.questionnaires.all()}
    assert stored == {
        "start_back": (9, "high", 5),
        "rmdq": (10, "dysfunctional", None),
        "odi": (40, "moderate", None),
    }


def test_saving_questionnaires_again_updates_their_rows(draft, demo_wording):
    """The upsert: the same rows, their first save's time kept, the new answers and
    score in place; a questionnaire emptied is removed, the others stay."""
    intake = save(draft, 7, {"odi-item_1": "3", "rmdq-item_1": "1"})
    first = {r.instrument: r for r in intake.questionnaires.all()}
    assert (first["odi"].answers, first["odi"].total) == (
        {"1": 3},
        60,
    )  # ODI scores what is answered
    assert first["rmdq"].total is None  # the RMDQ only once complete
    intake = save(intake, 7, FULL_ANSWERS[7])
    again = {r.instrument: r for r in intake.questionnaires.all()}
    assert again["odi"].pk == first["odi"].pk
    assert again["odi"].created_at == first["odi"].created_at
    assert again["odi"].updated_at > first["odi"].updated_at
    assert (again["odi"].total, again["odi"].band) == (40, "moderate")
    assert again["odi"].wording_version == "sample-1"
    assert QuestionnaireResponse.objects.filter(intake=intake).count() == 3
    emptied = {k: v for k, v in FULL_ANSWERS[7].items() if not k.startswith("rmdq-")}
    intake = save(intake, 7, emptied)
    assert sorted(r.instrument for r in intake.questionnaires.all()) == ["odi", "start_back"]


def test_step_7_refuses_bad_values_by_prefixed_field(draft, demo_wording):
    errors = errors_of(lambda: save(draft, 7, {"odi-item_1": "6", "rmdq-item_2": "yes"}))
    assert set(errors) == {"odi-item_1", "rmdq-item_2"}


def test_step_7_ignores_questionnaires_that_are_off(draft):
    intake = save(draft, 7, {"odi-item_1": "3"})
    assert not intake.questionnaires.exists()


def test_questionnaire_response_save(draft, demo_wording):
    response = services.questionnaire_response_save(
        intake=draft, instrument="odi", answers={1: 5, 2: 5}
    )
    assert (response.total, response.band, response.wording_version) == (
        100,
        "bed_bound",
        "sample-1",
    )
    again = services.questionnaire_response_save(
        intake=draft, instrument="odi", answers={1: 0, 2: 0}
    )
    assert (again.pk, again.created_at, again.total) == (response.pk, response.created_at, 0)
    errors = errors_of(
        lambda: services.questionnaire_response_save(
            intake=draft, instrument="odi", answers={1: True}
        )
    )
    assert "whole number" in errors["answers"][0]
    errors = errors_of(
        lambda: services.questionnaire_response_save(intake=draft, instrument="x", answers={})
    )
    assert "no questionnaire" in errors["instrument"][0]


def test_questionnaire_that_is_off_cannot_be_answered(draft):
    errors = errors_of(
        lambda: services.questionnaire_response_save(
            intake=draft, instrument="rmdq", answers={1: 1}
        )
    )
    assert "switched off" in errors["instrument"][0]


def test_step_8_and_9(draft):
    intake = save(draft, 8, FULL_ANSWERS[8])
    assert list(intake.medicines.values_list("name", flat=True)) == [
        "Ibuprofen 400 mg",
        "Paracetamol",
    ]
    assert dict(intake.treatments.values_list("treatment", "outcome")) == {
        "rest_physical_therapy": "not_helped",
        "medication": "helped",
        "surgery": "not_tried",
    }
    assert intake.goals == "Walk the dog again."
    intake = save(intake, 9, {**CONSENT, "signature": "data:image/png;base64,AAAA"})
    assert (intake.consent.typed_name, intake.consent.text_version) == ("Ann Lee", "2026-1")
    assert intake.consent.consented_at is not None


# Submitting --------------------------------------------------------------------------


def consented(intake):
    return save(intake, 9, CONSENT)


def test_submit_twice_keeps_one_submitted_intake(draft):
    intake = consented(draft)
    first = services.intake_submit(intake=intake, token=str(intake.submit_token))
    second = services.intake_submit(intake=intake, token=str(intake.submit_token))
    assert first.pk == second.pk
    assert (second.status, second.submitted_at) == ("submitted", first.submitted_at)
    assert Intake.objects.filter(patient=draft.patient).count() == 1
    assert Intake.objects.filter(status="submitted").count() == 1
    assert first.current_step == 10


def test_submit_refuses_a_wrong_token(draft):
    intake = consented(draft)
    for token in (uuid.uuid4(), "", None, "not-a-uuid\x00"):
        errors = errors_of(lambda token=token: services.intake_submit(intake=intake, token=token))
        assert "expired" in errors["token"][0]
    intake.refresh_from_db()
    assert intake.status == "draft"


def test_submit_needs_consent(draft):
    errors = errors_of(lambda: services.intake_submit(intake=draft, token=draft.submit_token))
    assert "consent" in errors


def test_submit_tokens_are_unique_in_the_database(draft, patient):
    other = baker.make(Intake, patient=baker.make("intake.Patient"))
    other.submit_token = draft.submit_token
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()


def test_a_submitted_intake_cannot_be_edited(draft):
    intake = services.intake_submit(intake=consented(draft), token=draft.submit_token)
    for step in range(1, 11):
        with pytest.raises(services.IntakeLocked):
            save(intake, step, {})
    with pytest.raises(services.IntakeLocked):
        services.questionnaire_response_save(intake=intake, instrument="sbi", answers={1: 1})
    assert "changed" in str(services.IntakeLocked().message)


def test_mark_reviewed(draft, practitioner_user):
    with pytest.raises(ValidationError):
        services.intake_mark_reviewed(intake=draft, by=practitioner_user)
    intake = services.intake_submit(intake=consented(draft), token=draft.submit_token)
    reviewed = services.intake_mark_reviewed(intake=intake, by=practitioner_user)
    assert (reviewed.status, reviewed.reviewed_by) == ("reviewed", practitioner_user)
    assert reviewed.reviewed_at is not None
    with pytest.raises(ValidationError):
        services.intake_mark_reviewed(intake=reviewed, by=practitioner_user)
    with pytest.raises(services.IntakeLocked):
        save(reviewed, 1, {})


def test_a_correction_is_a_new_draft_copying_the_answers(draft, today, answer_all):
    intake = answer_all(draft, today)
    intake = services.intake_submit(intake=intake, token=intake.submit_token)
    history_before = intake.history.count()
    correction = services.intake_correction_start(intake=intake)
    assert correction.pk != intake.pk
    assert (correction.status, correction.supersedes) == ("draft", intake)
    assert correction.submit_token != intake.submit_token
    assert correction.leg_pain_worst == 8
    assert correction.regions.count() == intake.regions.count() == 4
    assert correction.questionnaires.count() == 4
    assert correction.warning_signs == intake.warning_signs
    assert not hasattr(correction, "consent") or correction.consent is None
    intake.refresh_from_db()
    assert intake.history.count() == history_before
    with pytest.raises(ValidationError):
        services.intake_correction_start(intake=intake)
    with pytest.raises(ValidationError):
        services.intake_correction_start(intake=correction)


def test_intake_changes_are_kept_in_history(draft):
    intake = save(draft, 1, {"height_cm": "180"})
    intake = save(intake, 1, {"height_cm": "181"})
    assert [h.height_cm for h in intake.history.order_by("history_date")] == [None, 180, 181]
