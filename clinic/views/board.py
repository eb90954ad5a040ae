"""The front-desk board: find or add today's patient, start a tablet, watch statuses.

The front desk sees who is here and how far they are, never what they answered: no
symptoms, scores or warning-sign details, only how urgent (emergency or urgent), whether
a practitioner has acknowledged it, and what the desk does (the admin's desk script).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from clinic.forms import PatientSearchForm, PrevisitSendForm, attach_errors
from clinic.mixins import StaffViewMixin
from clinic.selectors import (
    board_intakes,
    desk_scripts,
    patient_search,
    patient_visits,
    previsit_latest,
)
from common.qr import qr_svg
from intake.forms import PatientForm
from intake.models import Intake, Patient
from intake.services import (
    intake_emergency_release,
    kiosk_session_start,
    patient_create,
    patient_update,
    previsit_link_send,
)
from intake.vocabulary import WarningLevel

FRONT_DESK = "clinic.use_front_desk"


class BoardMixin(StaffViewMixin):
    required_permission = FRONT_DESK
    audit_object_type = "intake.Patient"

    def live_context(self):
        rows = list(board_intakes(day=timezone.localdate()))
        emergencies = [
            intake
            for intake in rows
            if intake.warning_level == WarningLevel.EMERGENCY and intake.acknowledged_at is None
        ]
        urgent = any(
            intake.warning_level == WarningLevel.URGENT and intake.acknowledged_at is None
            for intake in rows
        )
        return {
            "rows": rows,
            "emergencies": emergencies,
            "urgent_waiting": urgent,
            "scripts": desk_scripts(),
        }

    def board_context(self, **extra):
        return {
            **self.live_context(),
            "search_form": PatientSearchForm(),
            "patient_form": PatientForm(),
            **extra,
        }


class BoardView(BoardMixin, TemplateView):
    template_name = "clinic/board.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.board_context()}


class BoardRowsView(BoardMixin, TemplateView):
    """The banner and the statuses, polled by htmx every few seconds."""

    template_name = "clinic/_board_live.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **self.live_context()}


class PatientSearchView(BoardMixin, View):
    """Search by POST, so what was typed never lands in a URL or a log."""

    audit_write_action = "view"  # a POST, but only a read

    def post(self, request):
        form = PatientSearchForm(request.POST)
        results = patient_search(form.cleaned_data["query"]) if form.is_valid() else None
        context = self.board_context(search_form=form, results=results)
        return render(request, "clinic/board.html", context)


class PatientCreateView(BoardMixin, View):
    audit_write_action = "create"

    def post(self, request):
        form = PatientForm(request.POST)
        if form.is_valid():
            try:
                patient = patient_create(**form.cleaned_data)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                self.audit_object, self.audit_patient_id = patient, patient.pk
                messages.success(request, _("Patient added. Start the tablet when they are ready."))
                return redirect("clinic:patient", pk=patient.pk)
        context = self.board_context(patient_form=form, show_add=True)
        return render(request, "clinic/board.html", context, status=422)


class PatientView(BoardMixin, TemplateView):
    """One patient's details for the front desk, with their visits' statuses only."""

    template_name = "clinic/patient.html"

    def get_context_data(self, **kwargs):
        patient = get_object_or_404(Patient, pk=self.kwargs["pk"])
        self.audit_object, self.audit_patient_id = patient, patient.pk
        return {**super().get_context_data(**kwargs), **self.patient_context(patient)}

    @staticmethod
    def patient_context(patient, previsit_form=None):
        return {
            "patient": patient,
            "intakes": patient_visits(patient=patient),
            "scripts": desk_scripts(),
            "previsit_form": previsit_form or PrevisitSendForm(patient=patient),
            "previsit": previsit_latest(patient=patient),
        }


class ReleaseTabletView(BoardMixin, View):
    """Let a patient whose emergency answer stopped the tablet carry on."""

    audit_object_type = "intake.Intake"

    def post(self, request, pk):
        intake = get_object_or_404(Intake.objects.only("pk", "patient_id"), pk=pk)
        self.audit_object, self.audit_patient_id = intake, intake.patient_id
        intake_emergency_release(intake=intake, by=request.user)
        messages.success(request, _("The tablet lets the patient carry on."))
        if request.POST.get("back_to") == "patient":
            return redirect("clinic:patient", pk=intake.patient_id)
        return redirect("clinic:home")


class PrevisitSendView(BoardMixin, View):
    """Send the patient a link to fill in their intake at home (email and/or text)."""

    audit_write_action = "create"

    def post(self, request, pk):
        patient = get_object_or_404(Patient, pk=pk)
        self.audit_object, self.audit_patient_id = patient, patient.pk
        form = PrevisitSendForm(request.POST, patient=patient)
        if form.is_valid():
            try:
                # A corrected address is kept only if the link goes out with it.
                with transaction.atomic():
                    if changes := form.contact_changes(patient):
                        patient = patient_update(patient=patient, **changes)
                    link = previsit_link_send(
                        patient=patient,
                        sent_by=request.user,
                        build_url=lambda token: request.build_absolute_uri(
                            reverse("previsit_link", args=[token])
                        ),
                        **form.send_options(),
                    )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Pre-visit link is being sent. It works until %(when)s.")
                    % {"when": date_format(timezone.localtime(link.expires_at), "DATETIME_FORMAT")},
                )
                return redirect("clinic:patient", pk=patient.pk)
        context = PatientView.patient_context(patient, previsit_form=form)
        return render(request, "clinic/patient.html", context, status=422)


class KioskStartView(BoardMixin, View):
    """Start (or resume) the patient's intake on a tablet: a one-time code and its QR."""

    audit_write_action = "create"

    def post(self, request, pk):
        patient = get_object_or_404(Patient, pk=pk)
        self.audit_object, self.audit_patient_id = patient, patient.pk
        session = kiosk_session_start(patient=patient, started_by=request.user)
        # The code rides in the fragment: a browser never sends it to the server, so it
        # reaches no access log, proxy or Referer. The kiosk page's script types it in.
        kiosk_url = request.build_absolute_uri(reverse("intake:start")) + f"#code={session.code}"
        qr = qr_svg(kiosk_url, scale=5)
        return render(
            request,
            "clinic/kiosk_code.html",
            {"patient": patient, "session": session, "qr_svg": qr, "kiosk_url": kiosk_url},
        )
