"""``python -m clinic.bench.faults`` (``make loadtest``): intakes survive a database restart.

1. A database of its own (``nervedesk_loadtest``), migrated and seeded; gunicorn with
   production settings on 127.0.0.1.
2. 50 simulated tablets walk whole intakes (``clinic.bench.faults_drive``, a second
   process) for a bounded time. A few seconds in, PostgreSQL is stopped, kept down for
   a moment, and started again.
3. Then the figures: intakes confirmed to a tablet, found in the database, duplicated,
   lost; responses by status. It fails unless no confirmed intake is lost or
   duplicated, no request got a 500, and the outage really was seen (503s or dropped
   connections, retried to completion).

Loopback only; it needs the local cluster's ``pg_ctlcluster`` (as ``.ci/run`` has).
"""

import os

# bandit: runs our own gunicorn, interpreter and pg_ctlcluster
import subprocess  # nosec B404
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("BENCH_DATABASE", "nervedesk_loadtest")

from clinic.bench.__main__ import (  # noqa: E402 (the database name is read at import)
    _free_port,
    drive,
    issue_codes,
    prepare_environment,
    recreate_database,
    say,
    setup_django,
    start_server,
)

TABLETS = int(os.environ.get("LOADTEST_TABLETS", "50"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "40"))
OUTAGE_AT = float(os.environ.get("LOADTEST_OUTAGE_AT", "12"))
OUTAGE_FOR = float(os.environ.get("LOADTEST_OUTAGE_FOR", "4"))


def cluster():
    versions = sorted(os.listdir("/etc/postgresql"))
    return versions[-1], "main"


def pg_ctl(action):
    version, name = cluster()
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action]
    if action == "stop":
        command += ["-m", "fast"]
    # bandit: fixed arguments, no shell
    subprocess.run(command, check=True, capture_output=True, timeout=120)  # noqa: S603   # nosec B603


def outage(events):
    time.sleep(OUTAGE_AT)
    events["stopped_at"] = time.monotonic()
    say("stopping PostgreSQL")
    pg_ctl("stop")
    time.sleep(OUTAGE_FOR)
    say("starting PostgreSQL again")
    pg_ctl("start")
    events["started_at"] = time.monotonic()


def verify(confirmed, chart_prefix):
    """(found, duplicated, lost) for the submit tokens the tablets were thanked for."""
    from django.db.models import Count

    from intake.models import Intake

    submitted = Intake.objects.filter(
        status=Intake.Status.SUBMITTED, patient__chart_number__startswith=chart_prefix
    )
    found_tokens = {
        str(token)
        for token in submitted.filter(submit_token__in=confirmed).values_list(
            "submit_token", flat=True
        )
    }
    duplicated = submitted.values("patient").annotate(n=Count("pk")).filter(n__gt=1).count()
    lost = [token for token in confirmed if token not in found_tokens]
    return len(found_tokens), duplicated, lost, submitted.count()


def main():
    static_root = Path(tempfile.mkdtemp(prefix="nervedesk-loadtest-static-"))
    log = tempfile.NamedTemporaryFile("w+", prefix="nervedesk-loadtest-gunicorn-", suffix=".log")  # noqa: SIM115
    prepare_environment(static_root)
    recreate_database()
    setup_django()
    from django.conf import settings
    from django.db import connection

    port = _free_port()
    say(f"issuing tablet codes for {TABLETS * 6} patients")
    tablets = issue_codes(TABLETS * 6)
    connection.close()
    plan = {
        "base": f"http://127.0.0.1:{port}",
        "origin": f"https://127.0.0.1:{port}",
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "tablets": tablets,
        "concurrency": TABLETS,
        "seconds": SECONDS,
        "grace": 20,
        "think": 0.15,
        "max_requests": 60_000,
    }
    server = start_server(port, log)
    events = {}
    try:
        say(
            f"{TABLETS} tablets for {SECONDS}s; PostgreSQL goes down at {OUTAGE_AT:.0f}s "
            f"for {OUTAGE_FOR:.0f}s"
        )
        chaos = threading.Thread(target=outage, args=(events,))
        chaos.start()
        result = drive(plan, module="clinic.bench.faults_drive")
        chaos.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    # issue_codes numbers its patients' charts T<stamp>-<n>; the demo patients are DEMO-.
    found, duplicated, lost, submitted = verify(result["confirmed"], "T")
    statuses = dict(sorted(result["statuses"].items()))
    outage_seen = sum(
        n for s, n in statuses.items() if s in {"502", "503", "504"} or not s.isdigit()
    )
    print()
    print(f"intakes confirmed:   {len(result['confirmed'])}")
    print(f"intakes found:       {found}")
    print(f"intakes duplicated:  {duplicated}")
    print(f"intakes lost:        {len(lost)}")
    print(f"submitted in all:    {submitted} (some tablets were cut off by the time limit)")
    print(f"tablets abandoned:   {result['abandoned']}")
    print(f"retries:             {result['retries']}")
    print(f"responses by status: {statuses}")
    print(f"outage:              {events.get('started_at', 0) - events.get('stopped_at', 0):.1f}s")
    failures = []
    if lost:
        failures.append(f"{len(lost)} confirmed intakes are missing")
    if duplicated:
        failures.append(f"{duplicated} patients have more than one submitted intake")
    if statuses.get("500"):
        failures.append(f"{statuses['500']} requests answered 500")
    if not result["confirmed"]:
        failures.append("no intake was confirmed")
    if not outage_seen:
        failures.append("the outage was not seen by any tablet")
    if failures:
        log.seek(0)
        print(log.read()[-4000:])
        raise SystemExit("load test FAILED: " + "; ".join(failures))
    print("load test passed: 0 lost, 0 duplicated, no 500")


if __name__ == "__main__":
    main()
