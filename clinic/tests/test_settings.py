"""Production settings refuse to start unsafe; the deploy checklist is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
STRONG_SECRET = "x7$Kp2!vQ9#mL4@wZ8&nB3^cR6*tY1(hJ5)gF0-dS" + "aPq+ErT~uIo"


def run_manage(*args, env_overrides):
    # Start from the test run's environment without the settings under test (and
    # without the browser tests' async escape hatch, which check --deploy rejects).
    dropped = {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", env_overrides={"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("weak", ["short", "django-insecure-" + "a1b2c3d4e5" * 6])
def test_production_refuses_a_weak_secret_key(weak):
    result = run_manage("check", env_overrides={"DEBUG": "0", "SECRET_KEY": weak})
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_development_runs_without_any_settings():
    result = run_manage("check", env_overrides={})
    assert result.returncode == 0, result.stderr


def test_deploy_checklist_is_clean_in_production():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DEBUG": "0",
            "SECRET_KEY": STRONG_SECRET,
            "ALLOWED_HOSTS": "clinic.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRINT_OPTIONS = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"


@pytest.mark.parametrize(
    ("switch", "expected"),
    [
        ({}, "{'server_side_binding': True, 'prepare_threshold': 5}"),
        ({"DB_PREPARED_STATEMENTS": "0"}, "{}"),
    ],
)
def test_postgresql_prepares_statements_unless_a_pooler_cannot(switch, expected):
    result = run_manage(
        "shell",
        "-c",
        PRINT_OPTIONS,
        env_overrides={"DATABASE_URL": "postgres://nervedesk@db.invalid/nervedesk", **switch},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


def test_sqlite_has_no_postgresql_options(tmp_path):
    sqlite = f"sqlite:///{tmp_path / 'check.sqlite3'}"
    result = run_manage("shell", "-c", PRINT_OPTIONS, env_overrides={"DATABASE_URL": sqlite})
    assert result.returncode == 0, result.stderr
    assert "server_side_binding" not in result.stdout


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.django_db
def test_postgresql_prepares_a_statement_run_again_and_again():
    sql = "SELECT count(*) FROM django_session WHERE expire_date > %s"
    with connection.cursor() as cursor:
        for _ in range(6):
            cursor.execute(sql, ["2026-01-01"])
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("django_session" in statement for statement in prepared), prepared
