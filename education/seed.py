"""Load the seeded patient library (education.content) idempotently.

`seed_demo` calls `load_catalogue(stdout=...)`. Items are matched by slug: a missing
item is created and published; an existing one is never touched, so a second run
writes nothing, adds no history rows, and keeps every editor's change.
"""

from django.db import transaction
from django.utils import timezone

from education import services
from education.content import CATALOGUE
from education.models import CatalogueItem, ExerciseStep, Status

SEEDED_BY = "Seeded catalogue"


def _item_fields(entry):
    return {key: value for key, value in entry.items() if key not in ("slug", "related", "steps")}


@transaction.atomic
def load_catalogue(*, stdout=None):
    """Create every catalogue item in education.content that does not exist yet.

    Items that exist are left exactly as they are: once seeded, the catalogue belongs to
    the clinic's editors, and a later `seed_demo` must never overwrite their work or
    republish an item they withdrew. Returns the number of items created.
    """
    today = timezone.localdate()
    existing = set(CatalogueItem.objects.values_list("slug", flat=True))
    created = {}
    for entry in CATALOGUE:
        if entry["slug"] in existing:
            continue
        item = CatalogueItem(
            slug=entry["slug"],
            status=Status.PUBLISHED,
            # Seeded text was reviewed by the clinical team when it was written.
            reviewed_on=today,
            next_review_due=today + services.REVIEW_INTERVAL,
            **_item_fields(entry),
        )
        item._change_reason = SEEDED_BY
        item.full_clean(exclude=["related"])
        item.save()
        for number, text in enumerate(entry.get("steps", []), start=1):
            ExerciseStep.objects.create(item=item, number=number, text=text)
        services.catalogue_item_regrade(item=item)
        created[item.slug] = item
        if stdout is not None:
            stdout.write(f"Created catalogue item {item.slug}")

    # Links are added from new items only, so links an editor removed stay removed.
    by_slug = {item.slug: item for item in CatalogueItem.objects.filter(slug__in=_all_slugs())}
    for entry in CATALOGUE:
        if entry["slug"] in created:
            created[entry["slug"]].related.add(
                *(by_slug[slug] for slug in entry.get("related", []) if slug in by_slug)
            )
    return len(created)


def _all_slugs():
    return [entry["slug"] for entry in CATALOGUE]
