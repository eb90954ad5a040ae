"""The client's network address, one rule for every part that records or limits by it:
the kiosk's wrong-code limits, the audit log and the sign-in lockouts (django-axes).
"""

from django.conf import settings


def client_ip(request):
    """``REMOTE_ADDR``; behind a trusted proxy, the rightmost ``X-Forwarded-For`` entry.

    With ``AUDIT_TRUST_X_FORWARDED_FOR`` the rightmost entry is the one our own proxy
    appended; entries to its left are whatever the client claimed, so they are never
    used. ``None`` when no address is known.
    """
    if getattr(settings, "AUDIT_TRUST_X_FORWARDED_FOR", False):
        last = request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR") or None
