"""The one-page patient summary and the practitioner's actions on it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from clinic.forms import AcknowledgeForm, PlanForm, attach_errors
from clinic.glance import factors_by_effect, glance
from clinic.mixins import StaffViewMixin
from clinic.models import AuditEvent, EducationPlan
from clinic.selectors import intake_summary, plan_choices
from clinic.services import (
    education_plan_save,
    handout_link_create,
    handout_link_revoke,
    intake_review_complete,
    warning_acknowledge,
)
from common.limits import LARGEST_INTEGER
from common.qr import qr_svg
from intake import body_map
from intake.models import Intake
from intake.vocabulary import region_key

REVIEW = "clinic.review_intakes"


class IntakeStaffMixin(StaffViewMixin):
    required_permission = REVIEW
    audit_object_type = "intake.Intake"

    def get_intake(self):
        intake = get_object_or_404(Intake.objects.only("pk", "patient_id"), pk=self.kwargs["pk"])
        self.audit_object, self.audit_patient_id = intake, intake.patient_id
        return intake


class SummaryView(IntakeStaffMixin, TemplateView):
    template_name = "clinic/summary.html"

    def get_context_data(self, acknowledge_form=None, plan_form=None, **kwargs):
        self.get_intake()
        summary = intake_summary(pk=self.kwargs["pk"])
        intake = summary.intake
        selected = [region_key(r.side, r.region) for r in intake.regions.all()]
        plan = summary.plan
        return {
            **super().get_context_data(**kwargs),
            "summary": summary,
            "intake": intake,
            "patient": intake.patient,
            "body_map_views": body_map.views(selected),
            "acknowledge_form": acknowledge_form or AcknowledgeForm(),
            "plan_form": plan_form
            or PlanForm(
                initial={
                    "personal_note": plan.personal_note if plan else "",
                    "home_exercises": plan.home_exercises if plan else "",
                }
            ),
            "choices": plan_choices(summary),
            "glance": glance(summary),
            "factors": factors_by_effect(intake.factors.all()),
            "facts": {
                "bmi": summary.findings.get("bmi"),
                "bmi_band": summary.findings.get("bmi.band"),
                "duration_weeks": summary.findings.get("duration.weeks"),
            },
            # Shown for every intake, whatever its level: answered, yes, and why.
            "warning_line": summary.warning_line,
            "warning_labels": [row.label for row in summary.warning_line.signs],
            **share_block_context(self.request, plan=plan, links=summary.links),
        }

    def render_with_errors(self, **forms):
        context = self.get_context_data(**forms)
        return render(self.request, self.template_name, context, status=422)


class AcknowledgeView(SummaryView):
    audit_write_action = AuditEvent.Action.UPDATE

    def post(self, request, pk):
        intake = self.get_intake()
        form = AcknowledgeForm(request.POST)
        if form.is_valid():
            try:
                warning_acknowledge(
                    intake=Intake.objects.get(pk=intake.pk),
                    by=request.user,
                    action_taken=form.cleaned_data["action_taken"],
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, _("Warning signs acknowledged."))
                return redirect("clinic:summary", pk=pk)
        return self.render_with_errors(acknowledge_form=form)


class PlanSaveView(SummaryView):
    audit_write_action = AuditEvent.Action.UPDATE

    def post(self, request, pk):
        intake = self.get_intake()
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                education_plan_save(
                    intake=intake,
                    by=request.user,
                    item_ids=chosen_item_ids(request.POST),
                    **form.cleaned_data,
                )
            except ValidationError as error:
                attach_errors(form, error)
            else:
                if request.POST.get("complete") == "1":
                    return ReviewCompleteView.complete(request, intake)
                if not request.POST.get("move"):
                    messages.success(request, _("Education plan saved."))
                # Back to the plan, not the top of the page: its next actions are there.
                return redirect(reverse("clinic:summary", kwargs={"pk": pk}) + "#plan-heading")
        return self.render_with_errors(plan_form=form)


def chosen_item_ids(data):
    """The ticked items in the order shown, with an Up/Down button's move applied.

    ``item``: the ticked checkboxes; ``order``: one hidden input per pinned row, in the
    order the page shows them (the script keeps it in step with drag and drop); items
    ticked below the pinned rows follow in the order they appear. ``move`` is
    ``"<item id>:up"`` or ``":down"`` (the button without JavaScript). Unknown ids,
    repeats and moves past either end are ignored, so the result has no duplicates.
    """

    def ids(values):
        found = []
        for raw in values:
            try:
                item_id = int(raw)
            except (TypeError, ValueError):
                continue
            if 0 < item_id <= LARGEST_INTEGER:  # else no such item: a value no input sends
                found.append(item_id)
        return list(dict.fromkeys(found))

    ticked = ids(data.getlist("item"))
    ordered = [item_id for item_id in ids(data.getlist("order")) if item_id in ticked]
    chosen = ordered + [item_id for item_id in ticked if item_id not in ordered]
    target, _sep, direction = (data.get("move") or "").partition(":")
    moving = ids([target])
    if moving and moving[0] in chosen and direction in ("up", "down"):
        index = chosen.index(moving[0])
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(chosen):
            chosen[index], chosen[other] = chosen[other], chosen[index]
    return chosen


class ReviewCompleteView(IntakeStaffMixin, View):
    audit_write_action = AuditEvent.Action.UPDATE

    def post(self, request, pk):
        return self.complete(request, self.get_intake())

    @staticmethod
    def complete(request, intake):
        try:
            intake_review_complete(intake=Intake.objects.get(pk=intake.pk), by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Review completed."))
        return redirect("clinic:summary", pk=intake.pk)


def share_block_context(request, *, plan, links=None):
    """What ``clinic/_share_block.html`` shows: the plan, its live link (if any), the
    link's full address and its QR code. ``links``: the plan's links when already loaded."""
    if links is None:
        links = list(plan.links.all()) if plan else []
    live = next((link for link in links if link.is_live()), None)
    share_url = request.build_absolute_uri(live.share_path()) if live else None
    return {
        "plan": plan,
        "live_link": live,
        "share_url": share_url,
        "share_qr": qr_svg(share_url) if share_url else None,
    }


def share_block_response(request, intake, *, message="", error=""):
    """The share block alone, for htmx to swap in place (no reload, no jump to the top)."""
    plan = EducationPlan.objects.filter(intake_id=intake.pk).first()
    context = {
        **share_block_context(request, plan=plan),
        "intake": intake,
        "share_message": message,
        "share_error": error,
    }
    return render(request, "clinic/_share_block.html", context)


def share_block_redirect(intake):
    return redirect(reverse("clinic:summary", kwargs={"pk": intake.pk}) + "#share")


class ShareView(IntakeStaffMixin, View):
    audit_write_action = AuditEvent.Action.SHARE

    def post(self, request, pk):
        intake = self.get_intake()
        plan = EducationPlan.objects.filter(intake_id=intake.pk).first()
        if plan is None:
            error = _("Save the education plan before sharing it.")
            if request.htmx:
                return share_block_response(request, intake, error=error)
            messages.error(request, error)
            return share_block_redirect(intake)
        handout_link_create(plan=plan, by=request.user)
        message = _("A new share link is ready.")
        if request.htmx:
            return share_block_response(request, intake, message=message)
        messages.success(request, message)
        return share_block_redirect(intake)


class RevokeView(IntakeStaffMixin, View):
    audit_write_action = AuditEvent.Action.REVOKE

    def post(self, request, pk):
        intake = self.get_intake()
        plan = EducationPlan.objects.filter(intake_id=intake.pk).first()
        message = ""
        if plan is not None:
            for link in plan.links.filter(revoked_at__isnull=True):
                handout_link_revoke(link=link, by=request.user)
            message = _("The share link no longer works.")
        if request.htmx:
            return share_block_response(request, intake, message=message)
        if message:
            messages.success(request, message)
        return share_block_redirect(intake)
