"""The kiosk start page's first load: what a tablet's browser downloads on its first visit.

The page and every stylesheet, script and image it references (and what the
stylesheets reference), asked for with ``Accept-Encoding: gzip`` from the bench's
server, which serves static files from the production whitenoise storage.
"""

import gzip
import http.client
from html.parser import HTMLParser
from urllib.parse import urljoin


class References(HTMLParser):
    """The stylesheets, scripts, icons and images a page makes a browser fetch."""

    FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload"}

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and self.FETCHED_LINKS & set((attrs.get("rel") or "").split()):
            self.urls.append(attrs.get("href"))
        elif tag in {"script", "img"}:
            self.urls.append(attrs.get("src"))


def css_references(text):
    """``url(...)`` references of a stylesheet that a browser fetches (not data: URIs)."""
    found = []
    for part in text.split("url(")[1:]:
        url = part.split(")", 1)[0].strip().strip("'\"")
        if url and not url.startswith(("data:", "#")):
            found.append(url)
    return found


def first_load(port, path="/kiosk/"):
    """The first load of ``path``: ``[(url, bytes counted, bytes uncompressed, how)]``.

    Static files count as whitenoise sends them (gzipped when that makes them
    smaller); the page, which Django sends uncompressed, as gzip compresses it (the
    TLS proxy in front of production does).
    """
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}

    def fetch(url):
        connection.request("GET", url, headers=headers)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"first load: {url} answered {response.status}")
        gzipped = response.getheader("Content-Encoding") == "gzip"
        return body, (gzip.decompress(body) if gzipped else body), gzipped

    page, _same, _gzipped = fetch(path)
    rows = [(path, len(gzip.compress(page, 6)), len(page), "gzip by us")]
    parser = References()
    parser.feed(page.decode())
    queue, seen = [urljoin(path, url) for url in parser.urls if url], set()
    while queue:
        url = queue.pop(0)
        if url in seen or not url.startswith("/"):
            continue
        seen.add(url)
        sent, body, gzipped = fetch(url)
        rows.append((url, len(sent), len(body), "served gzip" if gzipped else "served as is"))
        if url.split("?")[0].endswith(".css"):
            queue += [urljoin(url, ref) for ref in css_references(body.decode())]
    connection.close()
    return rows
