"""Staff middleware: the sign-in clock (idle and absolute limits) and the second factor."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from django_otp import user_has_device


def start_staff_session_clock(sender, request, user, **kwargs):
    """On sign-in: the absolute and idle limits count from now."""
    now = int(time.time())
    request.session["staff_started_at"] = now
    request.session["staff_last_seen_at"] = now


def is_background_poll(request):
    """An htmx poll of a board or queue (not a person's action)."""
    return bool(request.headers.get("HX-Request") and request.headers.get("X-Background-Poll"))


def signed_out_poll_response():
    """What a poll gets once its staff session is over: nothing to swap, and the event
    that makes the page say that its alerts have stopped (static/js/staff-alerts.js)."""
    response = HttpResponse(status=204)
    response["HX-Trigger"] = "staff-signed-out"
    return response


class StaffSessionTimeoutMiddleware:
    """Sign staff out after STAFF_IDLE_TIMEOUT seconds idle or STAFF_SESSION_MAX_AGE in all.

    Background polling (requests that send `X-Background-Poll`) does not count as
    activity, so a board left open on an empty desk still times out; the poll that finds
    the session over tells the page, which then says that alerts are paused.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault("staff_started_at", now)
            last_seen = session.get("staff_last_seen_at", now)
            idle = now - last_seen > settings.STAFF_IDLE_TIMEOUT
            too_long = now - started > settings.STAFF_SESSION_MAX_AGE
            if idle or too_long:
                logout(request)
                messages.info(request, _("You were signed out after a period without activity."))
                if is_background_poll(request):
                    return signed_out_poll_response()
                if request.headers.get("HX-Request"):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
                    return response
                return redirect_to_login(request.get_full_path())
            # Saved at most once a minute: a session write on every request costs a query.
            if not is_background_poll(request) and now - last_seen >= 60:
                session["staff_last_seen_at"] = now
        return self.get_response(request)


def needs_two_factor(user):
    """Practitioners, content admins and superusers sign in with a second factor."""
    return user.is_superuser or any(role in settings.OTP_ROLES for role in user.role_names)


class TwoFactorRequiredMiddleware:
    """With OTP_REQUIRED on, send those who need a second factor to verify (or enrol) first.

    Only the staff surfaces are gated; sign-in, sign-out and the two-factor pages are not.
    """

    gated_prefixes = ("/staff/", "/admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.OTP_REQUIRED
            and user.is_authenticated
            and request.path.startswith(self.gated_prefixes)
            and not user.is_verified()
            and needs_two_factor(user)
        ):
            target = "otp_verify" if user_has_device(user, confirmed=True) else "otp_setup"
            return redirect_to_login(request.get_full_path(), login_url=resolve_url(target))
        return self.get_response(request)
