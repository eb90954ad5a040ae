"""Pages of a list whose total is only counted up to a cap.

A history list (every reviewed intake ever taken) only grows: counting all of it on
every page view would take longer the longer the clinic uses NerveDesk. Up to its cap
it pages as Django's paginator does ("Page 3 of 7"); past it, it shows "Page 41" and
goes on while rows remain, reading one row more than a page to know whether there is a
next one.
"""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.functional import cached_property

from common.limits import LARGEST_INTEGER

# Rows counted before the count says "more than" (a view may pass another cap).
COUNTED = 1000


class OpenEndedPage(Page):
    def has_next(self):
        if self.paginator.capped:
            return self.more
        return super().has_next()


class CappedPaginator(Paginator):
    """``count``: the rows counted, at most ``cap + 1``; ``capped``: there were more
    than ``cap``, so the total and the number of pages are not known.

    ``count`` may be given (a view that counted already, as the queue does with its
    counts by warning level); otherwise one ``COUNT`` of at most ``cap + 1`` rows.
    ``cap=None`` counts everything, as Django's paginator does.
    """

    def __init__(self, object_list, per_page, *, cap=COUNTED, count=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        if count is not None:
            self.count = count

    @cached_property
    def count(self):
        if self.cap is None:
            return super().count
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self):
        return self.cap is not None and self.count > self.cap

    def validate_number(self, number):
        if not self.capped:
            return super().validate_number(number)
        # As Django's, less the check against the last page, which is not known.
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number * self.per_page >= LARGEST_INTEGER:  # past any OFFSET
            raise EmptyPage(self.error_messages["no_results"])
        return number

    def page(self, number):
        if not self.capped:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        page = self._get_page(rows[: self.per_page], number, self)
        page.more = len(rows) > self.per_page
        return page

    def _get_page(self, *args, **kwargs):
        return OpenEndedPage(*args, **kwargs)
