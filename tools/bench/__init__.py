"""`make bench`: NerveDesk under load on gunicorn and PostgreSQL, against a bare Django ceiling.

Nothing here is imported by the app. ``clinic.bench.settings`` (only used by the
bench) adds a bare one-INSERT view through its own URLconf, ``clinic.bench.urls``.
Run with ``python -m clinic.bench`` (see docs/performance.md).
"""
