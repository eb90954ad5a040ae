"""Load the seeded patient library (education.content) idempotently.

`seed_demo` calls `load_catalogue(stdout=...)`. Items are matched by slug: a new
item is created and published; an existing one is saved only if a field differs,
so a second run writes nothing and adds no history rows.
"""

from django.db import transaction
from django.utils import timezone

from education import services
from education.content import CATALOGUE
from education.models import CatalogueItem, ExerciseStep, Status

SEEDED_BY = "Seeded catalogue"


def _item_fields(entry):
    return {key: value for key, value in entry.items() if key not in ("slug", "related", "steps")}


def _sync_steps(item, texts):
    """Make the item's steps exactly `texts`, numbered from 1. True if anything changed."""
    changed = False
    existing = {step.number: step for step in item.steps.all()}
    for number, text in enumerate(texts, start=1):
        step = existing.pop(number, None)
        if step is None:
            ExerciseStep.objects.create(item=item, number=number, text=text)
            changed = True
        elif step.text != text:
            step.text = text
            step.save()
            changed = True
    for step in existing.values():
        step.delete()
        changed = True
    return changed


@transaction.atomic
def load_catalogue(*, stdout=None):
    """Create or update every catalogue item in education.content. Returns the count changed."""
    today = timezone.localdate()
    changed_count = 0
    items = {}
    for entry in CATALOGUE:
        fields = _item_fields(entry)
        item = CatalogueItem.objects.filter(slug=entry["slug"]).first()
        created = item is None
        if created:
            item = CatalogueItem(slug=entry["slug"])
        changed = created or any(getattr(item, name) != value for name, value in fields.items())
        if item.status != Status.PUBLISHED:
            # Seeded text was reviewed by the clinical team when it was written.
            item.status = Status.PUBLISHED
            item.reviewed_on = item.reviewed_on or today
            item.next_review_due = item.next_review_due or today + services.REVIEW_INTERVAL
            changed = True
        if changed:
            for name, value in fields.items():
                setattr(item, name, value)
            item._change_reason = SEEDED_BY
            item.full_clean(exclude=["related"])
            item.save()
        steps_changed = _sync_steps(item, entry.get("steps", []))
        if changed or steps_changed:
            services.catalogue_item_regrade(item=item)
            changed_count += 1
            if stdout is not None:
                verb = "Created" if created else "Updated"
                stdout.write(f"{verb} catalogue item {item.slug}")
        items[item.slug] = item

    for entry in CATALOGUE:
        item = items[entry["slug"]]
        wanted = {items[slug].pk for slug in entry.get("related", [])}
        if set(item.related.values_list("pk", flat=True)) != wanted:
            item.related.set(wanted)
    return changed_count
