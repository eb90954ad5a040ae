"""The saved answers read back: every answer table in one query (``answer_codes``), the
wizard's form data (``step_initial``) and the review page's rows (``review_sections``)."""

import datetime

from django.db.models import prefetch_related_objects
from django.utils import formats
from model_bakery import baker

from intake import selectors, services
from intake.models import Intake
from intake.selectors import ANSWER_CODE_COLUMNS
from intake.step_answers import review_sections, step_initial
from intake.vocabulary import WarningQuestion

ALL_TABLES = tuple(ANSWER_CODE_COLUMNS)


def filled(patient, answer_all, today, **changed):
    intake = answer_all(services.intake_start(patient=patient), today)
    for step, data in changed.items():
        intake = services.intake_step_save(intake=intake, step=int(step[1:]), data=data)
    return Intake.objects.get(pk=intake.pk)


def other_patients_intake(answer_all, today):
    """Another intake with different answers: none of them may leak into the first."""
    other = baker.make("intake.Patient", first_name="Bo", date_of_birth="1960-02-03")
    intake = answer_all(services.intake_start(patient=other), today)
    services.intake_step_save(intake=intake, step=2, data={"regions": ["right_knee"]})
    services.intake_step_save(intake=intake, step=8, data={"medicines": "Other pill"})


def test_every_answer_table_is_read_in_one_query(
    patient, answer_all, today, django_assert_num_queries
):
    intake = filled(patient, answer_all, today)
    other_patients_intake(answer_all, today)
    with django_assert_num_queries(1):
        codes = selectors.answer_codes(intake.pk, ALL_TABLES)
    assert set(codes) == set(ALL_TABLES)
    assert sorted(codes["regions"]) == [
        ("left", "buttock"),
        ("left", "calf"),
        ("left", "foot_sole"),
        ("left", "lower_back"),
    ]
    assert sorted(codes["symptoms"]) == [("numbness", ""), ("pain", ""), ("tingling", "")]
    assert sorted(codes["pain_qualities"]) == [("burning", ""), ("shooting", "")]
    assert sorted(codes["factors"]) == [
        ("better", "walking"),
        ("worse", "coughing_sneezing"),
        ("worse", "sitting"),
    ]
    assert sorted(codes["risk_factors"]) == [
        ("diabetes", ""),
        ("muscle_tightness", ""),
        ("repetitive_sport", ""),
    ]
    # A yes/no reads as "1" or "0".
    assert sorted(codes["warning_answers"]) == [
        ("bladder", "0"),
        ("night_pain", "1"),
        ("saddle_numbness", "0"),
    ]
    assert sorted(codes["treatments"]) == [
        ("medication", "helped"),
        ("rest_physical_therapy", "not_helped"),
        ("surgery", "not_tried"),
    ]
    assert codes["medicines"] == [("Ibuprofen 400 mg", ""), ("Paracetamol", "")]


def test_only_the_tables_asked_for_are_read(patient, answer_all, today):
    intake = filled(patient, answer_all, today)
    assert selectors.answer_codes(intake.pk, ()) == {}
    assert selectors.answer_codes(intake.pk, ("medicines",)) == {
        "medicines": [("Ibuprofen 400 mg", ""), ("Paracetamol", "")]
    }
    empty = services.intake_start(patient=baker.make("intake.Patient"))
    assert selectors.answer_codes(empty.pk, ALL_TABLES) == {name: [] for name in ALL_TABLES}


def test_medicines_keep_the_order_they_were_typed_in(patient, answer_all, today):
    intake = filled(patient, answer_all, today, s8={"medicines": "Zopiclone\nAmitriptyline\nB12"})
    assert step_initial(intake, 8)["medicines"] == "Zopiclone\nAmitriptyline\nB12"


def test_each_step_is_filled_from_its_answer_tables(
    patient, answer_all, today, django_assert_num_queries
):
    intake = filled(patient, answer_all, today)
    with django_assert_num_queries(1):
        feels = step_initial(intake, 3)
    assert sorted(feels["worse_factors"]) == ["coughing_sneezing", "sitting"]
    assert feels["better_factors"] == ["walking"]
    assert sorted(feels["symptoms"]) == ["numbness", "pain", "tingling"]
    with django_assert_num_queries(1):
        warnings = step_initial(intake, 6)
    assert warnings == {"bladder": "false", "night_pain": "true", "saddle_numbness": "false"}
    with django_assert_num_queries(0):
        assert step_initial(intake, 1)["height_cm"] == "170"


def rows_of(sections, step):
    return {str(question): str(answer) for question, answer in sections[step - 1]["rows"]}


def test_the_review_lists_choices_in_the_forms_order_not_the_order_saved(
    patient, answer_all, today
):
    # Saved foot first; the review reads down the body map, as the form shows it.
    intake = filled(
        patient,
        answer_all,
        today,
        s2={"regions": ["left_foot_sole", "right_calf", "left_lower_back"]},
    )
    sections = review_sections(intake)
    assert rows_of(sections, 2) == {
        "Where do you feel it?": "Lower back (Left), Sole of foot (Left), Calf (Right)"
    }
    feels = rows_of(sections, 3)
    assert feels["What do you feel?"] == "Pain, Numbness, Tingling or pins and needles"
    onset = today - datetime.timedelta(weeks=10)
    assert feels["When did it start?"] == formats.date_format(onset, "DATE_FORMAT")
    tried = rows_of(sections, 8)
    assert tried["Medicines you take now (one on each line)"] == "Ibuprofen 400 mg\nParacetamol"
    night = str(WarningQuestion.NIGHT_PAIN.label)
    assert rows_of(sections, 6)[night] == "Yes"


def test_the_review_counts_the_answered_questionnaire_items(
    patient, answer_all, today, django_assert_num_queries
):
    intake = filled(patient, answer_all, today)
    wordings = selectors.questionnaire_wording_for_step()
    prefetch_related_objects([intake], "questionnaires", "consent")
    with django_assert_num_queries(1):  # every answer table; the rest was prefetched
        sections = review_sections(intake, wordings=wordings)
    counts = list(rows_of(sections, 7).values())
    # STarT Back and the RMDQ all answered; the ODI 9 of its 10 sections.
    assert counts == [
        "9 of 9 questions answered",
        "24 of 24 questions answered",
        "9 of 10 questions answered",
    ]
