"""Static files in production: whitenoise's hashed, compressed files, with each file's
URL worked out once per process."""

import functools

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """``CompressedManifestStaticFilesStorage`` that remembers the URLs it has given.

    Every ``{% static %}`` asks for a file's URL: a manifest lookup and four URL parsings
    (about 9 us; a kiosk page has nine, a quarter of the thank-you page's rendering). The
    manifest does not change while the server runs, so each answer is kept; only
    ``collectstatic`` changes it, and it forgets them.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Names come from templates and code, not from requests; bounded all the same.
        self._known_url = functools.lru_cache(maxsize=1024)(super().url)

    def url(self, name, force=False):
        return self._known_url(name, force)

    def post_process(self, *args, **kwargs):
        self._known_url.cache_clear()
        yield from super().post_process(*args, **kwargs)
        self._known_url.cache_clear()
