"""The bench's and the load test's simulated users, for Locust.

``tools.bench.stack.run_locust`` runs ``python -m locust -f tools/bench/locustfile.py
<UserClass> --headless ...`` in a process of its own, with two options of ours:
``--plan``, a JSON file whose ``work`` the users share (patients to take through an
intake, pages to read, bare requests), and ``--results``, where the run's figures
are written when it stops:

- ``requests``: per request kind, Locust's count, failures and response-time
  histogram (``{milliseconds: count}``, see ``tools.bench.report``);
- ``errors``: Locust's failure messages, with how often each occurred;
- ``confirmed``: the submit tokens of the intakes a tablet was thanked for;
- ``statuses``: every response by status (or error class, when there was none);
- ``retries`` and ``abandoned`` (intakes given up on an unexpected answer).

Requests go to 127.0.0.1 only. Each carries ``X-Forwarded-Proto: https`` (the TLS
proxy in front of production adds it), and a post the ``Origin`` a browser sends.
The server then marks its cookies ``Secure``, and each user's cookie jar sends them
back over plain HTTP to loopback, as browsers do (loopback is a secure context).
"""

import json
import re
from collections import Counter
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, between, constant, events, task
from locust.exception import StopUser

from intake.sample_answers import SAMPLE_ANSWERS

STEPS = range(1, 10)
REVIEW = 10
STEP_ANSWERS = {
    **SAMPLE_ANSWERS,
    3: {**SAMPLE_ANSWERS[3], "onset_date": "2025-01-15"},
    # The server puts the current consent text's version in place of this one.
    9: {"text_version": "x", "agree": "on", "typed_name": "Bench Patient"},
}
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMIT_TOKEN = re.compile(r'name="token" value="([0-9a-f-]{36})"')
# Browsers send ``Secure`` cookies to http://127.0.0.1 (a secure context); the stdlib's
# policy only over HTTPS.
LOOPBACK_IS_SECURE = DefaultCookiePolicy(secure_protocols=("https", "http"))
# "Try again": a database outage answers 503 (the app's 500 handler), a proxy 502/504.
RETRYABLE = {502, 503, 504}


class Unexpected(Exception):
    """An answer the user did not expect (a failure in Locust's figures)."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


class Shared:
    """What the users of one run share: the work left, and what they counted.

    The run ends when all the work is done (``finished``), or at ``--run-time``.
    """

    def __init__(self):
        self.work = []
        self.busy = 0
        self.confirmed = []
        self.statuses = Counter()
        self.retries = 0
        self.abandoned = 0

    def load(self, work):
        self.work = list(reversed(work))

    def take(self):
        """The next piece of work; a user that finds none left stops."""
        if not self.work:
            raise StopUser()
        self.busy += 1
        return self.work.pop()

    def done(self):
        self.busy -= 1

    @property
    def finished(self):
        return not self.work and not self.busy


shared = Shared()


@events.init_command_line_parser.add_listener
def _options(parser):
    parser.add_argument("--plan", default="", help="the bench's plan (JSON)")
    parser.add_argument("--results", default="", help="where to write the run's figures")


@events.init.add_listener
def _load_plan(environment, **_kwargs):
    if not (environment.host or "").startswith("http://127.0.0.1:"):
        raise SystemExit("The bench's users only go to a server on 127.0.0.1.")
    shared.load(json.loads(Path(environment.parsed_options.plan).read_text())["work"])


@events.test_start.add_listener
def _quit_when_finished(environment, **_kwargs):
    def watch():
        while not shared.finished:
            gevent.sleep(0.1)
        environment.runner.quit()

    gevent.spawn(watch)


@events.test_stop.add_listener
def _write_results(environment, **_kwargs):
    stats = environment.stats
    results = {
        "requests": {
            entry.name: {
                "count": entry.num_requests,
                "failures": entry.num_failures,
                "response_times": entry.response_times,
            }
            for entry in stats.entries.values()
        },
        "errors": [
            f"{error.method} {error.name}: {error.error} (x{error.occurrences})"
            for error in stats.errors.values()
        ],
        "confirmed": shared.confirmed,
        "statuses": dict(shared.statuses),
        "retries": shared.retries,
        "abandoned": shared.abandoned,
    }
    Path(environment.parsed_options.results).write_text(json.dumps(results))


class BenchUser(FastHttpUser):
    """A browser on loopback: every request is timed under its kind (``name``) and
    checked for the one status expected; redirects are requests of their own."""

    abstract = True

    def on_start(self):
        self.origin = "https://" + self.host.removeprefix("http://")
        self.client.cookiejar.set_policy(LOOPBACK_IS_SECURE)

    def fetch(self, method, path, name, expect, data=None, headers=None):
        headers = {"X-Forwarded-Proto": "https", **(headers or {})}
        if method == "POST":
            headers["Origin"] = self.origin
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            # A list is a field sent once per value (checkboxes), as a browser sends it.
            data = urlencode(data or {}, doseq=True)
        with self.client.request(
            method,
            path,
            name=name,
            data=data,
            headers=headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            status = response.status_code
            shared.statuses[str(status) if status else type(response.error).__name__] += 1
            if status == expect:
                response.success()
            else:
                response.failure(f"{status} instead of {expect}: {(response.text or '')[:150]}")
        if status != expect:
            raise Unexpected(status)
        return response

    def post_form(self, page, path, name, data, expect=302):
        """Post the form of ``page`` (the response that showed it), with its CSRF token."""
        token = CSRF_TOKEN.search(page.text)
        data = {**data, "csrfmiddlewaretoken": token.group(1) if token else ""}
        return self.fetch("POST", path, name, expect, data)


class KioskTablet(BenchUser):
    """A clinic tablet taking patients through whole intakes, one after another: the
    code page, the front desk's code, identity and steps 1-9 (each shown, then saved
    with "Next"), the review and the submit, pausing ``wait_time`` between taps.

    Each piece of work is a patient: ``{"code", "first_name", "dob"}``.
    """

    abstract = True

    @task
    def intake(self):
        patient = shared.take()
        try:
            self.walk(patient)
        except Unexpected:
            shared.abandoned += 1
            # The next patient starts on a fresh browser, not on this intake's step.
            self.client.cookiejar.clear()
        finally:
            shared.done()

    def think(self):
        self.wait()

    def show(self, path, name):
        page = self.fetch("GET", path, name, 200)
        self.think()
        return page

    def save(self, page, path, name, data, expect=302):
        response = self.post_form(page, path, name, data, expect)
        self.think()
        return response

    def walk(self, patient):
        page = self.show("/kiosk/", "code page")
        self.save(page, "/kiosk/", "claim code", {"code": patient["code"]})
        for step in STEPS:
            url = f"/kiosk/step/{step}/"
            page = self.show(url, "step page")
            answers = {**STEP_ANSWERS[step], "action": "next"}
            if step == 1:
                answers.update(first_name=patient["first_name"], date_of_birth=patient["dob"])
            self.save(page, url, "step save", answers)
        review = self.show(f"/kiosk/step/{REVIEW}/", "review page")
        token = SUBMIT_TOKEN.search(review.text).group(1)
        self.post_form(review, "/kiosk/submit/", "submit", {"token": token}, expect=200)
        shared.confirmed.append(token)


class HumanTablet(KioskTablet):
    """A patient's pace: 1-3 s between taps (a real patient takes longer)."""

    wait_time = between(1, 3)


class BusyTablet(KioskTablet):
    """No pause between taps: whole intakes back to back."""

    wait_time = constant(0)


class OutageTablet(KioskTablet):
    """``make loadtest``: a tablet that carries on through a database outage.

    A 502/503/504 or a dropped connection is tried again after a pause (the app
    promises that nothing saved is lost); any other unexpected answer abandons that
    intake. It pauses with ``gevent.sleep``, not Locust's ``wait()``, so at the end of
    ``--run-time`` an intake under way is finished (within ``--stop-timeout``).
    """

    wait_time = between(0, 0.3)
    retry_pause = between(0.3, 0.9)
    network_timeout = connection_timeout = 15.0
    max_tries = 100

    def think(self):
        gevent.sleep(self.wait_time())

    def fetch(self, *args, **kwargs):
        for _try in range(self.max_tries):
            try:
                return super().fetch(*args, **kwargs)
            except Unexpected as unexpected:
                if unexpected.status and unexpected.status not in RETRYABLE:
                    raise
            shared.retries += 1
            gevent.sleep(self.retry_pause())
        raise Unexpected(None)


class PageReader(BenchUser):
    """A signed-in practitioner reading pages as fast as they come: each piece of work
    is ``[request kind, URL, {cookie: value}]``."""

    wait_time = constant(0)

    @task
    def read(self):
        name, url, cookies = shared.take()
        cookie = "; ".join(f"{key}={value}" for key, value in cookies.items())
        try:
            self.fetch("GET", url, name, 200, headers={"Cookie": cookie})
        except Unexpected:
            pass  # counted as a failure of its kind
        finally:
            shared.done()


class BareClient(BenchUser):
    """The ceiling's client: POST the bench's one-INSERT view, once per piece of work."""

    wait_time = constant(0)

    @task
    def bare(self):
        shared.take()
        try:
            self.fetch("POST", "/bench/bare/", "bare INSERT", 200)
        except Unexpected:
            pass  # counted as a failure of its kind
        finally:
            shared.done()
