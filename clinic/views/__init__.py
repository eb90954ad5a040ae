"""Staff views. Each module holds one screen's views; this one the entry points."""

import sys

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.generic import TemplateView

from clinic.mixins import StaffViewMixin
from clinic.views.board import BoardView
from clinic.views.queue import QueueView


def favicon(request):
    # Resolved per request: the hashed name exists only once collectstatic has run.
    return redirect(static("favicon.svg"), permanent=True)


def root(request):
    """Staff go to their role home; everyone else to the login page."""
    if request.user.is_authenticated:
        return redirect("clinic:home")
    return redirect("login")


class ContentHomeView(StaffViewMixin, TemplateView):
    required_permission = "clinic.edit_content"
    template_name = "clinic/home_content_admin.html"


@login_required
def home(request):
    """The role-aware home: each role lands on the screen it works from."""
    user = request.user
    if user.has_perm("clinic.review_intakes"):
        return QueueView.as_view()(request)
    if user.has_perm("clinic.use_front_desk"):
        return BoardView.as_view()(request)
    if user.has_perm("clinic.edit_content"):
        return ContentHomeView.as_view()(request)
    raise PermissionDenied


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes' lockout page: plain words, how long to wait, status 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "clinic/locked_out.html", {"cooloff_minutes": minutes}, status=429)


def server_error(request):
    """500 handler: a database that is down or restarting answers 503, so clients retry.

    Django calls this inside its exception handler, so the exception is at hand.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "5"
        return response
    return render(request, "500.html", status=500)
