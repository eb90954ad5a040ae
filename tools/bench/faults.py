"""``python -m tools.bench.faults`` (``make loadtest``): intakes survive a database restart.

1. A database of its own (``LOADTEST_DATABASE``, default ``nervedesk_loadtest``),
   migrated and seeded; gunicorn with the production settings on 127.0.0.1.
2. 50 simulated tablets (Locust's ``OutageTablet``) walk whole intakes for a bounded
   time, retrying "try again" answers. A few seconds in, PostgreSQL is stopped, kept
   down for a moment, and started again (``pg_ctlcluster``, so root on a machine with
   the local cluster, as in CI).
3. Then the figures: intakes confirmed to a tablet, found in the database,
   duplicated, lost; responses by status. It fails unless no confirmed intake is
   lost or duplicated, no request got a 500, and the outage really was seen (503s or
   dropped connections, retried to completion).
"""

import os
import tempfile
import threading
import time
from pathlib import Path

from tools.bench.stack import (
    free_port,
    issue_codes,
    prepare_environment,
    recreate_database,
    run,
    run_locust,
    say,
    setup_django,
    start_server,
    stop,
)

DATABASE = os.environ.get("LOADTEST_DATABASE", "nervedesk_loadtest")
TABLETS = int(os.environ.get("LOADTEST_TABLETS", "50"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "40"))
# An intake under way when the time is up may finish (retries included) in this long.
GRACE = 25
OUTAGE_AT = float(os.environ.get("LOADTEST_OUTAGE_AT", "12"))
OUTAGE_FOR = float(os.environ.get("LOADTEST_OUTAGE_FOR", "4"))


def pg_ctl(action):
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action]
    if action == "stop":
        command += ["-m", "fast"]
    run(command, capture_output=True, timeout=120)


def outage(events):
    time.sleep(OUTAGE_AT)
    say("stopping PostgreSQL")
    events["stopped_at"] = time.monotonic()
    pg_ctl("stop")
    time.sleep(OUTAGE_FOR)
    say("starting PostgreSQL again")
    pg_ctl("start")
    events["started_at"] = time.monotonic()


def verify(confirmed, chart_prefix):
    """``(found, duplicated, lost, submitted)`` for the submit tokens the tablets were
    thanked for, among the intakes of the patients whose charts start ``chart_prefix``."""
    from django.db.models import Count

    from intake.models import Intake

    submitted = Intake.objects.filter(
        status=Intake.Status.SUBMITTED, patient__chart_number__startswith=chart_prefix
    )
    found = {
        str(token)
        for token in submitted.filter(submit_token__in=confirmed).values_list(
            "submit_token", flat=True
        )
    }
    duplicated = submitted.values("patient").annotate(n=Count("pk")).filter(n__gt=1).count()
    lost = [token for token in confirmed if token not in found]
    return len(found), duplicated, lost, submitted.count()


def main():
    static_root = Path(tempfile.mkdtemp(prefix="nervedesk-loadtest-static-"))
    log = tempfile.NamedTemporaryFile("w+", prefix="nervedesk-loadtest-gunicorn-", suffix=".log")  # noqa: SIM115
    prepare_environment(
        database=DATABASE, static_root=static_root, settings_module="config.settings"
    )
    recreate_database(DATABASE)
    setup_django()
    from django.db import connection

    # More patients than the tablets can see in the time: none runs short.
    patients = issue_codes(TABLETS * 6)
    connection.close()
    port = free_port()
    server = start_server(port, log, DATABASE)
    events = {}
    try:
        say(
            f"{TABLETS} tablets for {SECONDS}s; PostgreSQL goes down at {OUTAGE_AT:.0f}s "
            f"for {OUTAGE_FOR:.0f}s"
        )
        chaos = threading.Thread(target=outage, args=(events,))
        chaos.start()
        results = run_locust(
            "OutageTablet",
            patients,
            port=port,
            users=TABLETS,
            seconds=SECONDS,
            stop_timeout=GRACE,
        )
        chaos.join()
    finally:
        stop(server)
    # issue_codes numbers its patients' charts T<stamp>-<n>; the demo patients are DEMO-.
    found, duplicated, lost, submitted = verify(results["confirmed"], "T")
    statuses = dict(sorted(results["statuses"].items()))
    outage_seen = sum(
        n
        for status, n in statuses.items()
        if status in {"502", "503", "504"} or not status.isdigit()
    )
    print()
    print(f"intakes confirmed:   {len(results['confirmed'])}")
    print(f"intakes found:       {found}")
    print(f"intakes duplicated:  {duplicated}")
    print(f"intakes lost:        {len(lost)}")
    print(f"submitted in all:    {submitted} (a submit cut off by the time limit is not confirmed)")
    print(f"intakes abandoned:   {results['abandoned']}")
    print(f"retries:             {results['retries']}")
    print(f"responses by status: {statuses}")
    print(f"outage:              {events.get('started_at', 0) - events.get('stopped_at', 0):.1f}s")
    failures = []
    if lost:
        failures.append(f"{len(lost)} confirmed intakes are missing")
    if duplicated:
        failures.append(f"{duplicated} patients have more than one submitted intake")
    if statuses.get("500"):
        failures.append(f"{statuses['500']} requests answered 500")
    if not results["confirmed"]:
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
