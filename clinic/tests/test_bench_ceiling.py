"""The bench's ceiling: the mean of the bare runs around the submit phase."""

import importlib

import pytest

bench = importlib.import_module("clinic.bench.__main__")


def bare_run(rps, p95, server_ms, count):
    cpu = {"server": server_ms, "database": 0.3, "load_generator": 2.0}
    result = {
        "elapsed": count / rps,
        "phases": {"bare": {"count": count, "errors": 0, "p50": 1.0, "p95": p95, "p99": p95}},
        "cpu_ms": cpu,
    }
    return bench.row("bare", result, "bare")


def test_the_ceiling_is_the_mean_of_the_runs_before_and_after_submit():
    ceiling = bench.ceiling(bare_run(400, 100.0, 2.0, 8000), bare_run(600, 140.0, 1.0, 12000))
    assert ceiling["rps"] == pytest.approx(500)
    assert ceiling["p95"] == pytest.approx(120.0)
    assert ceiling["count"] == 20000
    assert ceiling["cpu_ms"]["server"] == pytest.approx(1.5)
    assert ceiling["cpu_ms"]["load_generator"] == pytest.approx(2.0)


def test_a_ceiling_run_without_answers_still_gives_a_row():
    failed = bench.row("bare", {"elapsed": 20.0, "phases": {}, "cpu_ms": {"server": 0.0}}, "bare")
    ceiling = bench.ceiling(failed, bare_run(600, 140.0, 1.0, 12000))
    assert ceiling["rps"] == pytest.approx(300)
    assert ceiling["p95"] == pytest.approx(140.0)
