"""``make bench`` and ``make loadtest``: NerveDesk under load on gunicorn and PostgreSQL.

Nothing here is imported by the app. ``tools.bench.settings`` (used only by the bench's
server) adds a bare one-INSERT view through its own URLconf, ``tools.bench.urls``.
Run with ``python -m tools.bench`` and ``python -m tools.bench.faults`` (see
docs/performance.md).
"""
