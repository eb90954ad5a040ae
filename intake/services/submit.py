"""Submit: the write that makes a draft the clinic's record, exactly once.

Both ways in, ``intake_submit`` (by intake: seeding, tests, staff tools) and the
kiosk's ``kiosk_submit`` (by kiosk session, which also ends that session), run the
same steps in one transaction:

1. ``_locked``: the intake row, locked (``FOR UPDATE`` of the intake alone: the lock
   every step save takes), with its patient's date of birth, whether consent was given
   and, for the kiosk, the kiosk session's state, in one query;
2. ``submit_locked``: the token, status and consent checks; the warning signs
   evaluated on the submitted date (their inputs in one query);
3. the writes (``_Writes``): one ``UPDATE`` of the columns submit changes
   (``SUBMIT_FIELDS``) and the history row copied from the row as written
   (``intake.history``); for the kiosk, the kiosk session ended with one conditional
   ``UPDATE`` and the tablet's browser session deleted (``browser_session``). On
   PostgreSQL these are one statement.

The statements are written once per process from the models' table and column names
and run as they are, not built by the ORM on every submit: built by the ORM, a submit
spent about 3 ms of CPU in those queries, three times the rest of its request (the
session, CSRF, the thank-you page), and it is the write every tablet ends with.
"""

import functools
import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.history import history_copy_sql, history_row_copy, history_row_values
from intake.models import Intake, IntakeConsent, KioskSession, Patient
from intake.services.intakes import refresh_warnings
from intake.vocabulary import STEP_COUNT

# What submit changes: written alone, so a submit writes only these columns.
SUBMIT_FIELDS = [
    "status",
    "submitted_at",
    "last_saved_at",
    "current_step",
    "warning_level",
    "warning_signs",
    "warning_flagged_at",
    "updated_at",
]


class KioskSessionInactive(Exception):
    """``kiosk_submit(require_active=True)``: the session has ended, or its intake is
    no longer a draft; nothing was changed."""


def _quote(name):
    return connection.ops.quote_name(name)


def _column(meta, name):
    """A field's column, quoted."""
    return _quote(meta.get_field(name).column)


@functools.cache
def _lock_sql(by_kiosk, vendor):
    """The locked read, by the intake's key or by a kiosk session's: every intake column,
    the patient's date of birth, whether consent was given and, by kiosk session, when
    the session was claimed and ended."""
    intake, patient, consent, kiosk = (
        model._meta for model in (Intake, Patient, IntakeConsent, KioskSession)
    )

    intake_pk = f"i.{_quote(intake.pk.column)}"
    consent_given = (
        f"SELECT 1 FROM {_quote(consent.db_table)} c"  # noqa: S608   # nosec B608
        f" WHERE c.{_column(consent, 'intake')} = {intake_pk}"
    )
    columns = [f"i.{_quote(field.column)}" for field in intake.concrete_fields] + [
        f"p.{_column(patient, 'date_of_birth')}",
        f"EXISTS({consent_given})",
    ]
    tables = f"{_quote(intake.db_table)} i"
    where = f"{intake_pk} = %s"
    if by_kiosk:
        columns += [
            f"k.{_column(kiosk, 'claimed_at')}",
            f"k.{_column(kiosk, 'ended_at')}",
        ]
        tables = (
            f"{_quote(kiosk.db_table)} k JOIN {tables}"
            f" ON {intake_pk} = k.{_column(kiosk, 'intake')}"
        )
        where = f"k.{_quote(kiosk.pk.column)} = %s"
    tables += (
        f" JOIN {_quote(patient.db_table)} p"
        f" ON p.{_quote(patient.pk.column)} = i.{_column(intake, 'patient')}"
    )
    # Only the intake is locked, as every step save locks it (SQLite locks the database).
    lock = " FOR UPDATE OF i" if connection.features.has_select_for_update_of else ""
    return f"SELECT {', '.join(columns)} FROM {tables} WHERE {where}{lock}"  # noqa: S608   # nosec B608


@functools.cache
def _converters(vendor):
    """What the ORM does to the values of a row it reads (``SQLCompiler.apply_converters``),
    for the locked read's intake columns and the date of birth after them: ``[(index,
    functions, column)]``. PostgreSQL needs few (JSON); SQLite more (dates, decimals)."""
    columns = [field.get_col(Intake._meta.db_table) for field in Intake._meta.concrete_fields]
    columns.append(Patient._meta.get_field("date_of_birth").get_col(Patient._meta.db_table))
    found = []
    for index, column in enumerate(columns):
        functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if functions:
            found.append((index, functions, column))
    return found


def _locked(cursor, *, intake=None, kiosk_session=None):
    """The intake, locked, with ``patient`` (only its date of birth read; the rest
    loads if asked for), ``has_consent`` and, by kiosk session, ``kiosk_is_active``.
    Raises ``Intake.DoesNotExist`` or ``KioskSession.DoesNotExist``."""
    by_kiosk = kiosk_session is not None
    cursor.execute(_lock_sql(by_kiosk, connection.vendor), [kiosk_session if by_kiosk else intake])
    row = cursor.fetchone()
    if row is None:
        raise (KioskSession if by_kiosk else Intake).DoesNotExist()
    values = list(row)
    for index, functions, column in _converters(connection.vendor):
        for function in functions:
            values[index] = function(values[index], column, connection)
    fields = Intake._meta.concrete_fields
    count = len(fields)
    locked = Intake.from_db(connection.alias, [field.attname for field in fields], values[:count])
    born, has_consent, *kiosk = values[count:]
    locked.patient = Patient.from_db(
        connection.alias, ["id", "date_of_birth"], [locked.patient_id, born]
    )
    locked.has_consent = bool(has_consent)
    if by_kiosk:
        claimed_at, ended_at = kiosk
        locked.kiosk_is_active = claimed_at is not None and ended_at is None
    return locked


@functools.cache
def _update_sql(vendor):
    meta = Intake._meta
    columns = ", ".join(f"{_column(meta, name)} = %s" for name in SUBMIT_FIELDS)
    return f"UPDATE {_quote(meta.db_table)} SET {columns} WHERE {_quote(meta.pk.column)} = %s"  # noqa: S608   # nosec B608


@functools.cache
def _submit_fields():
    return [Intake._meta.get_field(name) for name in SUBMIT_FIELDS]


def _same_token(stored, given):
    try:
        given = uuid.UUID(str(given))
    except (TypeError, ValueError, AttributeError):
        return False
    return secrets.compare_digest(stored.hex, given.hex)


def submit_locked(locked, *, token, has_consent, cursor, writes=None, now=None) -> Intake:
    """Submit ``locked`` (an intake read with ``select_for_update`` in this transaction).

    The one place that submits. A wrong token is refused; an intake already submitted
    is returned unchanged (a double tap or a retry); without consent, refused. The
    intake's history keeps the submitted row. ``writes`` (a ``_Writes``) carries the
    caller's own writes, run with the submit's; they run whether or not it submits.
    """
    writes = writes if writes is not None else _Writes()
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("submit_locked needs the transaction that locked the intake.")
    if not _same_token(locked.submit_token, token):
        raise ValidationError(
            {"token": _("This form has expired. Please open the last step again.")},
            code="invalid_token",
        )
    if locked.status != Intake.Status.DRAFT:
        writes.run(cursor)
        return locked
    if not has_consent:
        raise ValidationError(
            {"consent": _("Please give your consent before you send your answers.")},
            code="consent_missing",
        )
    now = now or timezone.now()
    locked.status = Intake.Status.SUBMITTED
    locked.submitted_at = locked.last_saved_at = locked.updated_at = now
    locked.current_step = STEP_COUNT
    refresh_warnings(locked)
    locked._history_date = now
    writes.submitted = locked
    writes.run(cursor)
    return locked


class _Writes:
    """What a submit writes, run together once it is known: the intake's ``UPDATE``
    (``submitted``) and its history row, the kiosk session's end (``kiosk``: its
    parameters) and the browser session's ``DELETE`` (``browser``: ``(sql, params)``).

    On PostgreSQL they are one statement, each a data-modifying ``WITH`` query and the
    history row copied from the ``UPDATE``'s ``RETURNING``: one round trip instead of
    four. A round trip cost a submit about 0.15 ms of CPU, split between the worker
    (Django's and psycopg's work per statement) and PostgreSQL. Elsewhere (SQLite) they
    run one after the other, the history row copied from the row as written.
    """

    def __init__(self):
        self.submitted = self.kiosk = self.browser = None

    def _update_values(self):
        intake = self.submitted
        values = [
            field.get_db_prep_save(getattr(intake, field.attname), connection)
            for field in _submit_fields()
        ]
        return [*values, intake.pk]

    def run(self, cursor):
        if self.submitted is self.kiosk is self.browser is None:
            return
        if connection.vendor != "postgresql":
            if self.submitted is not None:
                cursor.execute(_update_sql(connection.vendor), self._update_values())
                history_row_copy(self.submitted, cursor=cursor)
            if self.kiosk is not None:
                cursor.execute(_end_kiosk_sql(connection.vendor), self.kiosk)
            if self.browser is not None:
                cursor.execute(*self.browser)
            self.submitted = self.kiosk = self.browser = None
            return
        history = None
        params = []
        if self.submitted is not None:
            params += self._update_values()
            history = history_row_values(self.submitted)
            params += history or []
        if self.kiosk is not None:
            params += self.kiosk
        if self.browser is not None:
            params += self.browser[1]
        sql = _together_sql(
            self.submitted is not None,
            history is not None,
            self.kiosk is not None,
            self.browser[0] if self.browser is not None else None,
        )
        cursor.execute(sql, params)
        self.submitted = self.kiosk = self.browser = None


@functools.cache
def _together_sql(submitted, history, kiosk, browser):
    """The writes of ``_Writes`` as one PostgreSQL statement; ``browser`` is the
    browser session's ``DELETE``, or None."""
    parts = []
    if submitted:
        parts.append(f'"submitted" AS ({_update_sql(connection.vendor)} RETURNING *)')
        if history:
            parts.append(f'"history" AS ({history_copy_sql(Intake, "submitted")})')
    if kiosk:
        parts.append(f'"kiosk" AS ({_end_kiosk_sql(connection.vendor)})')
    if browser:
        parts.append(f'"browser" AS ({browser})')
    return f"WITH {', '.join(parts)} SELECT 1"


@transaction.atomic
def intake_submit(*, intake, token) -> Intake:
    """Submit a draft exactly once.

    ``token`` is the intake's one-time ``submit_token`` (the wizard puts it in the
    final form). Submitting again with the same token returns the same submitted
    intake unchanged (a double tap or a retry); any other token is refused. Consent
    must have been given (step 9).
    """
    with connection.cursor() as cursor:
        locked = _locked(cursor, intake=intake.pk)
        return submit_locked(locked, token=token, has_consent=locked.has_consent, cursor=cursor)


@functools.cache
def _end_kiosk_sql(vendor):
    meta = KioskSession._meta
    ended, reason, code, unsaved, updated = (
        _column(meta, name)
        for name in ("ended_at", "end_reason", "code_hash", "unsaved", "updated_at")
    )
    # The right-hand sides read the row as it was: an earlier end and its reason are kept.
    return (
        f"UPDATE {_quote(meta.db_table)} SET {ended} = COALESCE({ended}, %s),"  # noqa: S608   # nosec B608
        f" {reason} = CASE WHEN {ended} IS NULL THEN %s ELSE {reason} END,"
        f" {code} = '', {unsaved} = %s, {updated} = %s WHERE {_quote(meta.pk.column)} = %s"
    )


@transaction.atomic
def kiosk_submit(*, kiosk_session, token, require_active=False, browser_session=None) -> Intake:
    """Submit the tablet's intake once and end its kiosk session, in one transaction.

    ``kiosk_session`` is a session or its primary key. With ``require_active`` (the
    tablet's own submit) an ended session, or an intake that is no longer a draft,
    raises ``KioskSessionInactive`` before anything changes. Raises what
    ``intake_submit`` raises. The session is ended as ``kiosk_session_end`` ends it:
    its code and kept drafts go, and an earlier end and its reason are kept.
    ``browser_session`` (the tablet's ``request.session``), if given, is flushed in the
    same transaction: the tablet is reset together with the submit (one commit, not two;
    with ``clinic.sessions``, its ``DELETE`` is one of the submit's writes).
    """
    pk = getattr(kiosk_session, "pk", kiosk_session)
    with connection.cursor() as cursor:
        locked = _locked(cursor, kiosk_session=pk)
        if require_active and not (locked.kiosk_is_active and locked.is_draft):
            raise KioskSessionInactive()
        now = timezone.now()
        meta = KioskSession._meta
        writes = _Writes()
        writes.kiosk = [
            meta.get_field("ended_at").get_db_prep_save(now, connection),
            KioskSession.EndReason.SUBMITTED.value,
            meta.get_field("unsaved").get_db_prep_save({}, connection),
            meta.get_field("updated_at").get_db_prep_save(now, connection),
            pk,
        ]
        # Our own session store can hand over its DELETE (clinic.sessions); another
        # is flushed on its own.
        hand_over = getattr(browser_session, "delete_statement", None)
        if hand_over is not None:
            writes.browser = hand_over()
        intake = submit_locked(
            locked,
            token=token,
            has_consent=locked.has_consent,
            cursor=cursor,
            writes=writes,
            now=now,
        )
    if hand_over is not None:
        browser_session.forget()
    elif browser_session is not None:
        browser_session.flush()
    return intake
