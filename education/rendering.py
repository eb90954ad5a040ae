"""Patient text to safe HTML: Markdown first, then an allow-list sanitizer.

Editors write Markdown; anything they (or an attacker with their password) type
is untrusted. `markdown` turns it into HTML, passing raw HTML through, and `nh3`
then keeps only the tags, attributes and link schemes below: `<script>`, event
handlers such as `onerror=`, `style=` and `javascript:` links never survive.
"""

import re

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Their content goes too, not only the tag.
REMOVED_WITH_CONTENT = {"script", "style"}


# After nh3, heading tags carry no attributes, so this matches them exactly.
_HEADING_TAG = re.compile(r"<(/?)h([2-4])>")


def markdown_to_html(text, *, top_heading=2):
    """Sanitized HTML for Markdown `text` (an empty string for empty text).

    Editors write "##" for a sub-heading, which becomes `top_heading` (h2 on an item's
    own page, h3 in a handout where the item title is the h2), so headings stay in order.
    """
    if not text:
        return ""
    html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    shift = top_heading - 2
    if shift:
        html = _HEADING_TAG.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + shift, 6)}>", html)
    return html
