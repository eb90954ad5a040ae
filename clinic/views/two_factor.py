"""Second-factor sign-in for practitioners and content admins: enrol, verify, backup codes."""

from base64 import b32encode
from urllib.parse import urlencode

import django_otp
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.forms import TwoFactorSetupCodeForm, TwoFactorTokenForm, attach_errors
from clinic.models import AuditEvent
from clinic.services import (
    SetupCodeRefused,
    audit_event_record,
    two_factor_enrolment_confirm,
    two_factor_invitation_redeem,
)
from common.qr import qr_svg

# The unconfirmed device that this session's setup code created: only the browser that
# gave the code may finish the set-up.
SETUP_DEVICE_SESSION_KEY = "two_factor_setup_device"


def verified(request, device):
    """Mark the session as past the second factor, under a new session key: a key
    learned before the second factor must not carry the verified session."""
    request.session.cycle_key()
    django_otp.login(request, device)


def next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return resolve_url("clinic:home")


class TwoFactorVerifyView(LoginRequiredMixin, View):
    template_name = "clinic/two_factor_verify.html"

    def get(self, request):
        if not user_has_device(request.user):
            return redirect("otp_setup")
        return self.show(TwoFactorTokenForm())

    def post(self, request):
        form = TwoFactorTokenForm(request.POST)
        if form.is_valid():
            device = django_otp.match_token(request.user, form.cleaned_data["token"])
            if device is not None:
                verified(request, device)
                return redirect(next_url(request))
            form.add_error("token", _("That code did not work. Try the newest code."))
        return self.show(form, status=422)

    def show(self, form, status=200):
        context = {"form": form, "next": next_url(self.request)}
        return render(self.request, self.template_name, context, status=status)


class TwoFactorSetupView(LoginRequiredMixin, View):
    template_name = "clinic/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        # Replacing a confirmed device needs the second factor first.
        if (
            request.user.is_authenticated
            and user_has_device(request.user)
            and not request.user.is_verified()
        ):
            return redirect("otp_verify")
        return super().dispatch(request, *args, **kwargs)

    # A password alone never enrols: a POST of the person's one-time setup code (issued
    # by an administrator) creates the unconfirmed device, and its first code confirms
    # it. A GET creates nothing.
    def get(self, request):
        device = self.started(request)
        if device is None:
            return self.ask_for_setup_code(TwoFactorSetupCodeForm())
        return self.show(TwoFactorTokenForm(), device)

    def post(self, request):
        device = self.started(request)
        if device is None:
            return self.redeem_setup_code(request)
        form = TwoFactorTokenForm(request.POST)
        if form.is_valid():
            try:
                codes = two_factor_enrolment_confirm(
                    user=request.user, device=device, token=form.cleaned_data["token"]
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                request.session.pop(SETUP_DEVICE_SESSION_KEY, None)
                verified(request, device)
                context = {"codes": codes, "next": next_url(request)}
                return render(request, "clinic/two_factor_backup_codes.html", context)
        return self.show(form, device, status=422)

    def redeem_setup_code(self, request):
        form = TwoFactorSetupCodeForm(request.POST)
        if not form.is_valid():
            return self.ask_for_setup_code(form, status=422)
        try:
            device = two_factor_invitation_redeem(
                user=request.user, code=form.cleaned_data["setup_code"]
            )
        except SetupCodeRefused as refusal:
            audit_event_record(
                request=request,
                action=AuditEvent.Action.UPDATE,
                outcome=AuditEvent.Outcome.REFUSED,
                obj=refusal.invitation,
                object_type="clinic.TwoFactorInvitation",
            )
            form.add_error("setup_code", refusal)
            return self.ask_for_setup_code(form, status=422)
        audit_event_record(request=request, action=AuditEvent.Action.UPDATE, obj=device.invitation)
        request.session[SETUP_DEVICE_SESSION_KEY] = device.pk
        query = urlencode({"next": next_url(request)})
        return redirect(f"{resolve_url('otp_setup')}?{query}")

    @staticmethod
    def started(request):
        device_id = request.session.get(SETUP_DEVICE_SESSION_KEY)
        if device_id is None:
            return None
        return TOTPDevice.objects.filter(pk=device_id, user=request.user, confirmed=False).first()

    def ask_for_setup_code(self, form, status=200):
        context = {"code_form": form, "next": next_url(self.request), "device": None}
        return render(self.request, self.template_name, context, status=status)

    def show(self, form, device, status=200):
        context = {"form": form, "next": next_url(self.request), "device": device}
        if device is not None:
            context["qr_svg"] = qr_svg(device.config_url)
            context["secret"] = b32encode(device.bin_key).decode()
        return render(self.request, self.template_name, context, status=status)
