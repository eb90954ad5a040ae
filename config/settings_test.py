"""The test suite's settings: config.settings with its slow or noisy parts swapped out.

pytest loads this module (pyproject.toml); nothing else should. Every value the tests
are about (security headers, sessions, two-factor, lockouts, the database from
DATABASE_URL) comes unchanged from config.settings. Tests that check how production
starts run manage.py in a subprocess, which loads config.settings itself.
"""

import os

from config.settings import *  # noqa: F403

# Tests create many users; the production hasher is deliberately slow.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# WhiteNoise indexes the static files once per middleware instance (each test client
# has its own) rather than looking them up again on every request.
WHITENOISE_AUTOREFRESH = False

# One process, no shared cache server needed, nothing kept between test runs.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# No console handler: pytest captures warnings and errors itself and shows them with a
# failing test; info lines from every request would only be formatted and dropped.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "WARNING"},
}

# The SQLite test database lives in memory with a shared cache, where a reader meets a
# writer's table lock at once ("database table is locked") instead of waiting for it as
# a file database does. Browser journeys have such overlaps (the save a page sends as it
# unloads, and the reloaded page): reads do not take table locks here.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (  # noqa: F405
        "PRAGMA read_uncommitted = 1;"
    )

# Background tasks run in the test's own process as they are queued (after the commit);
# the tests that run a real worker against Redis say so. Retries do not wait.
CELERY_TASK_ALWAYS_EAGER = True
MESSAGE_RETRY_SECONDS = 0
# Text messages land in sms.outbox, as email lands in django.core.mail.outbox.
SMS_BACKEND = "sms.backends.locmem.SmsBackend"
# The tests that run a real worker use a Redis database and a queue of their own, so a
# development worker, or the other database's test pass running alongside, never takes
# their tasks.
CELERY_BROKER_URL = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
CELERY_TASK_DEFAULT_QUEUE = f"nervedesk-test-{os.getpid()}"
