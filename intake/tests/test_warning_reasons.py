"""``sign_reasons``: the "because" of each sign raised from other steps than a direct yes."""

import pytest
from django.utils import translation
from django.utils.functional import Promise

from intake.vocabulary import WarningQuestion, WarningSign
from intake.warning_signs import evaluate, sign_reasons

BOTH_LEGS_MAP = [("left", "calf"), ("right", "thigh_back")]


def reasons(**inputs):
    return {code: str(reason) for code, reason in sign_reasons(**inputs).items()}


def test_nothing_answered_has_no_reasons():
    assert sign_reasons(answers={}) == {}
    assert sign_reasons(answers=dict.fromkeys(WarningQuestion.values, False), age=70) == {}


@pytest.mark.parametrize("question", sorted(set(WarningQuestion.values) - {"minor_fall"}))
def test_a_direct_yes_needs_no_reason(question):
    assert sign_reasons(answers={question: True}, age=35) == {}


def test_both_legs_from_the_body_map():
    assert reasons(answers={}, age=35, regions=BOTH_LEGS_MAP) == {
        "both_legs": "leg areas marked on both sides of the body map"
    }
    # Answered no, the body map still raises it: the map is the reason.
    assert "both_legs" in reasons(answers={"both_legs": False}, regions=BOTH_LEGS_MAP)


def test_both_legs_answered_yes_is_its_own_reason():
    assert sign_reasons(answers={"both_legs": True}, age=35, regions=BOTH_LEGS_MAP) == {}


@pytest.mark.parametrize(
    "regions",
    [
        [("left", "calf"), ("left", "foot_top")],  # one leg
        [("left", "lower_back"), ("right", "buttock")],  # both sides, not the legs
        [],
    ],
)
def test_no_both_legs_reason_without_legs_on_both_sides(regions):
    assert sign_reasons(answers={}, age=35, regions=regions) == {}


@pytest.mark.parametrize(("age", "flagged"), [(15, True), (19, True), (20, False), (50, False)])
def test_first_episode_age_gives_the_age(age, flagged):
    found = reasons(answers={}, age=age, first_episode=True)
    assert found == ({"first_episode_age": f"first episode, age {age}"} if flagged else {})


@pytest.mark.parametrize(("first_episode", "age"), [(False, 70), (None, 70), (True, None)])
def test_no_first_episode_reason_without_a_first_episode_and_an_age(first_episode, age):
    assert sign_reasons(answers={}, age=age, first_episode=first_episode) == {}


def test_minor_fall_with_osteoporosis():
    assert reasons(answers={"minor_fall": True}, risk_factors=["osteoporosis"]) == {
        "minor_fall_osteoporosis": "a small fall, with osteoporosis"
    }
    assert sign_reasons(answers={"minor_fall": True}, risk_factors=["diabetes"]) == {}
    assert sign_reasons(answers={"minor_fall": False}, risk_factors=["osteoporosis"]) == {}
    assert sign_reasons(answers={}, risk_factors=["osteoporosis"]) == {}


def test_reasons_come_in_the_signs_order_and_only_for_signs_evaluate_raises():
    inputs = {
        "answers": {"minor_fall": True, "night_pain": True},
        "age": 62,
        "first_episode": True,
        "risk_factors": ["osteoporosis"],
        "regions": BOTH_LEGS_MAP,
    }
    found = sign_reasons(**inputs)
    assert list(found) == ["both_legs", "minor_fall_osteoporosis", "first_episode_age"]
    assert set(found) <= set(evaluate(**inputs).signs)
    assert all(code in WarningSign.values for code in found)


def test_reasons_are_lazy_translations():
    found = sign_reasons(answers={}, age=62, first_episode=True, regions=BOTH_LEGS_MAP)
    assert all(isinstance(reason, Promise) for reason in found.values())
    with translation.override("en"):
        assert str(found["first_episode_age"]) == "first episode, age 62"


def test_evaluate_is_unchanged_by_the_reasons():
    """The same inputs still evaluate as before (the rules share their checks)."""
    result = evaluate(
        answers={"minor_fall": True},
        age=62,
        first_episode=True,
        risk_factors=["osteoporosis"],
        regions=BOTH_LEGS_MAP,
    )
    assert result.signs == ("both_legs", "minor_fall_osteoporosis", "first_episode_age")
    assert result.is_emergency
