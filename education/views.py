"""The public patient library at /learn/: no login, published items only.

Editors (the change permission) also see drafts, marked as a preview.
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from education import selectors
from education.models import SECTIONS_BY_SLUG

PREVIEW_PERMISSION = "education.change_catalogueitem"
MAX_QUERY_LENGTH = 200


@require_safe
def library(request):
    return render(request, "education/library.html", {"sections": selectors.library_sections()})


@require_safe
def section(request, section):
    try:
        chosen = SECTIONS_BY_SLUG[section]
    except KeyError:
        raise Http404 from None
    items = selectors.section_items(section=chosen)
    return render(request, "education/section.html", {"section": chosen, "items": items})


@require_safe
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = selectors.search_items(query=query) if query else []
    return render(request, "education/search.html", {"query": query, "results": results})


@require_safe
def item(request, slug):
    found = selectors.item_for_page(slug=slug)
    if found is None and request.user.has_perm(PREVIEW_PERMISSION):
        found = selectors.item_for_page(slug=slug, include_drafts=True)
        if found is not None:
            # A draft preview: never kept by a shared cache or the browser.
            return never_cache(_render_item)(request, found)
    if found is None:
        raise Http404
    return _render_item(request, found)


def _render_item(request, found):
    context = {"item": found, "steps": found.steps.all(), "related": found.related.all()}
    return render(request, "education/item.html", context)
