"""The change history of intake's and clinic's models (django-simple-history), made
cheap to reach and, for the busiest write, cheap to add to.

simple-history's ``instance.history`` descriptor builds a new manager class with
``HistoryManager.from_queryset()`` on every access, and Django builds such a class by
inspecting every method of the queryset class: about 90 us an access, 2 us with this
manager, which builds its class once. Saving a tracked model reaches
``instance.history`` once, so every step save, autosave and submit paid for it (1-2 %
of a submit's CPU). education keeps the stock manager: it imports nothing from intake,
and its models are saved only by content admins.

``history_row_copy`` writes a history row from the row as stored, in one
``INSERT ... SELECT``, for a writer that updates its row without ``save()`` (submit);
on PostgreSQL, ``history_copy_sql`` copies it from the ``UPDATE ... RETURNING`` of the
same statement instead.
"""

import functools
from contextlib import nullcontext

from django.conf import settings
from django.db import connection
from django.utils import timezone
from simple_history.manager import HistoryManager as BaseHistoryManager
from simple_history.models import HistoricalRecords

# The columns a history table adds to the tracked model's own.
HISTORY_OWN_FIELDS = (
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
)

_REGISTERED = []


class HistoryManager(BaseHistoryManager):
    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


def history_records(**options):
    """``HistoricalRecords(**options)`` with the manager above."""
    records = HistoricalRecords(history_manager=HistoryManager, **options)
    _REGISTERED.append(records)
    return records


def records_for(model):
    """The ``HistoricalRecords`` (made by ``history_records``) that tracks ``model``."""
    for records in _REGISTERED:
        if records.cls is model:
            return records
    raise LookupError(f"{model.__name__} has no history made by intake.history.history_records")


@functools.cache
def _copy_sql(model, vendor, source=None):
    """``INSERT INTO <history> (<tracked>, <history's own>) SELECT <tracked>, %s, %s,
    %s, %s FROM <source>``, names from both models' fields. ``source`` is the model's
    table (then ``WHERE <pk> = %s`` follows) or, on PostgreSQL, the name of a ``WITH``
    query that returns the row as written (``UPDATE ... RETURNING *``)."""
    quote = connection.ops.quote_name
    history = model.history.model._meta
    tracked = [f for f in history.concrete_fields if f.name not in HISTORY_OWN_FIELDS]
    own = [history.get_field(name) for name in HISTORY_OWN_FIELDS if name != "history_id"]
    target = ", ".join(quote(f.column) for f in tracked + own)
    columns = ", ".join(quote(model._meta.get_field(f.name).column) for f in tracked)
    placeholders = ", ".join(["%s"] * len(own))
    where = ""
    if source is None:
        source, where = model._meta.db_table, f" WHERE {quote(model._meta.pk.column)} = %s"
    return (
        f"INSERT INTO {quote(history.db_table)} ({target}) "  # noqa: S608   # nosec B608
        f"SELECT {columns}, {placeholders} FROM {quote(source)}{where}"
    )


def history_row_values(instance, *, history_type="~"):
    """The values of a history row's own columns (date, change reason, type, user) for
    ``instance``, as simple-history's ``post_save`` would give them; ``None`` while
    history is switched off (``SIMPLE_HISTORY_ENABLED``)."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return None
    model = type(instance)
    records = records_for(model)
    history = model.history.model._meta
    date = getattr(instance, "_history_date", None) or timezone.now()
    user = records.get_history_user(instance)
    return [
        history.get_field("history_date").get_db_prep_save(date, connection),
        records.get_change_reason_for_object(instance, history_type, None),
        history_type,
        getattr(user, "pk", None),
    ]


def history_copy_sql(model, source):
    """``_copy_sql`` from the ``WITH`` query named ``source`` (PostgreSQL): its
    parameters are ``history_row_values``."""
    return _copy_sql(model, connection.vendor, source)


def history_row_copy(instance, *, history_type="~", cursor=None):
    """Add ``instance``'s history row, copied from its row as stored (one statement).

    The row is what simple-history's ``post_save`` would write for the same save: the
    tracked columns, and the date, user and change reason simple-history would give
    it (``instance._history_date``, the request's signed-in user, the change reason).
    Unlike ``save()``, it sends no ``pre``/``post_create_historical_record`` signals
    (NerveDesk listens to none). Call it after writing the row, in the same
    transaction (on ``cursor``, if given).
    """
    values = history_row_values(instance, history_type=history_type)
    if values is None:
        return
    with nullcontext(cursor) if cursor is not None else connection.cursor() as writer:
        writer.execute(_copy_sql(type(instance), connection.vendor), [*values, instance.pk])
