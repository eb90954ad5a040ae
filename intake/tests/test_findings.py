import datetime

from intake import services
from intake.findings import IntakeFacts, build_findings
from intake.selectors import intake_detail, intake_findings


def test_findings_of_an_empty_draft(draft):
    assert intake_findings(draft) == {"warning.level": "none"}


def test_findings_of_a_fully_answered_intake(draft, today, answer_all):
    intake = answer_all(draft, today)
    intake = services.intake_submit(intake=intake, token=intake.submit_token)
    findings = intake_findings(intake_detail(pk=intake.pk))
    assert findings == {
        "region.buttock": ["left"],
        "region.calf": ["left"],
        "region.foot_sole": ["left"],
        "region.lower_back": ["left"],
        "region.below_knee": True,
        "symptom.numbness": True,
        "symptom.pain": True,
        "symptom.tingling": True,
        "symptom.numbness_or_tingling": True,
        "quality.burning": True,
        "quality.shooting": True,
        "aggravating.coughing_sneezing": True,
        "aggravating.sitting": True,
        "easing.walking": True,
        "onset.type": "gradual",
        "course": "same",
        "duration.weeks": 10,
        "duration.over_6_weeks": True,
        "work.long_sitting": True,
        "activity.repetitive": True,
        "activity.repetitive_or_manual": True,
        "bmi": 32.0,
        "bmi.band": "obese",
        "weight.concern": True,
        "risk.diabetes": True,
        "risk.muscle_tightness": True,
        "risk.repetitive_sport": True,
        "risk.medical_condition": True,
        "pain.leg_now": 6,
        "pain.leg_now.band": "moderate",
        "pain.leg_average": 5,
        "pain.leg_average.band": "moderate",
        "pain.leg_worst": 8,
        "pain.leg_worst.band": "severe",
        "pain.back_now": 3,
        "pain.back_now.band": "mild",
        "pain.max": 8,
        "pain.severe": True,
        "score.odi": 40,
        "score.odi.band": "moderate",
        "score.rmdq": 10,
        "score.rmdq.band": "dysfunctional",
        "score.sbi": 13,
        "score.sbi.band": "high",
        "score.start_back": 9,
        "score.start_back.band": "high",
        "score.start_back.distress": 5,
        "treatment.medication": "helped",
        "treatment.rest_physical_therapy": "not_helped",
        "treatment.tried": ["medication", "rest_physical_therapy"],
        "treatment.conservative_tried": True,
        "conservative_care.over_6_weeks": True,
        "warning.level": "urgent",
        "warning.any": True,
        "warning.night_pain": True,
    }


def test_findings_run_no_queries_on_a_prefetched_intake(
    draft, today, answer_all, django_assert_num_queries
):
    intake = intake_detail(pk=answer_all(draft, today).pk)
    with django_assert_num_queries(0):
        intake_findings(intake)


def facts(**kwargs):
    return IntakeFacts(intake_date=datetime.date(2026, 6, 1), **kwargs)


def test_each_starter_rule_has_its_finding():
    cases = [
        (facts(regions=[("right", "shin")]), "region.below_knee"),
        (facts(symptoms=["tingling"]), "symptom.numbness_or_tingling"),
        (facts(risk_factors=["muscle_tightness"]), "risk.muscle_tightness"),
        (facts(manual_work=True), "activity.repetitive_or_manual"),
        (facts(repetitive_activity=True), "activity.repetitive_or_manual"),
        (facts(risk_factors=["arthritis"]), "risk.medical_condition"),
        (facts(height_cm=160, weight_kg=77), "weight.concern"),  # BMI 30.1
        (facts(risk_factors=["weight_concern"]), "weight.concern"),
        (facts(sits_long=True), "work.long_sitting"),
        (facts(pain={"leg_worst": 7}), "pain.severe"),
        (facts(warning_level=1, warning_signs=["thoracic_pain"]), "warning.any"),
        (
            facts(
                onset_date=datetime.date(2026, 4, 19),  # 43 days
                treatments={"stretching_nerve_gliding": "not_helped"},
            ),
            "conservative_care.over_6_weeks",
        ),
    ]
    for given, code in cases:
        assert build_findings(given).get(code), code
    assert build_findings(facts()) == {"warning.level": "none"}


def test_thresholds_around_the_starter_rules():
    assert "pain.severe" not in build_findings(facts(pain={"leg_now": 6, "back_now": 0}))
    assert build_findings(facts(pain={"back_now": 0}))["pain.max"] == 0
    assert "region.below_knee" not in build_findings(facts(regions=[("left", "knee")]))
    # BMI 29.9 is overweight, not a weight concern.
    below = build_findings(facts(height_cm=180, weight_kg=96.9))
    assert (below["bmi"], below["bmi.band"]) == (29.9, "overweight")
    assert "weight.concern" not in below
    # Exactly six weeks is not "over six weeks".
    six = build_findings(
        facts(onset_date=datetime.date(2026, 4, 20), treatments={"massage": "helped"})
    )
    assert six["duration.weeks"] == 6
    assert "duration.over_6_weeks" not in six
    assert "conservative_care.over_6_weeks" not in six
    # Injections and surgery are not first-line care; "not tried" is not tried.
    later = build_findings(
        facts(
            onset_date=datetime.date(2026, 1, 1),
            treatments={"steroid_injections": "helped", "massage": "not_tried"},
        )
    )
    assert later["treatment.tried"] == ["steroid_injections"]
    assert "treatment.massage" not in later
    assert "conservative_care.over_6_weeks" not in later


def test_bmi_bands():
    from intake.findings import bmi_band

    assert [bmi_band(v) for v in (18.4, 18.5, 24.9, 25, 29.9, 30)] == [
        "underweight",
        "healthy",
        "healthy",
        "overweight",
        "overweight",
        "obese",
    ]


def test_injury_date_is_the_value_of_the_injury_finding():
    given = facts(risk_factors=["injury_trauma"], injury_date=datetime.date(2026, 3, 2))
    assert build_findings(given)["risk.injury_trauma"] == "2026-03-02"


def test_incomplete_questionnaires_have_no_score_finding():
    given = facts(questionnaires={"rmdq": (None, "", None), "odi": (22.2, "moderate", None)})
    found = build_findings(given)
    assert "score.rmdq" not in found
    assert (found["score.odi"], found["score.odi.band"]) == (22.2, "moderate")
