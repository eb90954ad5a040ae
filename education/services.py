"""Every write to the catalogue: keyword-only, atomic, returning the item.

The editing workflow (docs/library-editing.md):

- Saving an item records a new Revision. While the item is published, patients keep
  the published text: the revision waits in `item.draft_revision` until a reviewer
  publishes it. A draft item (never published, or unpublished) is updated at once.
- An editor without the approve permission submits the revision for review; a person
  with it (a clinical reviewer) approves and publishes it, and is named on the page.
- Every step is a ContentEvent: who saved, submitted, published, unpublished,
  discarded or reverted what.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from education.models import CatalogueItem, ContentEvent, ExerciseStep, Revision, Status
from education.readability import flesch_kincaid_grade

APPROVE_PERMISSION = "education.approve_catalogueitem"
# Patient information is checked again a year after each review.
REVIEW_INTERVAL = datetime.timedelta(days=365)


def can_approve(user):
    return user is not None and user.has_perm(APPROVE_PERMISSION)


def normalized(value):
    """Text as revisions keep it: no outer blank space, "\n" line ends (browsers send
    "\r\n"), so an untouched field never shows as changed."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return value


def item_content(item):
    """The item's own fields, links and steps, as a revision would hold them."""
    content = {name: normalized(getattr(item, name)) for name in Revision.CONTENT_FIELDS}
    if item.pk is None:
        return {**content, "related": [], "steps": []}
    content["related"] = sorted(item.related.values_list("pk", flat=True))
    content["steps"] = [
        normalized(text) for text in item.steps.order_by("number").values_list("text", flat=True)
    ]
    return content


def editing_content(item):
    """What the edit form starts from: the unpublished changes if any, else the item."""
    if item.draft_revision_id is not None:
        return {**item_content(item), **item.draft_revision.content}
    return item_content(item)


def _new_revision(*, item, content, user, reverted_from=None):
    last = item.revisions.aggregate(last=Max("number"))["last"] or 0
    return Revision.objects.create(
        item=item,
        number=last + 1,
        content=content,
        created_by=user,
        reverted_from=reverted_from,
    )


def _event(*, item, action, user, revision=None):
    ContentEvent.objects.create(item=item, revision=revision, user=user, action=action)


def _apply(*, item, content):
    """Write a revision's content into the item, its links and its steps."""
    for name in Revision.CONTENT_FIELDS:
        setattr(item, name, content.get(name, getattr(item, name)))
    item.full_clean(exclude=["related", "reviewed_on"])
    item.steps.all().delete()
    ExerciseStep.objects.bulk_create(
        ExerciseStep(item=item, number=number, text=text)
        for number, text in enumerate(content.get("steps", []), start=1)
    )
    item.save()  # grades the text, steps included
    item.related.set(CatalogueItem.objects.filter(pk__in=content.get("related", [])))


def _ensure_live_revision(*, item):
    """A published item edited for the first time keeps its published text as a revision."""
    if item.is_published and item.live_revision_id is None:
        item.live_revision = _new_revision(item=item, content=item_content(item), user=None)
        item.save(update_fields=["live_revision"])


def _start_changes(*, item, content, user, reverted_from=None):
    """Record `content` as the item's unpublished changes (a draft item takes them)."""
    _ensure_live_revision(item=item)
    revision = _new_revision(item=item, content=content, user=user, reverted_from=reverted_from)
    if not item.is_published:
        _apply(item=item, content=content)
    item.draft_revision = revision
    item.save(update_fields=["draft_revision"])
    action = ContentEvent.Action.REVERTED if reverted_from else ContentEvent.Action.SAVED
    _event(item=item, action=action, user=user, revision=revision)
    return item


@transaction.atomic
def catalogue_item_save(*, item, content, user):
    """Save an editor's changes to an existing item as a new revision.

    A published item keeps its live text; a draft item takes the changes at once.
    Saving replaces any earlier unpublished changes (and their review request); saving
    them again unchanged keeps them, and saving a published item's own text back
    leaves it with no unpublished changes.
    """
    content = {name: normalized(value) for name, value in content.items()}
    item = CatalogueItem.objects.select_for_update().get(pk=item.pk)
    if item.is_published and content == item_content(item):
        if item.draft_revision_id is not None:
            return catalogue_item_discard(item=item, user=user)
        return item
    if item.draft_revision_id is not None and content == item.draft_revision.content:
        return item  # nothing new: keep the revision and any review request
    return _start_changes(item=item, content=content, user=user)


@transaction.atomic
def catalogue_item_create(*, item, content, user):
    """Save a new item (a draft, hidden from patients) and its first revision."""
    content = {name: normalized(value) for name, value in content.items()}
    item.status = Status.DRAFT
    item.save()
    _apply(item=item, content=content)
    revision = _new_revision(item=item, content=content, user=user)
    item.draft_revision = revision
    item.save(update_fields=["draft_revision"])
    _event(item=item, action=ContentEvent.Action.SAVED, user=user, revision=revision)
    return item


def _revision_to_publish(*, item, user):
    """The unpublished changes, or for a draft item with none, its current text."""
    if item.draft_revision_id is not None:
        return item.draft_revision
    if item.is_published:
        raise ValidationError(_("There are no changes to publish."), code="nothing_to_publish")
    return _new_revision(item=item, content=item_content(item), user=user)


@transaction.atomic
def catalogue_item_submit(*, item, user):
    """Ask a clinical reviewer to approve the item's unpublished changes."""
    item = CatalogueItem.objects.select_for_update().get(pk=item.pk)
    revision = _revision_to_publish(item=item, user=user)
    revision.submitted_by = user
    revision.submitted_at = timezone.now()
    revision.save(update_fields=["submitted_by", "submitted_at"])
    item.draft_revision = revision
    item.save(update_fields=["draft_revision"])
    _event(item=item, action=ContentEvent.Action.SUBMITTED, user=user, revision=revision)
    return item


@transaction.atomic
def catalogue_item_publish(*, item, reviewer, today=None):
    """Approve and publish the item's unpublished changes (or a draft item as it is).

    Only a holder of the approve permission may, and they are recorded as the page's
    reviewer; the next review falls due a year later. Returns the saved item.
    """
    if not can_approve(reviewer):
        raise PermissionDenied(_("Only a clinical reviewer can approve and publish."))
    item = CatalogueItem.objects.select_for_update().get(pk=item.pk)
    revision = _revision_to_publish(item=item, user=reviewer)
    if not (revision.content.get("summary") or "").strip():
        raise ValidationError(
            _("Write a summary before you publish this item."), code="summary_missing"
        )
    now = timezone.now()
    today = today or timezone.localdate()
    _apply(item=item, content=revision.content)
    revision.approved_by = reviewer
    revision.approved_at = now
    revision.save(update_fields=["approved_by", "approved_at"])
    item.status = Status.PUBLISHED
    item.live_revision = revision
    item.draft_revision = None
    item.reviewed_by = reviewer
    item.reviewed_on = today
    item.next_review_due = today + REVIEW_INTERVAL
    item.save()
    _event(item=item, action=ContentEvent.Action.PUBLISHED, user=reviewer, revision=revision)
    return item


@transaction.atomic
def catalogue_item_unpublish(*, item, editor):
    """Take `item` back to draft, so patients no longer see it. Returns the item.

    Unpublished changes, if any, become the draft's text.
    """
    if not can_approve(editor):
        raise PermissionDenied(_("Only a clinical reviewer can unpublish an item."))
    item = CatalogueItem.objects.select_for_update().get(pk=item.pk)
    _ensure_live_revision(item=item)  # the text patients saw stays in the history
    item.status = Status.DRAFT
    item.save(update_fields=["status", "updated_at"])
    if item.draft_revision_id is not None:
        _apply(item=item, content=item.draft_revision.content)
    _event(item=item, action=ContentEvent.Action.UNPUBLISHED, user=editor)
    return item


@transaction.atomic
def catalogue_item_discard(*, item, user):
    """Throw away a published item's unpublished changes; patients saw none of them."""
    item = CatalogueItem.objects.select_for_update().get(pk=item.pk)
    if not item.has_unpublished_changes:
        raise ValidationError(_("There are no changes to discard."), code="nothing_to_discard")
    revision = item.draft_revision
    revision.discarded_by = user
    revision.discarded_at = timezone.now()
    revision.save(update_fields=["discarded_by", "discarded_at"])
    item.draft_revision = None
    item.save(update_fields=["draft_revision"])
    _event(item=item, action=ContentEvent.Action.DISCARDED, user=user, revision=revision)
    return item


@transaction.atomic
def catalogue_item_revert(*, item, revision, user):
    """Start new unpublished changes from an earlier revision's text."""
    if revision.item_id != item.pk:
        raise ValidationError(_("That revision belongs to another item."), code="wrong_item")
    item = CatalogueItem.objects.select_for_update().get(pk=item.pk)
    return _start_changes(item=item, content=revision.content, user=user, reverted_from=revision)


@transaction.atomic
def catalogue_item_regrade(*, item):
    """Recompute the reading grade of the item's saved text (steps included)."""
    grade = flesch_kincaid_grade(item.patient_text())
    CatalogueItem.objects.filter(pk=item.pk).update(reading_grade=grade)
    item.refresh_from_db(fields=["reading_grade"])
    return item
