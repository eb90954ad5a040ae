import pytest

from intake import services
from intake.forms import QuestionnaireForm, WarningSignsForm
from intake.selectors import instrument_wording
from intake.vocabulary import (
    EMERGENCY_SIGNS,
    URGENT_SIGNS,
    BodyRegion,
    Side,
    WarningQuestion,
    WarningSign,
    region_choices,
    region_key,
    split_region_key,
)


def test_region_keys_cover_both_sides_of_every_region():
    keys = [key for key, _label in region_choices()]
    assert len(keys) == len(BodyRegion) * 2 == 22
    assert "left_thigh_back" in keys
    for key in keys:
        assert region_key(*split_region_key(key)) == key
    assert split_region_key("right_foot_sole") == (Side.RIGHT, BodyRegion.FOOT_SOLE)
    with pytest.raises(ValueError):
        split_region_key("up_calf")


def test_every_asked_question_maps_to_a_sign():
    asked = set(WarningQuestion.values) - {"minor_fall"}
    assert asked <= set(WarningSign.values)
    derived = set(WarningSign.values) - asked
    assert derived == {"minor_fall_osteoporosis", "first_episode_age"}
    assert set(WarningSign) == EMERGENCY_SIGNS | URGENT_SIGNS
    assert len(EMERGENCY_SIGNS) == 8


def test_warning_form_accepts_python_booleans_and_keeps_unanswered_out():
    form = WarningSignsForm(data={"bladder": True, "bowel": False, "night_pain": ""})
    assert form.is_valid(), form.errors
    assert form.answers() == {"bladder": True, "bowel": False}


def test_services_accept_python_values(draft):
    intake = services.intake_step_save(
        intake=draft, step=1, data={"height_cm": 172, "sits_long": True, "manual_work": False}
    )
    assert (intake.height_cm, intake.sits_long, intake.manual_work) == (172, True, False)


def test_questionnaire_form_uses_the_loaded_wording(demo_wording):
    form = QuestionnaireForm(instrument_code="start_back", wording=instrument_wording("start_back"))
    field = form.fields["item_9"]
    assert field.label.startswith("[Sample]")
    assert [value for value, _label in field.choices] == ["0", "1", "2", "3", "4"]
    assert field.choices[4][1] == "More than I can say"
