import re

from django import template
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ reasons|get_item:item.pk }}`: a dictionary lookup by a variable key."""
    return mapping.get(key) if mapping else None


# A relative href in sanitized HTML (nh3 writes every attribute as name="value").
_RELATIVE_HREF = re.compile(r'href="/(?!/)')


@register.filter
def absolute_links(html, site_root):
    """`{% filter absolute_links:site_root %}`: relative links made absolute for paper.

    `site_root` is the site's address without a trailing slash (from
    `request.build_absolute_uri("/")`); when empty the HTML is returned as it is.
    """
    if not site_root:
        return html
    # Template output is already safe; anything else is escaped before it is marked.
    html = _RELATIVE_HREF.sub(f'href="{escape(site_root)}/', conditional_escape(html))
    # bandit's B703 runs on every call on a line: mark_safe stands alone on this one.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
