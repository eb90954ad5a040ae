"""The change history of the app's models (django-simple-history), made cheap to reach.

simple-history's ``instance.history`` descriptor builds a new manager class with
``HistoryManager.from_queryset()`` on every access, and Django builds such a class by
inspecting every method of the queryset class. Saving a tracked model reaches
``instance.history`` once per save, so every step save and every submit paid for
that inspection (about 4% of a submit's CPU). This manager builds its class once.
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
