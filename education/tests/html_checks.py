"""Find active content in a rendered page: script tags, event handlers, javascript: URLs."""

from html.parser import HTMLParser

# The only scripts a page may load: vendored files, never inline code.
ALLOWED_SCRIPT_PREFIX = "/static/"


class _ActiveContentFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            src = attributes.get("src") or ""
            if not src.startswith(ALLOWED_SCRIPT_PREFIX):
                self.problems.append(f"<script> without a static src: {attrs}")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name.lower() in {"style"}:
                self.problems.append(f"inline style on <{tag}>")
            if value and "javascript:" in value.replace(" ", "").lower():
                self.problems.append(f"javascript: URL in {name} on <{tag}>")
        if tag == "style":
            self.problems.append("inline <style> element")

    handle_startendtag = handle_starttag


def active_content(html):
    """A list of problems: empty when the page runs nothing but the vendored scripts."""
    finder = _ActiveContentFinder()
    finder.feed(html)
    finder.close()
    return finder.problems
