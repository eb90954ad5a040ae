"""Enrolled kiosk tablets, on the HTTP side: the cookie that names one.

The front desk enrols a tablet once (``clinic.views.kiosk_device``); from then on its
browser sends the cookie with every kiosk request, and the code page counts its wrong
codes against the tablet, not against the address it shares with other browsers.
"""

import datetime

from django.conf import settings
from django.urls import reverse

from intake.models import KioskDevice

TABLET_COOKIE = "kiosk_tablet"
# Browsers cap a cookie's life at about 400 days; the code page renews it on every
# visit, so a tablet in use stays enrolled.
TABLET_COOKIE_MAX_AGE = datetime.timedelta(days=400)


def tablet_device(request):
    """The enrolled, unrevoked tablet this browser is, or None."""
    token = request.COOKIES.get(TABLET_COOKIE, "")
    if not token or len(token) > 200:
        return None
    return KioskDevice.objects.filter(
        token_hash=KioskDevice.token_digest(token), revoked_at__isnull=True
    ).first()


def remember_tablet(response, token):
    """Set (or renew) the cookie that makes this browser the enrolled tablet."""
    response.set_cookie(
        TABLET_COOKIE,
        token,
        max_age=TABLET_COOKIE_MAX_AGE,
        path=reverse("intake:start"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
