"""Every write to the catalogue: keyword-only, atomic, returning the item."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from education.models import CatalogueItem, Status
from education.readability import flesch_kincaid_grade

PUBLISH_PERMISSION = "education.publish_catalogueitem"
# Patient information is checked again a year after each review.
REVIEW_INTERVAL = datetime.timedelta(days=365)


@transaction.atomic
def catalogue_item_publish(*, item, reviewer, today=None):
    """Publish `item`, recording `reviewer` and the date as its review.

    The reviewer must hold the publish permission. The next review falls due a year
    later. Returns the saved item.
    """
    if reviewer is None or not reviewer.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(_("Only a content admin can publish catalogue items."))
    if not item.summary.strip():
        raise ValidationError(
            _("Write a summary before you publish this item."), code="summary_missing"
        )
    today = today or timezone.localdate()
    item.status = Status.PUBLISHED
    item.reviewed_by = reviewer
    item.reviewed_on = today
    item.next_review_due = today + REVIEW_INTERVAL
    item._change_reason = "Published"
    item.save()
    return item


@transaction.atomic
def catalogue_item_unpublish(*, item, editor):
    """Take `item` back to draft, so the public no longer sees it. Returns the item."""
    if editor is None or not editor.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(_("Only a content admin can unpublish catalogue items."))
    item.status = Status.DRAFT
    item._change_reason = "Returned to draft"
    item.save()
    return item


@transaction.atomic
def catalogue_item_regrade(*, item):
    """Recompute the reading grade once the exercise steps are saved too.

    `save()` grades the item with the steps already in the database, but the admin
    saves the steps after the item. The new grade is written to the item and to the
    history row of that same edit, so no extra history row appears.
    """
    item = CatalogueItem.objects.get(pk=item.pk)
    grade = flesch_kincaid_grade(item.patient_text())
    current = None if item.reading_grade is None else float(item.reading_grade)
    if current != grade:
        CatalogueItem.objects.filter(pk=item.pk).update(reading_grade=grade)
        latest = item.history.order_by("-history_date", "-history_id").first()
        if latest is not None:
            type(latest).objects.filter(pk=latest.pk).update(reading_grade=grade)
        item.refresh_from_db(fields=["reading_grade"])
    return item
