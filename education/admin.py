"""The catalogue editor, for the Content admin role.

Status is not a form field: an item goes live only through the publish action,
which records who reviewed it and when.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from education import services
from education.models import CatalogueItem, ExerciseStep
from education.readability import TARGET_GRADE, WARNING_GRADE


class ExerciseStepInline(admin.TabularInline):
    model = ExerciseStep
    extra = 0
    fields = ("number", "text")
    ordering = ("number",)
    verbose_name_plural = _("exercise steps (exercises only)")


@admin.register(CatalogueItem)
class CatalogueItemAdmin(SimpleHistoryAdmin):
    list_display = (
        "title",
        "kind",
        "status",
        "grade_in_list",
        "reviewed_on",
        "next_review_due",
        "updated_at",
    )
    list_filter = ("kind", "status", "treatment_category")
    search_fields = ("title", "slug", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    # A plain multiple select, not the autocomplete widget: select2 writes inline styles
    # (refused by the strict CSP) and leaves its search box without a label (axe).
    readonly_fields = (
        "status",
        "grade_on_page",
        "preview_link",
        "reviewed_by",
        "reviewed_on",
        "created_at",
        "updated_at",
    )
    inlines = [ExerciseStepInline]
    actions = ["publish", "return_to_draft"]
    history_list_display = ("status", "reading_grade")
    fieldsets = (
        (
            _("Review"),
            {
                "fields": (
                    "status",
                    "grade_on_page",
                    "preview_link",
                    "reviewed_by",
                    "reviewed_on",
                    "next_review_due",
                )
            },
        ),
        (
            _("Patient page"),
            {"fields": ("title", "slug", "kind", "position", "summary", "body", "related")},
        ),
        (
            _("Treatments only"),
            {
                "fields": (
                    "treatment_category",
                    "how_it_may_help",
                    "what_to_expect",
                    "typical_duration",
                    "who_may_not_suit",
                    "questions_to_ask",
                ),
            },
        ),
        (
            _("Exercises only (add the numbered steps below)"),
            {"fields": ("hold_time", "repetitions", "how_often", "stop_if")},
        ),
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description=_("reading grade"), ordering="reading_grade")
    def grade_in_list(self, obj):
        if obj.reading_grade is None:
            return "-"
        if obj.grade_too_high:
            return format_html(
                '<strong class="errornote">{} ({})</strong>', obj.reading_grade, _("too hard")
            )
        return obj.reading_grade

    @admin.display(description=_("reading grade"))
    def grade_on_page(self, obj):
        if obj.pk is None or obj.reading_grade is None:
            return _("Computed when you save.")
        if obj.grade_too_high:
            return format_html(
                '<p class="errornote">{}</p>',
                _(
                    "Grade %(grade)s is above %(limit)s: too hard for many patients. "
                    "Use shorter sentences and shorter words (aim for %(target)s)."
                )
                % {"grade": obj.reading_grade, "limit": WARNING_GRADE, "target": TARGET_GRADE},
            )
        return _("Grade %(grade)s (aim for %(target)s, at most %(limit)s).") % {
            "grade": obj.reading_grade,
            "target": TARGET_GRADE,
            "limit": WARNING_GRADE,
        }

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if obj.pk is None:
            return _("Save first, then preview the patient page.")
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            obj.get_absolute_url(),
            _("Preview the patient page") if not obj.is_published else _("Open the patient page"),
        )

    def has_publish_permission(self, request):
        return request.user.has_perm(services.PUBLISH_PERMISSION)

    @admin.action(description=_("Publish (records you as the reviewer)"), permissions=["publish"])
    def publish(self, request, queryset):
        count = 0
        for item in queryset:
            try:
                services.catalogue_item_publish(item=item, reviewer=request.user)
            except ValidationError as error:
                self.message_user(request, f"{item}: {' '.join(error.messages)}", messages.ERROR)
            else:
                count += 1
        self.message_user(
            request,
            ngettext("Published %(count)d item.", "Published %(count)d items.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Return to draft (hide from patients)"), permissions=["publish"])
    def return_to_draft(self, request, queryset):
        for item in queryset:
            services.catalogue_item_unpublish(item=item, editor=request.user)
        self.message_user(request, _("Returned the selected items to draft."), messages.SUCCESS)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        item = services.catalogue_item_regrade(item=form.instance)
        form.instance.reading_grade = item.reading_grade
        if item.grade_too_high:
            self.message_user(
                request,
                _("%(title)s reads at grade %(grade)s, above %(limit)s. Please simplify it.")
                % {"title": item.title, "grade": item.reading_grade, "limit": WARNING_GRADE},
                messages.WARNING,
            )
