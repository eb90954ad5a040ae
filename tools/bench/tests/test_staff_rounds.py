"""The staff pages at 1k and 100k: rounds that take turns, each size pooled."""

import importlib

bench = importlib.import_module("tools.bench.__main__")


def test_sizes_take_turns_in_alternating_order_and_each_size_is_pooled(monkeypatch):
    calls = []

    def fake_locust(user_class, work, *, port, **_options):
        calls.append((port, len(work)))
        # The small server answers in 10 ms, the large one in 20 ms.
        answer = {"10": len(work) // 3} if port == 1 else {"20": len(work) // 3}
        pages = {page for page, _url, _cookies in work}
        return {
            "requests": {
                page: {"count": len(work) // 3, "failures": 0, "response_times": answer}
                for page in pages
            }
        }

    monkeypatch.setattr(bench, "run_locust", fake_locust)
    monkeypatch.setattr(bench, "STAFF_ROUNDS", 3)
    monkeypatch.setattr(bench, "STAFF_REQUESTS", 300)
    staff = bench.measure_staff(
        [("1k", 1, {"sessionid": "a"}), ("100k", 2, {"sessionid": "b"})], ["/s/1/", "/s/2/"]
    )

    warm_ups, rounds = calls[:2], calls[2:]
    assert [port for port, _work in warm_ups] == [1, 2]
    assert [port for port, _work in rounds] == [1, 2, 2, 1, 1, 2]
    assert {work for _port, work in rounds} == {300}  # 100 of each of the three pages
    assert set(staff["1k"]) == {"queue", "queue, every status", "patient summary"}
    assert staff["1k"]["patient summary"].count == 300
    assert staff["1k"]["queue"].p50 == 10
    assert staff["100k"]["queue"].p50 == 20


def test_the_pages_take_turns_within_a_run_with_the_sizes_cookies():
    work = bench.staff_work(["/s/1/", "/s/2/"], {"sessionid": "a"}, 2)
    assert [(page, url) for page, url, _cookies in work] == [
        ("queue", "/staff/"),
        ("queue, every status", "/staff/?status=all"),
        ("patient summary", "/s/1/"),
        ("queue", "/staff/"),
        ("queue, every status", "/staff/?status=all"),
        ("patient summary", "/s/2/"),
    ]
    assert all(cookies == {"sessionid": "a"} for _page, _url, cookies in work)
