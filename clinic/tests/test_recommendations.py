"""The matcher and the starter rules, without views."""

from decimal import Decimal

import pytest

from clinic.recommendations import Rule, match, rule_fires
from clinic.seed import STARTER_RULES


def test_a_plain_rule_fires_on_its_finding_and_not_without_it():
    rule = Rule("symptom.numbness_or_tingling", item_id=1, because="b")
    assert rule_fires(rule, {"symptom.numbness_or_tingling": True})
    assert not rule_fires(rule, {})
    assert not rule_fires(rule, {"symptom.numbness_or_tingling": False})


@pytest.mark.parametrize(("value", "fires"), [(6, False), (7, True), (10, True), (6.9, False)])
def test_a_threshold_rule_fires_at_or_above_the_threshold(value, fires):
    rule = Rule("pain.max", item_id=1, because="b", threshold=Decimal(7))
    assert rule_fires(rule, {"pain.max": value}) is fires


def test_a_threshold_rule_ignores_non_numbers():
    rule = Rule("pain.max", item_id=1, because="b", threshold=Decimal(1))
    assert not rule_fires(rule, {"pain.max": True})
    assert not rule_fires(rule, {"pain.max": "9"})


def test_an_expected_value_rule_matches_text_and_list_members():
    band = Rule("score.start_back.band", item_id=1, because="b", expected_value="high")
    assert rule_fires(band, {"score.start_back.band": "high"})
    assert not rule_fires(band, {"score.start_back.band": "medium"})
    sides = Rule("region.calf", item_id=1, because="b", expected_value="left")
    assert rule_fires(sides, {"region.calf": ["left", "right"]})
    assert not rule_fires(sides, {"region.calf": ["right"]})


def test_match_groups_reasons_per_item_and_orders_by_priority():
    rules = [
        Rule("a", item_id=10, because="Because A.", priority=30),
        Rule("b", item_id=20, because="Because B.", priority=10),
        Rule("c", item_id=10, because="Because C.", priority=5),
        Rule("d", item_id=30, because="Because D.", priority=1),
        Rule("a", item_id=10, because="Because A.", priority=40),
    ]
    result = match({"a": True, "b": True, "c": True}, rules)
    assert [s.item_id for s in result] == [10, 20]
    assert result[0].reasons == ["Because A.", "Because C."]
    assert result[0].priority == 5
    assert result[0].reason == "Because A. Because C."


STARTER_CASES = [
    ("warning.any", True),
    ("region.below_knee", True),
    ("symptom.numbness_or_tingling", True),
    ("risk.muscle_tightness", True),
    ("aggravating.sitting", True),
    ("activity.repetitive_or_manual", True),
    ("risk.medical_condition", True),
    ("weight.concern", True),
    ("work.long_sitting", True),
    ("pain.max", 8),
    ("conservative_care.over_6_weeks", True),
]


def starter_rules():
    item_ids = {}
    rules = []
    for code, threshold, slugs, priority, because in STARTER_RULES:
        for slug in slugs:
            item_id = item_ids.setdefault(slug, len(item_ids) + 1)
            rules.append(Rule(code, item_id, because, priority, threshold))
    return rules, item_ids


def test_the_starter_rules_cover_every_finding_of_the_clinical_table():
    assert {code for code, *_rest in STARTER_RULES} == {code for code, _v in STARTER_CASES}


@pytest.mark.parametrize(("code", "value"), STARTER_CASES)
def test_each_starter_rule_fires_on_its_finding_alone(code, value):
    rules, item_ids = starter_rules()
    expected = next(slugs for c, _t, slugs, _p, _b in STARTER_RULES if c == code)
    suggested = {s.item_id for s in match({code: value}, rules)}
    assert suggested == {item_ids[slug] for slug in expected}


def test_no_starter_rule_fires_without_findings():
    rules, _ids = starter_rules()
    assert match({"warning.level": "none"}, rules) == []


def test_severe_pain_rule_needs_seven():
    rules, _ids = starter_rules()
    assert match({"pain.max": 6}, rules) == []
