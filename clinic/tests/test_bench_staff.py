"""The bench's staff pages: 1k and 100k measured in rounds that take turns, pooled."""

import importlib

import pytest

from clinic.bench.drive import pooled

bench = importlib.import_module("clinic.bench.__main__")


def run(latencies, errors=0, elapsed=1.0):
    return {
        "elapsed": elapsed,
        "phases": {
            "page": {
                "count": len(latencies),
                "errors": errors,
                "error_samples": ["500 boom"] * errors,
                "latencies": sorted(latencies),
            }
        },
    }


def test_pooled_runs_add_up_requests_time_and_errors_and_take_percentiles_of_all():
    result = pooled([run([0.010] * 50, elapsed=2.0), run([0.030] * 50, errors=2, elapsed=3.0)])
    page = result["phases"]["page"]
    assert result["elapsed"] == pytest.approx(5.0)
    assert page["count"] == 100 and page["errors"] == 2
    assert page["error_samples"] == ["500 boom", "500 boom"]
    # 50 requests at 10 ms, 50 at 30 ms: the 50th of the 100 is still a 10 ms one.
    assert page["p50"] == pytest.approx(10.0)
    assert page["p95"] == pytest.approx(30.0)


def test_sizes_take_turns_in_alternating_order_and_each_size_is_pooled(monkeypatch):
    calls = []

    def fake_drive(plan):
        calls.append((plan["base"], plan["name"], tuple(plan["urls"]), plan["requests"]))
        # The small server answers in 10 ms, the large one in 20 ms.
        return run([0.010 if plan["base"] == "small" else 0.020] * 4)

    monkeypatch.setattr(bench, "drive", fake_drive)
    small = {"base": "small", "requests": 300}
    large = {"base": "large", "requests": 300}
    rows_small, rows_large = bench.measure_staff(
        [("1k", small, ["/s/1/"]), ("100k", large, ["/s/2/"])], rounds=3
    )
    measured = [(base, urls) for base, name, urls, _ in calls if name != "warm"]
    small_pages = [("small", urls) for urls in [("/staff/",), ("/staff/?status=all",), ("/s/1/",)]]
    large_pages = [("large", urls) for urls in [("/staff/",), ("/staff/?status=all",), ("/s/2/",)]]
    assert measured == [
        *small_pages,
        *large_pages,
        *large_pages,
        *small_pages,
        *small_pages,
        *large_pages,
    ]
    assert {requests for _, name, _, requests in calls if name != "warm"} == {100}
    assert [row["name"] for row in rows_small] == [
        "practitioner queue @1k",
        "queue status=all @1k",
        "patient summary @1k",
    ]
    assert all(row["count"] == 12 for row in rows_small + rows_large)
    assert rows_small[0]["p50"] == pytest.approx(10.0)
    assert rows_large[2]["p50"] == pytest.approx(20.0)
