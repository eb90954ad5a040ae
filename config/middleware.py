"""Project-wide middleware: a request id on every response, no-store for every
response that may carry patient data, and a 400 for NUL characters in an address."""

import re
import uuid

from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils.cache import patch_cache_control

REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Give every request an id (the proxy's X-Request-ID when sane), echoed in the response.

    The audit trail records it, so an event can be matched with proxy and server logs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if REQUEST_ID_PATTERN.match(incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class NoStoreMiddleware:
    """Cache-Control: no-store on every response that may carry patient data.

    Only the public library and static files may be cached; a shared tablet's Back
    button or a proxy must never replay a page with a patient's answers.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.cacheable = tuple(settings.CACHEABLE_PATH_PREFIXES)

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.cacheable):
            patch_cache_control(response, no_store=True, no_cache=True, private=True)
        return response


class RejectNulMiddleware:
    """400 Bad Request for a NUL character in the path or the query string: no URL of
    the app takes one, and PostgreSQL text cannot hold it, so a lookup with it would
    reach the database as an error (a 500). Posted forms are left to their own checks,
    which answer with a message next to the field and keep the other answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL character in the address")
        return self.get_response(request)
