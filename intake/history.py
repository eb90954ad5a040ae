"""The change history of intake's and clinic's models (django-simple-history), made
cheap to reach.

simple-history's ``instance.history`` descriptor builds a new manager class with
``HistoryManager.from_queryset()`` on every access, and Django builds such a class by
inspecting every method of the queryset class: about 90 us an access, 2 us with this
manager, which builds its class once. Saving a tracked model reaches
``instance.history`` once, so every step save, autosave and submit paid for it (1-2 %
of a submit's CPU). education keeps the stock manager: it imports nothing from intake,
and its models are saved only by content admins.
"""

from functools import cache

from simple_history.manager import HistoryManager as BaseHistoryManager
from simple_history.models import HistoricalRecords


class HistoryManager(BaseHistoryManager):
    @classmethod
    @cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


def history_records(**options):
    """``HistoricalRecords(**options)`` with the manager above."""
    return HistoricalRecords(history_manager=HistoryManager, **options)
