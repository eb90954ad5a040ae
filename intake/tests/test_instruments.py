import pytest

from intake import instruments
from intake.instruments import InstrumentError, change, score


def all_items(code, value):
    return {item.number: value for item in instruments.get(code).items}


# NRS ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (0, "none"),
        (1, "mild"),
        (3, "mild"),
        (4, "moderate"),
        (6, "moderate"),
        (7, "severe"),
        (10, "severe"),
    ],
)
def test_nrs_band_edges(value, band):
    result = score("nrs", {1: value})
    assert (result.total, result.band, result.subscore) == (value, band, None)


def test_nrs_zero_is_a_real_answer():
    assert score("nrs", {1: 0}).total == 0


# SBI ---------------------------------------------------------------------------------


def test_sbi_sums_four_items():
    assert score("sbi", {1: 0, 2: 6, 3: 2, 4: 1}) == instruments.Score(total=9, band="high")
    assert score("sbi", all_items("sbi", 6)).total == 24
    assert score("sbi", all_items("sbi", 0)).total == 0


@pytest.mark.parametrize(("total", "band"), [(0, "low"), (6, "low"), (7, "high"), (24, "high")])
def test_sbi_band_is_the_published_cut_off_of_six_and_a_half(total, band):
    answers = {1: min(total, 6), 2: min(max(total - 6, 0), 6), 3: min(max(total - 12, 0), 6)}
    answers[4] = total - sum(answers.values())
    assert score("sbi", answers).band == band


# STarT Back --------------------------------------------------------------------------


def start_back(physical, distress, item9):
    """Items 1-4 agreed `physical` times, items 5-8 agreed `distress` times."""
    answers = {n: int(n <= physical) for n in range(1, 5)}
    answers |= {n: int(n - 4 <= distress) for n in range(5, 9)}
    answers[9] = item9
    return score("start_back", answers)


@pytest.mark.parametrize(("item9", "point"), [(0, 0), (1, 0), (2, 0), (3, 1), (4, 1)])
def test_start_back_item_9_scores_only_very_much_and_extremely(item9, point):
    assert start_back(0, 0, item9).total == point
    assert start_back(0, 0, item9).subscore == point


def test_start_back_total_3_is_low_even_with_all_distress():
    result = start_back(0, 2, 3)
    assert (result.total, result.subscore, result.band) == (3, 3, "low")


def test_start_back_total_4_with_distress_3_is_medium():
    result = start_back(1, 3, 0)
    assert (result.total, result.subscore, result.band) == (4, 3, "medium")


def test_start_back_distress_4_is_high():
    result = start_back(0, 4, 0)
    assert (result.total, result.subscore, result.band) == (4, 4, "high")
    assert start_back(0, 3, 4).band == "high"


def test_start_back_maximum():
    result = start_back(4, 4, 4)
    assert (result.total, result.subscore, result.band) == (9, 5, "high")


def test_start_back_low_total_without_distress():
    assert start_back(3, 0, 0).band == "low"
    assert start_back(4, 0, 0).band == "medium"


# RMDQ --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yes", "band"),
    [(0, "functional"), (4, "functional"), (5, "dysfunctional"), (24, "dysfunctional")],
)
def test_rmdq_band_is_the_published_threshold_of_four(yes, band):
    answers = all_items("rmdq", 0) | dict.fromkeys(range(1, yes + 1), 1)
    assert score("rmdq", answers).band == band


def test_rmdq_counts_yes_answers():
    answers = all_items("rmdq", 0) | {1: 1, 5: 1, 24: 1}
    assert score("rmdq", answers) == instruments.Score(total=3, band="functional")
    assert score("rmdq", all_items("rmdq", 1)).total == 24
    assert score("rmdq", all_items("rmdq", 0)).total == 0


# ODI ---------------------------------------------------------------------------------


def odi(values):
    return score("odi", dict(enumerate(values, start=1)))


@pytest.mark.parametrize(
    ("values", "total", "band"),
    [
        ([0] * 10, 0, "minimal"),
        ([1] * 10, 20, "minimal"),
        ([1] * 9 + [2], 22, "moderate"),
        ([2] * 10, 40, "moderate"),
        ([2] * 9 + [3], 42, "severe"),
        ([3] * 10, 60, "severe"),
        ([3] * 9 + [4], 62, "crippling"),
        ([4] * 10, 80, "crippling"),
        ([4] * 9 + [5], 82, "bed_bound"),
        ([5] * 10, 100, "bed_bound"),
    ],
)
def test_odi_band_edges(values, total, band):
    result = odi(values)
    assert (result.total, result.band) == (total, band)


def test_odi_blank_sections_drop_out():
    # 9 of 10 sections, sum 10: 10 / 45 = 22.2% (moderate: above 20)
    answers = dict.fromkeys(range(1, 10), 1)
    answers[1] = 2
    result = score("odi", answers)
    assert (result.total, result.band) == (22.2, "moderate")
    # Blank as None is the same as absent.
    assert score("odi", answers | {10: None}) == result


def test_odi_exactly_20_percent_with_blanks_is_minimal():
    # 9 sections all 1: 9 / 45 = 20.0%
    result = score("odi", dict.fromkeys(range(1, 10), 1))
    assert (result.total, result.band) == (20, "minimal")


def test_odi_one_section_answered():
    assert score("odi", {4: 5}) == instruments.Score(total=100, band="bed_bound")
    assert score("odi", {4: 1}).total == 20


def test_odi_band_is_decided_on_the_exact_percentage():
    from fractions import Fraction

    from intake.instruments.odi import band

    assert band(Fraction(41, 2)) == "moderate"  # 20.5
    assert band(20) == "minimal"
    assert band(Fraction(801, 10)) == "bed_bound"


def test_odi_with_no_sections_answered_is_an_error():
    with pytest.raises(InstrumentError, match="at least one section"):
        score("odi", {})
    with pytest.raises(InstrumentError, match="at least one section"):
        score("odi", {1: None})


# Errors ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["nrs", "sbi", "start_back", "rmdq"])
def test_a_missing_item_is_an_error(code):
    answers = all_items(code, 0)
    del answers[len(answers)]
    with pytest.raises(InstrumentError, match="please answer item"):
        score(code, answers)


def test_missing_item_message_lists_them():
    with pytest.raises(InstrumentError, match=r"item\(s\) 2, 4"):
        score("sbi", {1: 0, 3: 0})


@pytest.mark.parametrize(
    ("code", "item", "value"),
    [
        ("nrs", 1, 11),
        ("nrs", 1, -1),
        ("sbi", 2, 7),
        ("start_back", 1, 2),
        ("start_back", 9, 5),
        ("rmdq", 24, 2),
        ("odi", 3, 6),
        ("odi", 3, -1),
    ],
)
def test_an_out_of_range_value_is_an_error(code, item, value):
    answers = all_items(code, 0) | {item: value}
    with pytest.raises(InstrumentError, match="out of range"):
        score(code, answers)


@pytest.mark.parametrize("value", [True, False, 1.0, "3", None, [1]])
def test_a_wrong_type_is_an_error(value):
    if value is None:
        # None is a blank: an error for a required item, fine for ODI.
        with pytest.raises(InstrumentError, match="please answer"):
            score("nrs", {1: value})
        return
    with pytest.raises(InstrumentError, match="whole number"):
        score("nrs", {1: value})


def test_bool_is_a_wrong_type_even_where_1_and_0_are_allowed():
    answers = all_items("rmdq", 0) | {3: True}
    with pytest.raises(InstrumentError, match="not bool"):
        score("rmdq", answers)


@pytest.mark.parametrize("key", [0, 2, "x", "01x", 1.5, None])
def test_an_unknown_item_is_an_error(key):
    with pytest.raises(InstrumentError, match="there is no item"):
        score("nrs", {1: 5, key: 1})


def test_item_numbers_may_arrive_as_strings_from_json():
    assert score("sbi", {"1": 1, "2": 1, "3": 1, "4": 1}).total == 4


@pytest.mark.parametrize("code", ["phq9", "", None, "NRS"])
def test_an_unknown_code_is_an_error(code):
    with pytest.raises(InstrumentError, match="no questionnaire called"):
        score(code, {1: 1})


def test_answers_must_be_a_mapping():
    with pytest.raises(InstrumentError, match="mapping"):
        score("nrs", [5])


def test_instrument_errors_are_value_errors():
    assert issubclass(InstrumentError, ValueError)


def test_each_instrument_has_version_copyright_and_items():
    expected = {"nrs": 1, "sbi": 4, "start_back": 9, "rmdq": 24, "odi": 10}
    assert {code: inst.item_count for code, inst in instruments.INSTRUMENTS.items()} == expected
    for inst in instruments.INSTRUMENTS.values():
        assert inst.version and inst.copyright


def test_scoring_modules_import_no_django():
    import ast
    from pathlib import Path

    for path in Path(instruments.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        names = [
            getattr(node, "module", None) or node.names[0].name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
        ]
        assert not [n for n in names if n and n.startswith("django")], path


# Change that matters -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "matters"),
    [
        (8, 7, False),  # 1 point, 12.5%
        (8, 6, True),  # 2 points
        (3, 2, True),  # 1 point but 33%
        (10, 8, True),
        (10, 9, False),
        (0, 1, False),  # from 0 only points count
        (0, 2, True),
        (5, 7, True),  # worse counts too
    ],
)
def test_nrs_change_threshold(before, after, matters):
    assert change("nrs", before, after).matters is matters


def test_nrs_30_percent_edge_is_inclusive():
    # 10 -> 7 is exactly 30% and 3 points; 5 -> 4 is 20%: 1 point
    assert change("nrs", 10, 7).matters
    assert not change("nrs", 5, 4).matters


@pytest.mark.parametrize(
    ("before", "after", "matters"),
    [(40, 31, False), (40, 30, True), (22.2, 32.2, True), (50, 60, True), (50, 59.9, False)],
)
def test_odi_change_threshold_is_10_points(before, after, matters):
    assert change("odi", before, after).matters is matters


@pytest.mark.parametrize(
    ("before", "after", "matters"),
    [(20, 18, False), (20, 17, True), (6, 4, True), (10, 8, False), (10, 7, True), (0, 2, False)],
)
def test_rmdq_change_threshold_is_3_points_or_30_percent(before, after, matters):
    assert change("rmdq", before, after).matters is matters


def test_change_reports_direction_and_delta():
    improved = change("odi", 40, 20)
    assert (improved.delta, improved.direction) == (-20, "better")
    assert change("nrs", 3, 6).direction == "worse"
    assert change("nrs", 3, 3) == instruments.Change(3, 3, 0, "same", False)


def test_instruments_without_a_threshold_never_matter():
    assert not change("sbi", 24, 0).matters
    assert not change("start_back", 9, 0).matters


def test_change_on_unknown_code_is_an_error():
    with pytest.raises(InstrumentError):
        change("phq9", 1, 2)


def test_a_bool_item_number_is_unknown():
    with pytest.raises(InstrumentError, match="there is no item"):
        score("nrs", {True: 5})
