"""Reads of the catalogue shared by the library views and the staff side.

Each one runs a fixed number of queries however many items there are.
"""

from django.db import connection
from django.db.models import Prefetch, Q

from education.models import SECTIONS, CatalogueItem, ExerciseStep

# The fields a list of links needs; keeps the library query small.
LIST_FIELDS = ("id", "title", "slug", "kind", "position", "summary", "status")


def _published_list():
    return CatalogueItem.objects.published().only(*LIST_FIELDS)


def library_sections():
    """[(section, [published items])] for every section, in library order. One query."""
    by_kind = {section.kind: [] for section in SECTIONS}
    for item in _published_list():
        by_kind[item.kind].append(item)
    return [(section, by_kind[section.kind]) for section in SECTIONS]


def section_items(*, section):
    """The published items of one section, in order. One query."""
    return list(_published_list().filter(kind=section.kind))


def _with_page_relations(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "related",
            queryset=CatalogueItem.objects.published().only(*LIST_FIELDS).order_by("title"),
        ),
        Prefetch("steps", queryset=ExerciseStep.objects.order_by("number")),
    )


def item_for_page(*, slug, include_drafts=False):
    """The item with its published related items and its steps, or None. Three queries."""
    items = CatalogueItem.objects.all() if include_drafts else CatalogueItem.objects.published()
    return _with_page_relations(items.filter(slug=slug).select_related("reviewed_by")).first()


def search_items(*, query):
    """Published items matching `query`, best first.

    PostgreSQL: full-text search (English stemming, title weighted above summary
    above body). Other databases (SQLite in development): every word must appear
    somewhere in the title, summary or body.
    """
    words = query.split()
    if not words:
        return []
    items = _published_list()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = (
            SearchVector("title", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector("body", weight="C", config="english")
        )
        search = SearchQuery(query, search_type="websearch", config="english")
        return list(
            items.annotate(document=vector)
            .filter(document=search)
            .annotate(rank=SearchRank(vector, search))
            .order_by("-rank", "title")
        )
    for word in words:
        items = items.filter(
            Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
        )
    return list(items.order_by("title"))


def handout_items(*, slugs=None, ids=None):
    """Published items for a personal handout, in the order given, steps prefetched.

    Pass `slugs` or `ids` (a list, in the order the practitioner chose). Unknown and
    draft items are left out, as are repeats. Two queries. Render each item with
    `{% include "education/_handout_item.html" with item=item %}`.
    """
    if (slugs is None) == (ids is None):
        raise TypeError("handout_items() takes slugs or ids, not both.")
    keys = list(dict.fromkeys(slugs if slugs is not None else ids))
    field = "slug" if slugs is not None else "pk"
    items = CatalogueItem.objects.published().filter(**{f"{field}__in": keys})
    items = items.prefetch_related(
        Prefetch("steps", queryset=ExerciseStep.objects.order_by("number"))
    )
    by_key = {getattr(item, field): item for item in items}
    return [by_key[key] for key in keys if key in by_key]
