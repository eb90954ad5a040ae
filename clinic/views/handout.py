"""The personal handout: a print page for staff and a share link for the patient."""

from dataclasses import replace

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.generic import TemplateView

from clinic.models import AuditEvent, EducationPlan
from clinic.selectors import handout_for_plan, handout_link_by_token
from clinic.services import audit_event_record
from clinic.views.summary import IntakeStaffMixin
from common.qr import qr_svg

# The warning signs that cannot wait go on the first printed page, not after the items.
URGENT_HELP_SLUG = "when-to-get-help-today"


def clinic_contact():
    """The clinic's phone and address for the handout header (empty when not set)."""
    return {"clinic_phone": settings.CLINIC_PHONE, "clinic_address": settings.CLINIC_ADDRESS}


def handout_first_page_split(handout):
    """(handout without "When to get help today", that item or None).

    The item is found among the closing help pages or, if the practitioner chose it,
    among the chosen items, so it is printed once, on the first page.
    """
    urgent = next(
        (item for item in [*handout.help_items, *handout.items] if item.slug == URGENT_HELP_SLUG),
        None,
    )
    if urgent is None:
        return handout, None
    rest = replace(
        handout,
        items=[item for item in handout.items if item is not urgent],
        help_items=[item for item in handout.help_items if item is not urgent],
    )
    return rest, urgent


class HandoutPrintView(IntakeStaffMixin, TemplateView):
    """The handout as the practitioner prints it, with "why this is for you" reasons."""

    template_name = "clinic/handout_print.html"
    audit_read_action = AuditEvent.Action.PRINT

    def get_context_data(self, **kwargs):
        intake = self.get_intake()
        plan = get_object_or_404(
            EducationPlan.objects.select_related("intake__patient").prefetch_related("links"),
            intake_id=intake.pk,
        )
        live = next((link for link in plan.links.all() if link.is_live()), None)
        share_url = self.request.build_absolute_uri(live.share_path()) if live else None
        handout, urgent_help = handout_first_page_split(handout_for_plan(plan))
        return {
            **super().get_context_data(**kwargs),
            **clinic_contact(),
            "handout": handout,
            "printed": True,
            "urgent_help": urgent_help,
            # Printed links carry the site's address: paper cannot follow "/learn/...".
            "site_root": self.request.build_absolute_uri("/").rstrip("/"),
            "patient_first_name": plan.intake.patient.first_name,
            "handout_date": timezone.localdate(plan.updated_at),
            "show_reasons": True,
            "share_url": share_url,
            "share_link": live,
            "qr_svg": qr_svg(share_url) if share_url else None,
        }


def shared_handout(request, token):
    """/h/<token>/: the patient's handout, first name only, nothing from their answers."""
    link = handout_link_by_token(token)
    if link is None:
        raise Http404
    patient_id = link.plan.intake.patient_id
    if not link.is_live():
        audit_event_record(
            request=request,
            action=AuditEvent.Action.VIEW,
            outcome=AuditEvent.Outcome.REFUSED,
            obj=link,
            patient_id=patient_id,
        )
        return render(request, "clinic/handout_gone.html", status=410)
    audit_event_record(
        request=request, action=AuditEvent.Action.VIEW, obj=link, patient_id=patient_id
    )
    share_url = request.build_absolute_uri(link.share_path())
    context = {
        **clinic_contact(),
        "handout": handout_for_plan(link.plan),
        "patient_first_name": link.plan.intake.patient.first_name,
        "handout_date": timezone.localdate(link.plan.updated_at),
        "show_reasons": False,
        "share_url": share_url,
        "share_link": link,
        "qr_svg": qr_svg(share_url),
    }
    response = render(request, "clinic/handout_shared.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
