"""What ``make bench`` and ``make loadtest`` share: a database, gunicorn and Locust.

Both drive a production-like server (DEBUG=0, a generated secret key, static files
collected with the production storage) on 127.0.0.1 only, on a database of their own
on the local PostgreSQL that is dropped and made afresh at the start. The load comes
from Locust (``tools/bench/locustfile.py``) in a process of its own: it is gevent
code, which must not share a process with Django and psycopg.
"""

import datetime
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parents[2]
SERVER = os.environ.get("BENCH_SERVER", "postgres://postgres@127.0.0.1:5432")
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
CORES = os.cpu_count() or 2
# gunicorn's sync workers serve one request each at a time, and a good part of a
# request is spent waiting for PostgreSQL on the same cores, so a couple more workers
# than cores keep both cores busy without thrashing.
WORKERS = int(os.environ.get("BENCH_WORKERS", str(CORES + 2)))
START = time.monotonic()


def say(message):
    print(f"[bench {time.monotonic() - START:6.1f}s] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command, **kwargs):
    """``subprocess.run`` of a fixed command of ours (no shell), checked."""
    return subprocess.run(command, check=True, cwd=BASE_DIR, **kwargs)  # noqa: S603


def prepare_environment(*, database, static_root, settings_module):
    """The environment of this process and of the servers and helpers it starts."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"{SERVER}/{database}",
        STATIC_ROOT=str(static_root),
        LOG_LEVEL="WARNING",
        DEMO_PASSWORD=secrets.token_urlsafe(18),
        DEMO_DESK_PIN=f"{secrets.randbelow(10**6):06d}",
    )


def recreate_database(name):
    """Drop ``name`` and create it empty. Only the tools' own databases: never the
    PostgreSQL ones, nor a test run's (``test_...``)."""
    if name.startswith("test_") or name in {"postgres", "template0", "template1"}:
        raise SystemExit(f"Refusing to recreate database {name!r}: not one of the bench's.")
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(*, static=True):
    """Django set up on the database named by ``DATABASE_URL``: migrated, the demo
    catalogue and users seeded, and (``static``) the static files collected."""
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
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", verbosity=0, stdout=devnull)


def issue_codes(count):
    """Kiosk codes for ``count`` new patients, as the front desk starts them: each
    ``{"code", "first_name", "dob"}``, what the patient types on the tablet."""
    from django.contrib.auth import get_user_model

    from intake.models import Patient
    from intake.services import kiosk_session_start

    desk = get_user_model().objects.get(username="frontdesk")
    stamp = secrets.token_hex(3)
    patients = []
    for n in range(count):
        patient = Patient.objects.create(
            first_name="Tab",
            last_name=f"Let{n}",
            date_of_birth=datetime.date(1980, 5, 17),
            chart_number=f"T{stamp}-{n}",
        )
        session = kiosk_session_start(patient=patient, started_by=desk)
        patients.append({"code": session.code, "first_name": "Tab", "dob": "1980-05-17"})
    return patients


def start_server(port, log, database):
    """gunicorn (sync workers) on 127.0.0.1:``port`` for ``database``, once it listens."""
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "-c",
        "config/gunicorn.conf.py",  # production's gunicorn settings (masked logs)
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
    env = {
        **os.environ,
        "DATABASE_URL": f"{SERVER}/{database}",
        # Each worker keeps its connection for the whole run: a backend that exits takes
        # its CPU time out of /proc, where the bench reads it (tools.bench.cpu).
        "DB_CONN_MAX_AGE": "3600",
    }
    server = subprocess.Popen(  # noqa: S603
        command, cwd=BASE_DIR, stdout=log, stderr=subprocess.STDOUT, env=env
    )
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    log.seek(0)
    raise SystemExit(f"gunicorn did not start on port {port}:\n{log.read()[-3000:]}")


def stop(process):
    if process is not None and process.poll() is None:
        process.terminate()
        process.wait(timeout=30)


def run_locust(user_class, work, *, port, users, seconds, spawn_rate=None, stop_timeout=0):
    """Run Locust headless: ``users`` of ``user_class`` (one of the locustfile's) against
    127.0.0.1:``port``, sharing ``work`` (the patients to walk through intakes, the
    pages to read, ...). The run ends when the work is done or after ``seconds``.

    Returns the figures the locustfile writes when the run stops (its docstring).
    """
    with tempfile.TemporaryDirectory(prefix="nervedesk-locust-") as tmp:
        plan, results = Path(tmp, "plan.json"), Path(tmp, "results.json")
        plan.write_text(json.dumps({"work": work}))
        command = [
            *(sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), user_class),
            *("--headless", "--only-summary", "--loglevel", "WARNING"),
            *("--host", f"http://127.0.0.1:{port}"),
            *("--users", str(users), "--spawn-rate", str(spawn_rate or users)),
            *("--run-time", f"{seconds}s", "--stop-timeout", str(stop_timeout)),
            # Failed requests are figures of the run; a non-zero exit is Locust failing.
            *("--exit-code-on-error", "0"),
            *("--plan", str(plan), "--results", str(results)),
        ]
        try:
            run(command, capture_output=True, text=True, timeout=seconds + stop_timeout + 60)
        except subprocess.CalledProcessError as error:
            message = f"Locust failed:\n{error.stdout[-2000:]}\n{error.stderr[-4000:]}"
            raise SystemExit(message) from None
        return json.loads(results.read_text())
