import pytest

from intake import services
from intake.vocabulary import (
    EMERGENCY_SIGNS,
    WarningLevel,
    WarningQuestion,
    WarningSign,
)
from intake.warning_signs import evaluate

from .conftest import born_years_ago

EMERGENCY_QUESTIONS = [q for q in WarningQuestion.values if q in EMERGENCY_SIGNS]
URGENT_QUESTIONS = [
    q for q in WarningQuestion.values if q not in EMERGENCY_SIGNS and q != "minor_fall"
]


def test_nothing_answered_raises_nothing():
    result = evaluate(answers={}, age=35)
    assert (result.level, result.signs, result.level_code) == (WarningLevel.NONE, (), "none")


def test_every_question_answered_no_raises_nothing():
    result = evaluate(answers=dict.fromkeys(WarningQuestion.values, False), age=70)
    assert result.level == WarningLevel.NONE
    assert result.signs == ()


@pytest.mark.parametrize("question", EMERGENCY_QUESTIONS)
def test_each_emergency_sign_alone_raises_emergency(question):
    result = evaluate(answers={question: True}, age=35)
    assert result.level == WarningLevel.EMERGENCY
    assert result.is_emergency
    assert result.signs == (question,)


@pytest.mark.parametrize("question", URGENT_QUESTIONS)
def test_each_urgent_sign_alone_raises_urgent(question):
    result = evaluate(answers={question: True}, age=35)
    assert (result.level, result.level_code) == (WarningLevel.URGENT, "urgent")
    assert result.signs == (question,)


def test_emergency_outranks_urgent_and_all_signs_are_listed():
    result = evaluate(answers={"cancer_history": True, "bowel": True}, age=35)
    assert result.level == WarningLevel.EMERGENCY
    assert result.signs == ("bowel", "cancer_history")


def test_a_minor_fall_counts_only_with_osteoporosis():
    assert evaluate(answers={"minor_fall": True}, age=35).level == WarningLevel.NONE
    result = evaluate(answers={"minor_fall": True}, age=35, risk_factors=["osteoporosis"])
    assert result.level == WarningLevel.URGENT
    assert result.signs == (WarningSign.MINOR_FALL_OSTEOPOROSIS,)
    assert evaluate(answers={}, age=35, risk_factors=["osteoporosis"]).signs == ()


def test_leg_regions_on_both_sides_raise_both_legs():
    both = evaluate(answers={}, age=35, regions=[("left", "calf"), ("right", "thigh_back")])
    assert (both.level, both.signs) == (WarningLevel.EMERGENCY, ("both_legs",))
    # Both sides of the back or buttocks are not the legs.
    back = evaluate(answers={}, age=35, regions=[("left", "lower_back"), ("right", "buttock")])
    assert back.level == WarningLevel.NONE
    one_leg = evaluate(answers={}, age=35, regions=[("left", "calf"), ("left", "foot_top")])
    assert one_leg.level == WarningLevel.NONE


@pytest.mark.parametrize(
    ("age", "flagged"), [(15, True), (19, True), (20, False), (35, False), (50, False), (51, True)]
)
def test_first_episode_under_20_or_over_50(age, flagged):
    result = evaluate(answers={}, age=age, first_episode=True)
    assert (WarningSign.FIRST_EPISODE_AGE in result.signs) is flagged
    assert result.level == (WarningLevel.URGENT if flagged else WarningLevel.NONE)


@pytest.mark.parametrize("first_episode", [False, None])
def test_age_alone_is_not_a_sign(first_episode):
    assert evaluate(answers={}, age=70, first_episode=first_episode).signs == ()
    assert evaluate(answers={}, age=None, first_episode=True).signs == ()


def answer_first_episode(intake):
    return services.intake_step_save(intake=intake, step=3, data={"first_episode": "true"})


@pytest.mark.parametrize(
    ("years", "days_younger", "flagged"),
    [
        (20, 1, True),  # 19 until tomorrow
        (20, 0, False),  # 20th birthday today
        (50, 0, False),
        (51, 1, False),  # still 50
        (51, 0, True),  # 51st birthday today
    ],
)
def test_age_is_computed_from_the_date_of_birth(patient, today, years, days_younger, flagged):
    patient.date_of_birth = born_years_ago(today, years, days_later=days_younger)
    patient.save()
    intake = answer_first_episode(services.intake_start(patient=patient))
    assert ("first_episode_age" in intake.warning_signs) is flagged


def test_an_emergency_answer_flags_the_intake_when_the_step_is_saved(draft):
    assert draft.warning_level == WarningLevel.NONE
    intake = services.intake_step_save(
        intake=draft, step=6, data={"bladder": "true", "night_pain": "true"}, next_step=7
    )
    intake.refresh_from_db()
    assert intake.warning_level == WarningLevel.EMERGENCY
    assert intake.warning_signs == ["bladder", "night_pain"]
    assert intake.warning_flagged_at is not None
    assert intake.status == intake.Status.DRAFT


def test_changing_an_answer_back_to_no_lowers_the_level_but_keeps_when_first_flagged(draft):
    flagged = services.intake_step_save(intake=draft, step=6, data={"fever_unwell": "true"})
    first_flagged = flagged.warning_flagged_at
    cleared = services.intake_step_save(intake=flagged, step=6, data={"fever_unwell": "false"})
    assert cleared.warning_level == WarningLevel.NONE
    assert cleared.warning_signs == []
    assert cleared.warning_flagged_at == first_flagged


def test_osteoporosis_from_step_5_combines_with_a_minor_fall_from_step_6(draft):
    intake = services.intake_step_save(intake=draft, step=6, data={"minor_fall": "true"})
    assert intake.warning_level == WarningLevel.NONE
    intake = services.intake_step_save(
        intake=intake, step=5, data={"risk_factors": ["osteoporosis"]}
    )
    assert intake.warning_signs == ["minor_fall_osteoporosis"]


def test_signs_are_stored_again_on_submit(draft):
    from .conftest import CONSENT

    intake = services.intake_step_save(intake=draft, step=6, data={"weak_immune": "true"})
    intake = services.intake_step_save(intake=intake, step=9, data=CONSENT)
    intake = services.intake_submit(intake=intake, token=intake.submit_token)
    assert (intake.status, intake.warning_level) == ("submitted", WarningLevel.URGENT)
