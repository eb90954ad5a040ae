"""The practitioner's side of the bench: a signed-in session, the pages it reads, and
the database statistics both sizes are measured with."""

import time


def analyze():
    """Statistics for the planner, then a checkpoint: the pages the load dirtied are
    written now, not by the checkpointer while the next phase is being measured."""
    from django.db import DatabaseError, connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        try:
            cursor.execute("CHECKPOINT")
        except DatabaseError:  # a role without pg_checkpoint: measured as it comes
            print("CHECKPOINT refused (needs superuser or pg_checkpoint); continuing", flush=True)


def staff_cookies():
    """A signed-in practitioner's session cookie, second factor verified."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username="practitioner")
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    now = int(time.time())
    store = SessionStore()
    store.update(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
            DEVICE_ID_SESSION_KEY: device.persistent_id,
            "staff_started_at": now,
            "staff_last_seen_at": now,
        }
    )
    store.create()
    return {settings.SESSION_COOKIE_NAME: store.session_key}


def summary_urls(count=40):
    """Summaries of the submitted intakes of ``count`` patients with several visits."""
    from django.db.models import Count

    from intake.models import Intake, Patient

    patients = (
        Patient.objects.annotate(visits=Count("intakes"))
        .filter(visits__gte=4, intakes__status=Intake.Status.SUBMITTED)
        .order_by("?")
        .values_list("pk", flat=True)[:count]
    )
    submitted = Intake.objects.filter(patient__in=list(patients), status=Intake.Status.SUBMITTED)
    return [f"/staff/intakes/{pk}/" for pk in submitted.values_list("pk", flat=True)]


def summary_patients(urls):
    """``{summary URL: its patient's chart number}``: the 1k database's summaries are
    read in both databases, and this checks both hold the same intake there."""
    from intake.models import Intake

    pks = {url: int(url.rstrip("/").rsplit("/", 1)[1]) for url in urls}
    charts = dict(
        Intake.objects.filter(pk__in=pks.values()).values_list("pk", "patient__chart_number")
    )
    return {url: charts.get(pk) for url, pk in pks.items()}
