"""``python -m clinic.bench``: the whole benchmark, as ``make bench`` runs it.

1. A database of its own (``BENCH_DATABASE``, default ``nervedesk_bench``) on the local
   PostgreSQL, dropped and created afresh, migrated, demo catalogue and users seeded,
   static files collected into a temporary directory (DEBUG=0, a generated secret).
2. gunicorn with the bench settings (the app plus the bare view) on 127.0.0.1.
3. A second database (``<BENCH_DATABASE>_1k``, prepared by ``clinic.bench.small``)
   with the same first 1,000 intakes, served by a second gunicorn; the first database is
   loaded up to 100,000. The practitioner queue and summary are measured at both sizes
   in interleaved rounds, so the machine's drift weighs on both alike.
4. The kiosk flow with 50 simulated tablets, step saves at full speed, then the
   ceiling (bare one-INSERT view), submits at full speed and the ceiling again (the
   ratio uses the ceiling's mean), and the kiosk page's first-load bytes.

Each phase runs in a second process (``clinic.bench.drive``). The result table and
the summary lines go to stdout; the last line is ``intake_vs_bare_ratio=...``.
"""

import json
import os
import resource
import secrets
import shutil
import socket

# bandit: runs our own gunicorn, interpreter and pg_ctlcluster
import subprocess  # nosec B404
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from clinic.bench.drive import pooled

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SERVER = os.environ.get("BENCH_SERVER", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "nervedesk_bench")
SMALL_DATABASE = f"{DATABASE}_1k"
CORES = os.cpu_count() or 2
# The server shares two cores with PostgreSQL and the load generator. Each sync
# worker serves one request at a time and PostgreSQL does a fair part of each
# request, so a few more workers than cores keep both cores busy without thrashing.
WORKERS = int(os.environ.get("BENCH_WORKERS", str(CORES + 2)))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
# Seconds (on average) a simulated patient takes between taps in the kiosk flow: far
# quicker than a person (who needs 10-60 s a step), so the flow is still a heavy load.
THINK = float(os.environ.get("BENCH_THINK", "1.0"))
TABLETS = 50
SMALL, LARGE = 1_000, int(os.environ.get("BENCH_INTAKES", "100000"))
STAFF_CONCURRENCY, STAFF_REQUESTS = 4, int(os.environ.get("BENCH_STAFF_REQUESTS", "300"))
STAFF_ROUNDS = int(os.environ.get("BENCH_STAFF_ROUNDS", "3"))
PHASE_SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
# Tablets ready on the review page: each saves 8 steps in the step-save phase; each
# submits once in the submit phase, which ends when they have all submitted (with 2,000
# it lasted 5 s on a fast machine, and a few seconds of noise moved its rate), or after
# PHASE_SECONDS.
SAVE_TABLETS, SUBMIT_TABLETS = 1_000, 8_000
START = time.monotonic()


def say(message):
    print(f"[bench {time.monotonic() - START:6.1f}s] {message}", flush=True)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare_environment(static_root):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="clinic.bench.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"{SERVER}/{DATABASE}",
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
        DEMO_PASSWORD=secrets.token_urlsafe(18),
    )


def recreate_database(name=DATABASE):
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(static=True):
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    say(f"migrating {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0, interactive=False)
    if static:
        say("collecting static files (hashed and compressed)")
        call_command("collectstatic", verbosity=0, interactive=False)
    say("seeding the catalogue, rules, wording and demo users")
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from clinic.bench.views import BARE_TABLE

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE {BARE_TABLE} (id bigserial PRIMARY KEY, created_at timestamptz)"
        )


def analyze():
    """Statistics for the planner, then a checkpoint: the pages the load dirtied are
    written now, not by the checkpointer while the next phase is being measured."""
    from django.db import DatabaseError, connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        try:
            cursor.execute("CHECKPOINT")
        except DatabaseError:  # a role without pg_checkpoint: measured as it comes
            say("CHECKPOINT refused (needs superuser or pg_checkpoint); continuing")


def staff_cookies():
    """A signed-in practitioner's session (second factor verified when the app has one)."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username="practitioner")
    store = SessionStore()
    now = int(time.time())
    backends = settings.AUTHENTICATION_BACKENDS
    model_backend = "django.contrib.auth.backends.ModelBackend"
    store.update(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: model_backend if model_backend in backends else backends[-1],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
            "staff_started_at": now,
            "staff_last_seen_at": now,
        }
    )
    if "django_otp.plugins.otp_totp" in settings.INSTALLED_APPS:
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return {settings.SESSION_COOKIE_NAME: store.session_key}


def staff_urls(count=40):
    """The queue, and summaries of submitted intakes of patients with several visits."""
    from django.db.models import Count

    from intake.models import Intake, Patient

    patients = (
        Patient.objects.annotate(visits=Count("intakes"))
        .filter(visits__gte=4, intakes__status=Intake.Status.SUBMITTED)
        .order_by("?")
        .values_list("pk", flat=True)[:count]
    )
    summaries = [
        f"/staff/intakes/{pk}/"
        for pk in Intake.objects.filter(
            patient__in=list(patients), status=Intake.Status.SUBMITTED
        ).values_list("pk", flat=True)
    ]
    return summaries


def summary_patients(urls):
    """``{summary URL: its patient's chart number}``: the 1k database's summaries are
    measured in both databases, and this checks both hold the same intake there."""
    from intake.models import Intake

    pks = {url: int(url.rstrip("/").rsplit("/", 1)[1]) for url in urls}
    charts = dict(
        Intake.objects.filter(pk__in=pks.values()).values_list("pk", "patient__chart_number")
    )
    return {url: charts.get(pk) for url, pk in pks.items()}


def issue_codes(count):
    """Kiosk codes for ``count`` new patients, as the front desk would start them."""
    import datetime

    from django.contrib.auth import get_user_model

    from intake.models import Patient
    from intake.services import kiosk_session_start

    desk = get_user_model().objects.get(username="frontdesk")
    tablets = []
    stamp = secrets.token_hex(3)
    for n in range(count):
        patient = Patient.objects.create(
            first_name="Tab",
            last_name=f"Let{n}",
            date_of_birth=datetime.date(1980, 5, 17),
            chart_number=f"T{stamp}-{n}",
        )
        session = kiosk_session_start(patient=patient, started_by=desk)
        tablets.append({"code": session.code, "first_name": "Tab", "dob": "1980-05-17"})
    return tablets


def drive(plan, module="clinic.bench.drive"):
    """Run one phase in a second process (the driver ``module``); its JSON result."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(plan, handle)
    try:
        # bandit: fixed arguments, no shell
        out = subprocess.run(  # noqa: S603 (our own interpreter and module)   # nosec B603
            [sys.executable, "-m", module, handle.name],
            check=True,
            capture_output=True,
            text=True,
            cwd=BASE_DIR,
            timeout=plan.get("seconds", 60) + plan.get("grace", 0) + 120,
        )
    finally:
        os.unlink(handle.name)
    return json.loads(out.stdout)


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _process_cpu(server_pid):
    """CPU seconds so far of our gunicorn (master and workers) and of PostgreSQL (every
    postgres process), from /proc. Each process counts its own time and the time of
    its children that have ended (``cutime``/``cstime``): a backend that exits during a
    phase (a connection recycled after ``CONN_MAX_AGE``, an autovacuum worker) is
    counted in the postmaster, its parent, instead of vanishing."""
    totals = {"server": 0.0, "database": 0.0}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
        except OSError:  # gone meanwhile
            continue
        name, fields = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :]
        fields = fields.split()
        # utime, stime, cutime, cstime
        seconds = sum(int(value) for value in fields[11:15]) / CLOCK_TICKS
        if server_pid in (int(entry), int(fields[1])):
            totals["server"] += seconds
        elif name.startswith("postgres"):
            totals["database"] += seconds
    return totals


def drive_counting_cpu(plan, key, server):
    """``drive(plan)``, and the CPU milliseconds per ``key`` request spent by the server
    (gunicorn), the database (PostgreSQL) and the load generator."""
    before, children = _process_cpu(server.pid), resource.getrusage(resource.RUSAGE_CHILDREN)
    result = drive(plan)
    after, done = _process_cpu(server.pid), resource.getrusage(resource.RUSAGE_CHILDREN)
    count = max(1, result["phases"].get(key, {}).get("count", 0))
    generator = done.ru_utime + done.ru_stime - children.ru_utime - children.ru_stime
    result["cpu_ms"] = {
        "server": (after["server"] - before["server"]) / count * 1000,
        "database": (after["database"] - before["database"]) / count * 1000,
        "load_generator": generator / count * 1000,
    }
    return result


def prepare_small_database():
    """The 1k database, made in a process of its own (``clinic.bench.small``): its
    practitioner session cookie and summary URLs."""
    recreate_database(SMALL_DATABASE)
    # bandit: fixed arguments, no shell
    out = subprocess.run(  # noqa: S603 (our own interpreter and module)   # nosec B603
        [sys.executable, "-m", "clinic.bench.small"],
        check=True,
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
        env={**os.environ, "DATABASE_URL": f"{SERVER}/{SMALL_DATABASE}"},
        timeout=600,
    )
    return json.loads(out.stdout.splitlines()[-1])


def start_server(port, log, database=DATABASE):
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "clinic.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--backlog",
        "512",
        "--access-logfile",
        "-" if os.environ.get("BENCH_ACCESS_LOG") else os.devnull,
        "--error-logfile",
        "-",
    ]
    if THREADS > 1:
        command += ["--worker-class", "gthread", "--threads", str(THREADS)]
    # bandit: fixed arguments, no shell
    server = subprocess.Popen(  # noqa: S603   # nosec B603
        command,
        cwd=BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "DATABASE_URL": f"{SERVER}/{database}"},
    )
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    else:
        raise SystemExit("gunicorn did not start; see its log.")
    return server


def row(name, result, key):
    phase = result["phases"].get(key) or {"count": 0, "errors": 0}
    elapsed = result["elapsed"] or 1
    return {
        "name": name,
        "count": phase["count"],
        "errors": phase["errors"],
        "rps": phase["count"] / elapsed,
        "p50": phase.get("p50"),
        "p95": phase.get("p95"),
        "p99": phase.get("p99"),
        "samples": phase.get("error_samples", []),
        "cpu_ms": result.get("cpu_ms"),
    }


def _ms(value):
    return "-" if value is None else f"{value:.1f}"


def print_table(rows):
    print()
    print(
        f"{'measure':34} {'requests':>8} {'errors':>6} {'rps':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'p99 ms':>8}"
    )
    print("-" * 86)
    for r in rows:
        print(
            f"{r['name']:34} {r['count']:>8} {r['errors']:>6} {r['rps']:>8.1f} "
            f"{_ms(r['p50']):>8} {_ms(r['p95']):>8} {_ms(r['p99']):>8}"
        )
        for sample in r["samples"]:
            print(f"    error: {sample[:160]}")
    print()


def measure_bare(plan, server, name):
    """The ceiling: 50 clients POST the bare one-INSERT view for ``PHASE_SECONDS``."""
    result = drive_counting_cpu(
        {
            **plan,
            "phase": "bare",
            "concurrency": TABLETS,
            "seconds": PHASE_SECONDS,
            "max_requests": 200_000,
        },
        "bare",
        server,
    )
    return row(name, result, "bare")


def ceiling(before, after):
    """The ceiling row the ratio uses: the mean of the bare runs before and after submit."""
    both = (before, after)
    mean = {}
    for key in ("rps", "p50", "p95", "p99"):
        values = [r[key] for r in both if r[key] is not None]  # None: a run with no answer
        mean[key] = sum(values) / len(values) if values else None
    cpu = {key: sum(r["cpu_ms"][key] for r in both) / 2 for key in before["cpu_ms"]}
    return {
        **mean,
        "name": "bare INSERT view (ceiling, mean)",
        "count": before["count"] + after["count"],
        "errors": before["errors"] + after["errors"],
        "samples": [],
        "cpu_ms": cpu,
    }


STAFF_PAGES = (
    ("practitioner queue", lambda summaries: ["/staff/"]),
    ("queue status=all", lambda summaries: ["/staff/?status=all"]),
    ("patient summary", lambda summaries: summaries),
)


def measure_staff(sizes, rounds=STAFF_ROUNDS):
    """The queue and the summaries at each size: ``sizes`` is ``[(label, plan,
    summary URLs)]``, each plan for a server of its own. Returns each size's rows.

    The sizes take turns, in ``rounds`` rounds whose order alternates (1k then 100k,
    then 100k then 1k, ...): this machine's speed drifts over a minute, and measured
    one after the other the two sizes differed by that drift (the summary's ratio went
    from 1.35 to 1.62 between two runs of the same code). Each size's requests are
    pooled over the rounds.
    """
    for _label, plan, summaries in sizes:
        # The same warm-up at every size (each worker's first pages, the database's caches).
        drive(
            {
                **plan,
                "phase": "get",
                "name": "warm",
                "urls": [url for _page, urls in STAFF_PAGES for url in urls(summaries[:20])],
                "requests": 200,
            }
        )
    runs = {(label, page): [] for label, _plan, _summaries in sizes for page, _ in STAFF_PAGES}
    for number in range(rounds):
        for label, plan, summaries in sizes if number % 2 == 0 else sizes[::-1]:
            for page, urls in STAFF_PAGES:
                runs[label, page].append(
                    drive(
                        {
                            **plan,
                            "phase": "get",
                            "name": "page",
                            "urls": urls(summaries),
                            "requests": max(1, plan["requests"] // rounds),
                            "raw": True,
                        }
                    )
                )
    return [
        [row(f"{page} @{label}", pooled(runs[label, page]), "page") for page, _ in STAFF_PAGES]
        for label, _plan, _summaries in sizes
    ]


def main():
    static_root = Path(tempfile.mkdtemp(prefix="nervedesk-bench-static-"))
    log = tempfile.NamedTemporaryFile("w+", prefix="nervedesk-bench-gunicorn-", suffix=".log")  # noqa: SIM115
    small_log = tempfile.NamedTemporaryFile("w+", prefix="nervedesk-bench-gunicorn-", suffix=".log")  # noqa: SIM115
    prepare_environment(static_root)
    say(
        f"machine: {CORES} cores; gunicorn {WORKERS} workers x {THREADS} threads; "
        f"database {DATABASE}"
    )
    recreate_database()
    setup_django()
    from django.conf import settings

    from clinic.bench import loader

    port, small_port = _free_port(), _free_port()
    plan = {
        "base": f"http://127.0.0.1:{port}",
        "origin": f"https://127.0.0.1:{port}",
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "session_cookie": settings.SESSION_COOKIE_NAME,
    }
    staff = {"concurrency": STAFF_CONCURRENCY, "requests": STAFF_REQUESTS, "seconds": 60}
    server = small_server = None
    try:
        say(f"preparing {SMALL_DATABASE} with {SMALL:,} intakes (a second process)")
        small_db = prepare_small_database()
        say(f"loading {SMALL:,} intakes")
        loaded = loader.load(intakes=SMALL, tag="a")
        say(f"loaded {loaded['intakes']:,} intakes, {loaded['child_rows']:,} answer rows")
        say(f"loading up to {LARGE:,} intakes (COPY)")
        loaded = loader.load(intakes=LARGE - SMALL, tag="b", seed=11)
        analyze()
        say(f"loaded {loaded['intakes']:,} more intakes, {loaded['child_rows']:,} answer rows")
        server = start_server(port, log)
        small_server = start_server(small_port, small_log, SMALL_DATABASE)
        say(f"gunicorn on 127.0.0.1:{port} ({DATABASE}), 127.0.0.1:{small_port} ({SMALL_DATABASE})")
        say(
            f"measuring the queue and the summary at 1k and {LARGE // 1000}k intakes, "
            f"{STAFF_ROUNDS} rounds taking turns"
        )
        # The same summaries at both sizes (the large database holds the same first 1,000
        # intakes, with the same keys): one patient's page, with 1k or 100k intakes around.
        if summary_patients(small_db["summaries"]) != small_db["patients"]:
            raise SystemExit(f"{DATABASE} and {SMALL_DATABASE} differ in the summaries' intakes")
        small_plan = {
            **plan,
            **staff,
            "base": f"http://127.0.0.1:{small_port}",
            "origin": f"https://127.0.0.1:{small_port}",
            "cookies": small_db["cookies"],
        }
        large_plan = {**plan, **staff, "cookies": staff_cookies()}
        small, large = measure_staff(
            [
                ("1k", small_plan, small_db["summaries"]),
                (f"{LARGE // 1000}k", large_plan, small_db["summaries"]),
            ]
        )
        small_server.terminate()
        small_server.wait(timeout=30)

        say(f"kiosk flow: {TABLETS} simulated tablets walking the intake")
        codes = issue_codes(int(os.environ.get("BENCH_FLOWS", "400")))
        flow = drive(
            {
                **plan,
                "phase": "flow",
                "concurrency": TABLETS,
                "seconds": PHASE_SECONDS * 2,
                "tablets": codes,
                "think": THINK,
            }
        )
        flow_rows = [
            row("kiosk flow: claim code", flow, "kiosk_claim"),
            row("kiosk flow: step page GET", flow, "step_get"),
            row("kiosk flow: step save POST", flow, "step_save"),
            row("kiosk flow: review GET", flow, "review_get"),
            row("kiosk flow: submit POST", flow, "submit_in_flow"),
        ]

        say("preparing tablets on the review page for the save and submit phases")
        ready = loader.load(
            intakes=0, tag="c", seed=12, drafts_ready=SAVE_TABLETS + SUBMIT_TABLETS
        )["ready"]
        from django.contrib.auth import get_user_model

        desk = get_user_model().objects.get(username="frontdesk")
        tablets = loader.tablets_at_review(intakes=ready, started_by=desk)
        say("intake step saves at full speed")
        saves = row(
            "intake step save (50 tablets)",
            drive_counting_cpu(
                {
                    **plan,
                    "phase": "saves",
                    "concurrency": TABLETS,
                    "seconds": PHASE_SECONDS,
                    "tablets": tablets[:SAVE_TABLETS],
                },
                "step_save",
                server,
            ),
            "step_save",
        )
        tablets = tablets[SAVE_TABLETS:]
        # The ceiling is measured right before and right after the submit phase, and
        # the ratio uses their mean: this machine's speed drifts over minutes, and a
        # ceiling taken minutes earlier moved the ratio by up to a third.
        say("ceiling: the bare one-INSERT view, before the submits")
        drive({**plan, "phase": "bare", "concurrency": TABLETS, "seconds": 3, "max_requests": 2000})
        bare_before = measure_bare(plan, server, "bare INSERT view, before submit")
        say("intake submit at full speed")
        submit = row(
            "intake submit (50 tablets)",
            drive_counting_cpu(
                {
                    **plan,
                    "phase": "submit",
                    "concurrency": TABLETS,
                    "seconds": PHASE_SECONDS,
                    "tablets": tablets,
                },
                "submit",
                server,
            ),
            "submit",
        )
        say("ceiling: the bare one-INSERT view, after the submits")
        bare_after = measure_bare(plan, server, "bare INSERT view, after submit")
        bare = ceiling(bare_before, bare_after)

        say("first-load bytes of the kiosk step page")
        assets = drive(
            {**plan, "phase": "assets", "path": "/kiosk/step/2/", "tablet": issue_codes(1)[0]}
        )
    finally:
        for process in (server, small_server):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)
        errors = []
        for handle in (log, small_log):
            handle.seek(0)
            errors += [
                line
                for line in handle.read().splitlines()
                if "Traceback" in line or "Error" in line
            ]
        if errors:
            say(f"gunicorn log had {len(errors)} error lines, e.g. {errors[0][:200]}")

    rows = [bare_before, submit, bare_after, bare, saves, *flow_rows, *small, *large]
    print_table(rows)
    for asset in assets["assets"]:
        print(
            f"  {asset['url'][:70]:70} {asset['gzip']:>7} B gzip "
            f"({asset['raw']} raw{', served gzip' if asset['served_gzip'] else ''})"
        )
    queue_ratio_p50 = large[0]["p50"] / small[0]["p50"]
    queue_ratio_p95 = large[0]["p95"] / small[0]["p95"]
    summary_ratio_p50 = large[2]["p50"] / small[2]["p50"]
    summary_ratio_p95 = large[2]["p95"] / small[2]["p95"]
    flow_requests = sum(r["count"] for r in flow_rows)
    flow_errors = sum(r["errors"] for r in flow_rows) + flow["phases"].get(
        "kiosk_code_page", {}
    ).get("errors", 0)
    print()
    print(
        f"machine: cores={CORES} gunicorn_workers={WORKERS} threads={THREADS} "
        f"intakes={LARGE} think_s={THINK}"
    )
    print(
        f"ceiling_bare_insert_rps={bare['rps']:.1f} before_submit={bare_before['rps']:.1f} "
        f"after_submit={bare_after['rps']:.1f}"
    )
    print(
        f"intake_step_save rps={saves['rps']:.1f} p50_ms={_ms(saves['p50'])} "
        f"p95_ms={_ms(saves['p95'])} p99_ms={_ms(saves['p99'])} errors={saves['errors']}"
    )
    print(
        f"intake_submit rps={submit['rps']:.1f} p50_ms={_ms(submit['p50'])} "
        f"p95_ms={_ms(submit['p95'])} p99_ms={_ms(submit['p99'])} errors={submit['errors']}"
    )
    print(
        f"kiosk_flow_{TABLETS}_tablets requests={flow_requests} errors={flow_errors} "
        f"p95_ms_max={max((r['p95'] or 0) for r in flow_rows):.1f} "
        f"step_save_p95_ms={_ms(flow_rows[2]['p95'])} submit_p95_ms={_ms(flow_rows[4]['p95'])}"
    )
    for label, index, p50r, p95r in (
        ("practitioner_queue", 0, queue_ratio_p50, queue_ratio_p95),
        ("patient_summary", 2, summary_ratio_p50, summary_ratio_p95),
    ):
        print(
            f"{label} 1k_p50_ms={_ms(small[index]['p50'])} 1k_p95_ms={_ms(small[index]['p95'])} "
            f"100k_p50_ms={_ms(large[index]['p50'])} 100k_p95_ms={_ms(large[index]['p95'])} "
            f"ratio_100k_1k_p50={p50r:.2f} ratio_100k_1k_p95={p95r:.2f}"
        )
    print(f"kiosk_first_load_gzip_bytes={assets['total_gzip']}")
    for label, measured in (
        ("bare", bare),
        ("bare_before_submit", bare_before),
        ("bare_after_submit", bare_after),
        ("step_save", saves),
        ("submit", submit),
    ):
        cpu = measured["cpu_ms"]
        print(
            f"cpu_ms_per_request {label} server={cpu['server']:.2f} "
            f"database={cpu['database']:.2f} load_generator={cpu['load_generator']:.2f} "
            f"total={sum(cpu.values()):.2f}"
        )
    print(f"intake_vs_bare_ratio={submit['rps'] / bare['rps']:.2f}")


if __name__ == "__main__":
    main()
