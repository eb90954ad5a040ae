"""The load generator: a separate process (no Django) driving the server over loopback.

``python -m clinic.bench.drive PLAN.json`` runs one phase and prints its result as
JSON. Every phase is bounded in time and in requests. Requests go only to the
``base`` URL given (127.0.0.1). Cookies are kept by hand per simulated tablet: the
server marks them Secure (it believes it is behind TLS: every request carries
``X-Forwarded-Proto: https``), which a cookie jar would not send over plain HTTP.

Phases:
- ``bare``: POST the bench-only one-INSERT view.
- ``get``: GET staff pages (queue, summaries) with a signed-in session.
- ``flow``: simulated tablets walk the kiosk: code, identity, steps 1-9 (each a GET
  and a POST "Next"), review, submit; ``think`` seconds (on average) between taps.
- ``saves``: tablets already on the review page save steps 2-9 again, no pause.
- ``submit``: tablets already on the review page post the final submit.
- ``assets``: the kiosk step page and every asset it links, gzipped sizes.
"""

import asyncio
import gzip
import json
import random
import re
import secrets
import sys
import time
from http.cookies import SimpleCookie
from urllib.parse import urljoin

import httpx

from intake.sample_answers import SAMPLE_ANSWERS

STEP_ANSWERS = {
    **SAMPLE_ANSWERS,
    3: {**SAMPLE_ANSWERS[3], "onset_date": "2025-01-15"},
    9: {"text_version": "x", "agree": "on", "typed_name": "Bench Patient"},
}
TOKEN = re.compile(r'name="token" value="([0-9a-f-]{36})"')
ASSET = re.compile(r'<(?:link|script|img)\b[^>]*?(?:href|src)="([^"]+)"')


class Stats:
    def __init__(self):
        self.latencies = {}
        self.errors = {}
        self.first = None
        self.last = None

    def add(self, name, started, ok, detail=""):
        now = time.perf_counter()
        self.first = started if self.first is None else min(self.first, started)
        self.last = now if self.last is None else max(self.last, now)
        if ok:
            self.latencies.setdefault(name, []).append(now - started)
        else:
            self.errors.setdefault(name, []).append(detail)

    def result(self, raw=False):
        """Each phase's count, errors and percentiles; with ``raw`` also its latencies
        (seconds), so runs of the same phase can be pooled (``pooled``)."""
        out = {"elapsed": (self.last or 0) - (self.first or 0), "phases": {}}
        for name in sorted(set(self.latencies) | set(self.errors)):
            values = sorted(self.latencies.get(name, []))
            errors = self.errors.get(name, [])
            out["phases"][name] = summary(values, len(errors), errors[:3])
            if raw:
                out["phases"][name]["latencies"] = values
        return out


def summary(values, errors, samples):
    """A phase's row: ``values`` its latencies in seconds, sorted; percentiles in ms."""
    return {
        "count": len(values),
        "errors": errors,
        "error_samples": samples[:3],
        "p50": _pct(values, 50),
        "p95": _pct(values, 95),
        "p99": _pct(values, 99),
    }


def pooled(results):
    """Several runs' results (``raw``) as one: their requests and times added up."""
    phases = {}
    for result in results:
        for name, phase in result["phases"].items():
            phases.setdefault(name, []).append(phase)
    return {
        "elapsed": sum(result["elapsed"] for result in results),
        "phases": {
            name: summary(
                sorted(value for run in runs for value in run["latencies"]),
                sum(run["errors"] for run in runs),
                [sample for run in runs for sample in run["error_samples"]],
            )
            for name, runs in phases.items()
        },
    }


def _pct(values, p):
    if not values:
        return None
    return values[min(len(values) - 1, int(round(p / 100 * len(values) + 0.5)) - 1)] * 1000


class Tablet:
    """One browser: its cookies and CSRF secret."""

    def __init__(self, plan, cookies=None):
        self.plan = plan
        self.cookies = dict(cookies or {})
        self.csrf = self.cookies.setdefault(plan["csrf_cookie"], secrets.token_hex(16))

    def headers(self):
        return {
            "X-Forwarded-Proto": "https",
            "Origin": self.plan["origin"],
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }

    def keep(self, response):
        for header in response.headers.get_list("set-cookie"):
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    async def request(self, client, method, path, data=None):
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies.get(self.plan["csrf_cookie"], "")}
        response = await client.request(method, path, data=data, headers=self.headers())
        self.keep(response)
        return response


async def timed(stats, name, coro, expect, think=0.0):
    """Time one request; then, for a simulated person, wait ``think`` seconds or so."""
    started = time.perf_counter()
    try:
        response = await coro
    except httpx.HTTPError as error:
        stats.add(name, started, False, repr(error))
        return None
    ok = response.status_code in expect
    # The body is decoded only for an error's sample, not for every response.
    stats.add(name, started, ok, "" if ok else f"{response.status_code} {response.text[:200]}")
    if think:
        # bandit: load pacing and sample data, not security
        await asyncio.sleep(random.uniform(0.5 * think, 1.5 * think))  # noqa: S311   # nosec B311
    return response if ok else None


class _NoCookies(httpx.Cookies):
    """No cookie jar in the client: the tablets keep their cookies themselves
    (``Tablet.keep``). httpx's own jar wrapped every response and its request in
    ``urllib`` objects to look for cookies nobody read, a tenth of the load generator's
    CPU per request."""

    def extract_cookies(self, response):
        pass

    def set_cookie_header(self, request):
        pass


class _Client(httpx.AsyncClient):
    @property
    def cookies(self):
        return _NO_COOKIES

    @cookies.setter
    def cookies(self, value):
        pass


_NO_COOKIES = _NoCookies()


def _client(plan, concurrency, transport=None):
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    return _Client(base_url=plan["base"], limits=limits, timeout=30.0, transport=transport)


async def _workers(concurrency, work):
    await asyncio.gather(*(work(n) for n in range(concurrency)))


async def phase_bare(plan):
    stats, deadline = Stats(), time.perf_counter() + plan["seconds"]
    budget = [plan["max_requests"]]
    async with _client(plan, plan["concurrency"]) as client:

        async def work(_n):
            while time.perf_counter() < deadline and budget[0] > 0:
                budget[0] -= 1
                await timed(
                    stats,
                    "bare",
                    client.post("/bench/bare/", headers={"X-Forwarded-Proto": "https"}),
                    {200},
                )

        await _workers(plan["concurrency"], work)
    return stats.result()


async def phase_get(plan):
    stats = Stats()
    urls = list(plan["urls"])
    queue = [(urls[n % len(urls)]) for n in range(plan["requests"])]
    deadline = time.perf_counter() + plan["seconds"]
    async with _client(plan, plan["concurrency"]) as client:

        async def work(_n):
            browser = Tablet(plan, plan["cookies"])
            while queue and time.perf_counter() < deadline:
                url = queue.pop()
                await timed(stats, plan["name"], browser.request(client, "GET", url), {200})

        await _workers(plan["concurrency"], work)
    return stats.result(raw=plan.get("raw", False))


async def _walk(client, stats, plan, tablet_spec, deadline):
    """One patient's whole intake on one tablet; False once the time is up."""
    tablet, think = Tablet(plan), plan.get("think", 0.0)
    if not await timed(
        stats, "kiosk_code_page", tablet.request(client, "GET", "/kiosk/"), {200}, think
    ):
        return
    if not await timed(
        stats,
        "kiosk_claim",
        tablet.request(client, "POST", "/kiosk/", {"code": tablet_spec["code"]}),
        {302},
        think,
    ):
        return
    for step in range(1, 10):
        if time.perf_counter() > deadline:
            return
        url = f"/kiosk/step/{step}/"
        if not await timed(stats, "step_get", tablet.request(client, "GET", url), {200}, think):
            return
        data = {**STEP_ANSWERS[step], "action": "next"}
        if step == 1:
            data.update(first_name=tablet_spec["first_name"], date_of_birth=tablet_spec["dob"])
        if not await timed(
            stats, "step_save", tablet.request(client, "POST", url, data), {302}, think
        ):
            return
    review = await timed(
        stats, "review_get", tablet.request(client, "GET", "/kiosk/step/10/"), {200}, think
    )
    if review is None:
        return
    token = TOKEN.search(review.text)
    await timed(
        stats,
        "submit_in_flow",
        tablet.request(client, "POST", "/kiosk/submit/", {"token": token.group(1)}),
        {200},
    )


async def phase_flow(plan):
    stats, deadline = Stats(), time.perf_counter() + plan["seconds"]
    tablets = list(plan["tablets"])
    async with _client(plan, plan["concurrency"]) as client:

        async def work(_n):
            while tablets and time.perf_counter() < deadline:
                await _walk(client, stats, plan, tablets.pop(), deadline)

        await _workers(plan["concurrency"], work)
    return stats.result()


async def phase_saves(plan):
    """Step saves at full speed: tablets on the review page save steps 2-9 again ("Next")."""
    stats, deadline = Stats(), time.perf_counter() + plan["seconds"]
    tablets = list(plan["tablets"])
    async with _client(plan, plan["concurrency"]) as client:

        async def work(_n):
            while tablets and time.perf_counter() < deadline:
                session_key, _token = tablets.pop()
                tablet = Tablet(plan, {plan["session_cookie"]: session_key})
                for step in range(2, 10):
                    data = {**STEP_ANSWERS[step], "action": "next"}
                    url = f"/kiosk/step/{step}/"
                    await timed(
                        stats, "step_save", tablet.request(client, "POST", url, data), {302}
                    )

        await _workers(plan["concurrency"], work)
    return stats.result()


async def phase_submit(plan):
    stats, deadline = Stats(), time.perf_counter() + plan["seconds"]
    tablets = list(plan["tablets"])
    async with _client(plan, plan["concurrency"]) as client:

        async def work(_n):
            while tablets and time.perf_counter() < deadline:
                session_key, token = tablets.pop()
                tablet = Tablet(plan, {plan["session_cookie"]: session_key})
                await timed(
                    stats,
                    "submit",
                    tablet.request(client, "POST", "/kiosk/submit/", {"token": token}),
                    {200},
                )

        await _workers(plan["concurrency"], work)
    return stats.result()


async def phase_assets(plan):
    """Bytes a tablet downloads on its first step page: the page and every linked asset."""
    tablet = Tablet(plan)
    rows = []
    async with _client(plan, 1) as client:
        await tablet.request(client, "POST", "/kiosk/", {"code": plan["tablet"]["code"]})
        spec = plan["tablet"]
        await tablet.request(
            client,
            "POST",
            "/kiosk/step/1/",
            {
                **STEP_ANSWERS[1],
                "first_name": spec["first_name"],
                "date_of_birth": spec["dob"],
                "action": "next",
            },
        )
        page = await tablet.request(client, "GET", plan["path"])
        page.raise_for_status()
        rows.append(_sizes(plan["path"], page))
        seen = set()
        for ref in ASSET.findall(page.text):
            url = urljoin(plan["path"], ref.replace("&amp;", "&"))
            if url in seen or not url.startswith("/"):
                continue
            seen.add(url)
            asset = await client.get(
                url, headers={"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
            )
            asset.raise_for_status()
            rows.append(_sizes(url, asset))
    return {"assets": rows, "total_gzip": sum(r["gzip"] for r in rows)}


def _sizes(url, response):
    body = response.content
    return {
        "url": url,
        "raw": len(body),
        "wire": response.num_bytes_downloaded,
        "served_gzip": response.headers.get("content-encoding") == "gzip",
        "gzip": response.num_bytes_downloaded
        if response.headers.get("content-encoding") == "gzip"
        else len(gzip.compress(body, 6)),
        "cache_control": response.headers.get("cache-control", ""),
    }


PHASES = {
    "bare": phase_bare,
    "get": phase_get,
    "flow": phase_flow,
    "saves": phase_saves,
    "submit": phase_submit,
    "assets": phase_assets,
}


def main():
    with open(sys.argv[1]) as handle:
        plan = json.load(handle)
    if not plan["base"].startswith("http://127.0.0.1:"):
        raise SystemExit("The bench only drives a server on 127.0.0.1.")
    result = asyncio.run(PHASES[plan["phase"]](plan))
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
