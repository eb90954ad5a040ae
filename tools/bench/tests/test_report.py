"""The bench's arithmetic: percentiles from Locust's histograms, pooling, the goals."""

import pytest

from tools.bench.report import Goal, Kind, cost_in_bare_requests, goal_table, kinds, pooled


def test_percentiles_are_read_from_the_histogram_as_locust_reads_them():
    # 90 requests at 10 ms, 9 at 40 ms, 1 at 250 ms. Locust's p-th percentile is the
    # slowest time such that the requests faster than it are at most p % of them.
    kind = Kind(100, 0, {10: 90, 40: 9, 250: 1})
    assert kind.p50 == 10
    assert kind.percentile(0.89) == 10
    assert kind.percentile(0.90) == 40
    assert kind.p95 == 40
    assert kind.percentile(0.99) == 250
    assert Kind().p95 is None


def test_the_locustfile_figures_become_kinds_with_integer_milliseconds():
    results = {"requests": {"submit": {"count": 3, "failures": 1, "response_times": {"12": 3}}}}
    assert kinds(results) == {"submit": Kind(3, 1, {12: 3})}


def test_runs_are_pooled_by_kind():
    first = {"queue": Kind(50, 0, {10: 50}), "summary": Kind(2, 1, {90: 2})}
    second = {"queue": Kind(50, 2, {30: 50})}
    total = pooled([first, second])
    assert total["queue"] == Kind(100, 2, {10: 50, 30: 50})
    assert total["summary"] == Kind(2, 1, {90: 2})
    assert total["queue"].percentile(0.49) == 10
    assert total["queue"].p95 == 30


def test_an_intake_is_priced_in_bare_requests_of_cpu():
    # 60 intakes took 6 s of CPU (100 ms each); 4,000 bare requests 8 s (2 ms each).
    assert cost_in_bare_requests(6.0, 60, 8.0, 4000) == pytest.approx(50.0)


def test_goals_give_a_ratio_and_pass_at_the_limit_unless_strict():
    assert Goal("cost", 30.0, 30).met
    assert Goal("cost", 45.0, 30).ratio == pytest.approx(1.5)
    assert not Goal("cost", 45.0, 30).met
    assert not Goal("p95", 100, 100, strict=True).met
    assert Goal("p95", 99, 100, strict=True).met
    errors = Goal("failed requests", 0, 0, digits=0)
    assert errors.met and errors.ratio is None
    assert not Goal("not measured", None, 30).met


def test_the_goal_table_shows_measured_limit_ratio_and_result():
    table = goal_table(
        [
            Goal("kiosk p95", 62, 100, "ms", strict=True, digits=0),
            Goal("whole intake CPU, in bare requests", 45.0, 30),
            Goal("failed requests", 0, 0, digits=0),
        ]
    ).splitlines()
    assert table[0].split() == ["goal", "measured", "limit", "ratio", "result"]
    assert table[2].endswith("0.62  pass")
    assert "< 100 ms" in table[2]
    assert table[3].endswith("1.50  FAIL")
    assert "<= 30.0" in table[3]
    assert table[4].endswith("-  pass")
