"""Set up a clinic tablet as an enrolled kiosk, from the tablet's own browser.

A front-desk user signs in on the tablet, names it and presses the button: the
tablet gets its cookie and is signed out at once, since a kiosk must never stay
signed in as staff. Tablets are revoked in the admin.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from clinic.mixins import StaffViewMixin
from clinic.models import AuditEvent
from clinic.services import audit_event_record
from intake.kiosk_devices import remember_tablet
from intake.kiosk_forms import KioskDeviceForm
from intake.services.kiosk import kiosk_device_enrol


class KioskDeviceEnrolView(StaffViewMixin, View):
    required_permission = "clinic.use_front_desk"
    audit_object_type = "intake.KioskDevice"
    audit_write_action = AuditEvent.Action.CREATE
    template_name = "clinic/kiosk_device.html"

    def audit(self, outcome):
        # Only refusals go through the mixin: showing the form reads nothing, and an
        # enrolment is recorded in post() while its user is still signed in.
        if outcome != AuditEvent.Outcome.ALLOWED:
            super().audit(outcome)

    def get(self, request):
        return render(request, self.template_name, {"form": KioskDeviceForm()})

    def post(self, request):
        form = KioskDeviceForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=422)
        with transaction.atomic():
            device = kiosk_device_enrol(name=form.cleaned_data["name"], created_by=request.user)
            audit_event_record(request=request, action=AuditEvent.Action.CREATE, obj=device)
        logout(request)
        messages.success(
            request,
            _("This tablet is set up as a kiosk and you have been signed out of it."),
        )
        return remember_tablet(redirect("intake:start"), device.token)
