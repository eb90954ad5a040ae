import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from model_bakery import baker

from clinic import roles


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    """django-sms's test outbox, emptied before each test as Django's mail outbox is."""
    import sms

    sms.outbox = []


@pytest.fixture
def make_staff(db):
    """Build a staff user in the given role (or none)."""

    def _make(role=None, **kwargs):
        user = baker.make("clinic.User", **kwargs)
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return _make


@pytest.fixture
def front_desk_user(make_staff):
    return make_staff(roles.FRONT_DESK, username="fd")


@pytest.fixture
def practitioner_user(make_staff):
    return make_staff(roles.PRACTITIONER, username="pr")


@pytest.fixture
def content_admin_user(make_staff):
    return make_staff(roles.CONTENT_ADMIN, username="ca", is_staff=True)


@pytest.fixture
def library(db):
    """The seeded catalogue and starter rules."""
    from clinic.seed import load_rules
    from education.seed import load_catalogue
    from intake.seed import load_demo_wording

    load_catalogue()
    load_demo_wording()
    load_rules()


@pytest.fixture
def make_intake(library):
    """Build an intake through the intake services: every step answered, then submitted."""
    from intake import services
    from intake.models import Patient
    from intake.tests.conftest import FULL_ANSWERS, born_years_ago

    def _make(
        *,
        first_name="Ann",
        last_name="Lee",
        chart="C-100",
        age=35,
        changes=None,
        onset_weeks=10,
        submit=True,
        steps=None,
    ):
        today = timezone.localdate()
        patient = Patient.objects.filter(chart_number=chart).first() or services.patient_create(
            first_name=first_name,
            last_name=last_name,
            date_of_birth=born_years_ago(today, age),
            chart_number=chart,
        )
        intake = services.intake_start(patient=patient)
        answers = {step: dict(data) for step, data in FULL_ANSWERS.items()}
        answers[3]["onset_date"] = (today - datetime.timedelta(weeks=onset_weeks)).isoformat()
        for step, data in (changes or {}).items():
            answers[step] = {**answers[step], **data}
        for step in steps or sorted(answers):
            intake = services.intake_step_save(intake=intake, step=step, data=answers[step])
        if submit:
            intake = services.intake_submit(intake=intake, token=intake.submit_token)
        return intake

    return _make


# A yes to one emergency sign (saddle numbness) on step 6.
EMERGENCY = {6: {"saddle_numbness": "true"}}


@pytest.fixture
def celery_worker_thread(transactional_db):
    """A real Celery worker, in a thread of this process, taking tasks from Redis.

    The test settings run tasks eagerly; this switches that off for one test. The
    worker shares the test database (and Django's mail outbox) with the test.
    """
    import os

    from celery.contrib.testing.worker import start_worker
    from kombu.exceptions import OperationalError

    from config.celery import app

    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1)
    except OperationalError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"Redis is not running at {app.conf.broker_url} (make test starts it)")
    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, loglevel="WARNING") as worker:
            yield worker
    finally:
        app.conf.task_always_eager = True


def wait_for(predicate, timeout=20):
    """Poll until ``predicate()`` is true (work done by another thread)."""
    import time

    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting for the worker"
        time.sleep(0.2)
