"""The load test's tablets: whole intakes that retry through a database outage.

``python -m clinic.bench.faults_drive PLAN.json`` runs in its own process (no Django),
drives the server on 127.0.0.1 only, and prints JSON: the submit tokens that got a
thank-you page, and every response by status. A 503 or a dropped connection is
retried after a pause (the app promises that nothing saved is lost); anything else
unexpected ends that tablet's intake. Bounded by the plan's seconds and a request cap.
"""

import asyncio
import json
import random
import sys
import time
from collections import Counter

import httpx

from clinic.bench.drive import STEP_ANSWERS, TOKEN, Tablet

RETRYABLE = {502, 503, 504}


class Run:
    def __init__(self, plan):
        self.plan = plan
        self.deadline = time.monotonic() + plan["seconds"]
        self.budget = plan["max_requests"]
        self.statuses = Counter()
        self.confirmed = []
        self.retries = 0
        self.abandoned = 0

    async def send(self, tablet, client, method, path, data, expect):
        """One request, retried while the answer is 'try again'; the response or None."""
        while self.budget > 0:
            self.budget -= 1
            try:
                response = await tablet.request(client, method, path, data)
            except httpx.HTTPError as error:
                self.statuses[type(error).__name__] += 1
            else:
                self.statuses[str(response.status_code)] += 1
                if response.status_code in expect:
                    return response
                if response.status_code not in RETRYABLE:
                    return None
            if time.monotonic() > self.deadline + self.plan["grace"]:
                return None
            self.retries += 1
            # bandit: load pacing and sample data, not security
            await asyncio.sleep(random.uniform(0.3, 0.9))  # noqa: S311 (jitter, not security)   # nosec B311
        return None

    async def walk(self, client, spec):
        tablet = Tablet(self.plan)
        think = self.plan["think"]
        if not await self.send(tablet, client, "GET", "/kiosk/", None, {200}):
            return False
        if not await self.send(tablet, client, "POST", "/kiosk/", {"code": spec["code"]}, {302}):
            return False
        for step in range(1, 10):
            data = {**STEP_ANSWERS[step], "action": "next"}
            if step == 1:
                data.update(first_name=spec["first_name"], date_of_birth=spec["dob"])
            url = f"/kiosk/step/{step}/"
            if not await self.send(tablet, client, "GET", url, None, {200}):
                return False
            if not await self.send(tablet, client, "POST", url, data, {302}):
                return False
            # bandit: load pacing and sample data, not security
            await asyncio.sleep(random.uniform(0, 2 * think))  # noqa: S311   # nosec B311
        review = await self.send(tablet, client, "GET", "/kiosk/step/10/", None, {200})
        match = TOKEN.search(review.text) if review is not None else None
        if match is None:
            return False
        token = match.group(1)
        done = await self.send(tablet, client, "POST", "/kiosk/submit/", {"token": token}, {200})
        if done is None:
            return False
        self.confirmed.append(token)
        return True

    async def main(self):
        tablets = list(self.plan["tablets"])
        limits = httpx.Limits(max_connections=self.plan["concurrency"])
        async with httpx.AsyncClient(
            base_url=self.plan["base"], limits=limits, timeout=15.0
        ) as client:

            async def worker():
                while tablets and time.monotonic() < self.deadline:
                    if not await self.walk(client, tablets.pop()):
                        self.abandoned += 1

            await asyncio.gather(*(worker() for _ in range(self.plan["concurrency"])))
        return {
            "confirmed": self.confirmed,
            "statuses": dict(self.statuses),
            "retries": self.retries,
            "abandoned": self.abandoned,
        }


def main():
    with open(sys.argv[1]) as handle:
        plan = json.load(handle)
    if not plan["base"].startswith("http://127.0.0.1:"):
        raise SystemExit("The load test only drives a server on 127.0.0.1.")
    json.dump(asyncio.run(Run(plan).main()), sys.stdout)


if __name__ == "__main__":
    main()
