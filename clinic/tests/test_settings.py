"""Production settings refuse to start unsafe; the deploy checklist is clean."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_SECRET = "x7$Kp2!vQ9#mL4@wZ8&nB3^cR6*tY1(hJ5)gF0-dS" + "aPq+ErT~uIo"


def run_manage(*args, env_overrides):
    # Start from the test run's environment without the settings under test (and
    # without the browser tests' async escape hatch, which check --deploy rejects):
    # manage.py then loads config.settings itself, not the test profile.
    dropped = {
        "SECRET_KEY",
        "DEBUG",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DJANGO_SETTINGS_MODULE",
    }
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
