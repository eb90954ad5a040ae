"""The library editor, for content admins and clinical reviewers.

Status is not a form field. Saving records a revision (education.services); a
published page changes for patients only when a clinical reviewer presses "Publish".
The edit page also offers a preview of the changes exactly as patients will see them,
a comparison with the live page, discard, unpublish and a history to go back to.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from education import diffing, grading, services
from education.models import CatalogueItem, ContentEvent, ExerciseStep, Revision, Status
from education.widgets import GradedTextarea

# Items whose review date is this close are listed as "review due soon".
REVIEW_SOON = datetime.timedelta(days=30)
GRADED_TEXTAREAS = (
    "summary",
    "body",
    "how_it_may_help",
    "what_to_expect",
    "who_may_not_suit",
    "questions_to_ask",
    "stop_if",
)


class CatalogueItemForm(forms.ModelForm):
    """The item's fields plus its steps as lines, starting from any unpublished changes."""

    steps = forms.CharField(
        label=_("Steps"),
        required=False,
        widget=GradedTextarea(attrs={"rows": 6}),
        help_text=_("One instruction per line, in order. They are numbered for patients."),
    )

    class Meta:
        model = CatalogueItem
        fields = [*Revision.CONTENT_FIELDS, "related"]
        widgets = {name: GradedTextarea(attrs={"rows": 4}) for name in GRADED_TEXTAREAS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            content = services.editing_content(self.instance)
            for name in Revision.CONTENT_FIELDS:
                self.initial[name] = content[name]
            self.initial["related"] = content["related"]
            self.initial["steps"] = "\n".join(content["steps"])

    def clean_steps(self):
        return [line.strip() for line in self.cleaned_data["steps"].splitlines() if line.strip()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("steps") and cleaned.get("kind") != "exercise":
            self.add_error("steps", _("Only exercises have steps. Clear them or pick Exercise."))
        return cleaned

    def content(self):
        """The form's values as a revision holds them."""
        data = self.cleaned_data
        content = {name: data[name] for name in Revision.CONTENT_FIELDS}
        content["related"] = sorted(item.pk for item in data["related"])
        content["steps"] = data["steps"]
        return content


class WorkflowFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("Waiting for review")),
            ("changes", _("Published, with unpublished changes")),
            ("overdue", _("Past its review date")),
            ("soon", _("Review due within 30 days")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "waiting":
            return queryset.filter(draft_revision__submitted_at__isnull=False)
        if self.value() == "changes":
            return queryset.filter(status=Status.PUBLISHED, draft_revision__isnull=False)
        if self.value() == "overdue":
            return queryset.filter(next_review_due__lt=today)
        if self.value() == "soon":
            return queryset.filter(
                next_review_due__gte=today, next_review_due__lte=today + REVIEW_SOON
            )
        return queryset


def state_label(item):
    if item.is_waiting_for_review:
        return _("Waiting for review")
    if item.has_unpublished_changes:
        return _("Live, with unpublished changes")
    if item.is_published:
        return _("Live")
    return _("Draft")


def person(user):
    """A staff member as people know them: full name, else username."""
    if user is None:
        return _("NerveDesk (seeded)")
    return user.get_full_name() or user.get_username()


@admin.register(CatalogueItem)
class CatalogueItemAdmin(admin.ModelAdmin):
    form = CatalogueItemForm
    change_form_template = "admin/education/catalogueitem/change_form.html"
    change_list_template = "admin/education/catalogueitem/change_list.html"
    list_display = (
        "title",
        "kind",
        "state_in_list",
        "grade_in_list",
        "reviewed_on",
        "next_review_due",
        "updated_at",
    )
    list_filter = (WorkflowFilter, "kind", "status", "treatment_category")
    list_select_related = ("draft_revision",)
    search_fields = ("title", "slug", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    # A plain multiple select, not the autocomplete widget: select2 writes inline styles
    # (refused by the strict CSP) and leaves its search box without a label (axe).
    actions = ["publish", "return_to_draft"]
    fieldsets = (
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
            _("Exercises only"),
            {"fields": ("steps", "hold_time", "repetitions", "how_often", "stop_if")},
        ),
    )

    def get_fieldsets(self, request, obj=None):
        """The treatment and exercise parts open only on items of that kind."""
        own = {"treatment": _("Treatments only"), "exercise": _("Exercises only")}
        fieldsets = []
        for title, options in super().get_fieldsets(request, obj):
            if obj is not None and title in own.values() and own.get(obj.kind) != title:
                options = {**options, "classes": ("collapse",)}
            fieldsets.append((title, options))
        return fieldsets

    class Media:
        css = {"all": ["css/admin-editor.css"]}
        js = ["vendor/htmx/htmx.min.js"]

    @admin.display(description=_("Steps"))
    def steps(self, obj):
        """The steps for a reader without the change permission (read-only form)."""
        return "\n".join(services.editing_content(obj)["steps"])

    # -- the list -------------------------------------------------------------------

    @admin.display(description=_("state"))
    def state_in_list(self, obj):
        return state_label(obj)

    @admin.display(description=_("reading grade"), ordering="reading_grade")
    def grade_in_list(self, obj):
        if obj.reading_grade is None:
            return "-"
        if obj.grade_too_high:
            return format_html(
                '<strong class="errornote">{} ({})</strong>', obj.reading_grade, _("too hard")
            )
        return obj.reading_grade

    def changelist_view(self, request, extra_context=None):
        today = timezone.localdate()
        counts = CatalogueItem.objects.aggregate(
            waiting=Count("pk", filter=Q(draft_revision__submitted_at__isnull=False)),
            overdue=Count("pk", filter=Q(next_review_due__lt=today)),
        )
        extra_context = {
            **(extra_context or {}),
            "waiting_count": counts["waiting"],
            "overdue_count": counts["overdue"],
            "can_approve": services.can_approve(request.user),
        }
        return super().changelist_view(request, extra_context=extra_context)

    def has_approve_permission(self, request):
        return services.can_approve(request.user)

    @admin.action(description=_("Approve and publish"), permissions=["approve"])
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

    @admin.action(description=_("Unpublish (hide from patients)"), permissions=["approve"])
    def return_to_draft(self, request, queryset):
        for item in queryset:
            services.catalogue_item_unpublish(item=item, editor=request.user)
        self.message_user(request, _("Unpublished the selected items."), messages.SUCCESS)

    # -- saving ---------------------------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("draft_revision", "reviewed_by")

    def save_model(self, request, obj, form, change):
        content = form.content()
        if change:
            services.catalogue_item_save(item=obj, content=content, user=request.user)
        else:
            services.catalogue_item_create(item=obj, content=content, user=request.user)

    def save_related(self, request, form, formsets, change):
        """Links and steps are part of the revision, saved by save_model."""

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj)

    def response_change(self, request, obj):
        return self._after_save(request, obj)

    def _after_save(self, request, obj):
        item = CatalogueItem.objects.get(pk=obj.pk)
        try:
            if item.is_published and not item.has_unpublished_changes:
                self.message_user(
                    request, _("No changes: patients already see this version."), messages.INFO
                )
            elif "_publish" in request.POST:
                services.catalogue_item_publish(item=item, reviewer=request.user)
                self.message_user(
                    request, _("Published. Patients now see this version."), messages.SUCCESS
                )
            elif "_submit" in request.POST:
                services.catalogue_item_submit(item=item, user=request.user)
                self.message_user(
                    request,
                    _("Sent for review. Patients see it once a clinical reviewer publishes it."),
                    messages.SUCCESS,
                )
            elif item.is_published:
                self.message_user(
                    request,
                    _("Saved. Patients still see the published version until it is published."),
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request, _("Saved as a draft. Patients cannot see it yet."), messages.SUCCESS
                )
        except (PermissionDenied, ValidationError) as error:
            message = " ".join(error.messages) if isinstance(error, ValidationError) else error
            self.message_user(request, _("Saved, but not published: %s") % message, messages.ERROR)
        return HttpResponseRedirect(self._url("change", item.pk))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            item = CatalogueItem.objects.select_related(
                "draft_revision__created_by", "draft_revision__submitted_by", "reviewed_by"
            ).get(pk=obj.pk)
            draft = item.draft_revision
            context.update(
                item=item,
                state=state_label(item),
                draft=draft,
                draft_by=draft and person(draft.created_by),
                submitted_by=draft and draft.submitted_at and person(draft.submitted_by),
                reviewer=item.reviewed_by and person(item.reviewed_by),
                review_overdue=bool(
                    item.next_review_due and item.next_review_due < timezone.localdate()
                ),
            )
        context.update(
            can_approve=services.can_approve(request.user),
            overall=grading.overall_report(
                services.editing_content(obj) if obj is not None and obj.pk else {}
            ),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- preview, compare, discard, unpublish, history ------------------------------

    def get_urls(self):
        # (route under the item list, view, URL name after "education_catalogueitem_",
        # POST only)
        routes = [
            ("grade/", grading.reading_grade, "grade", False),
            ("<int:pk>/preview/", self.preview_view, "preview", False),
            ("<int:pk>/preview/<int:number>/", self.preview_view, "preview_revision", False),
            ("<int:pk>/compare/", self.compare_view, "compare", False),
            ("<int:pk>/compare/<int:number>/", self.compare_view, "compare_revision", False),
            ("<int:pk>/discard/", self.discard_view, "discard", False),
            ("<int:pk>/publish/", self.publish_view, "publish", True),
            ("<int:pk>/unpublish/", self.unpublish_view, "unpublish", False),
            ("<int:pk>/revert/<int:number>/", self.revert_view, "revert", True),
        ]
        return [
            path(
                route,
                self.admin_site.admin_view(require_POST(view) if post_only else view),
                name=f"education_catalogueitem_{name}",
            )
            for route, view, name, post_only in routes
        ] + super().get_urls()

    def _url(self, name, *args):
        return reverse(f"admin:education_catalogueitem_{name}", args=args)

    def _item(self, request, pk, *, permission="view"):
        item = get_object_or_404(self.get_queryset(request), pk=pk)
        allowed = {
            "view": self.has_view_permission,
            "change": self.has_change_permission,
            "approve": lambda request, obj: self.has_approve_permission(request),
        }[permission](request, item)
        if not allowed:
            raise PermissionDenied
        return item

    def _revision(self, item, number):
        if number is None:
            return item.draft_revision
        return get_object_or_404(item.revisions, number=number)

    @method_decorator(never_cache)
    def preview_view(self, request, pk, number=None):
        """The page exactly as patients would see it with this revision published."""
        item = self._item(request, pk)
        revision = self._revision(item, number)
        content = {**services.item_content(item), **(revision.content if revision else {})}
        page = CatalogueItem(
            pk=item.pk,
            status=item.status,
            reviewed_by=item.reviewed_by,
            reviewed_on=item.reviewed_on,
            **{name: content[name] for name in Revision.CONTENT_FIELDS},
        )
        context = {
            "item": page,
            "steps": [ExerciseStep(number=n, text=t) for n, t in enumerate(content["steps"], 1)],
            "related": CatalogueItem.objects.published()
            .filter(pk__in=content["related"])
            .exclude(pk=item.pk)
            .order_by("title"),
            "preview": revision or item,
            "preview_is_live": revision is None and item.is_published,
            "edit_url": self._url("change", item.pk),
        }
        response = render(request, "education/item.html", context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def compare_view(self, request, pk, number=None):
        item = self._item(request, pk)
        revision = self._revision(item, number)
        live = services.item_content(item)
        changes = diffing.compare(live, revision.content) if revision else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Changes to “%(title)s”") % {"title": item.title},
            "item": item,
            "revision": revision,
            "revision_by": revision and person(revision.created_by),
            "changes": changes,
            "live_is_draft": not item.is_published,
            "can_approve": services.can_approve(request.user),
        }
        return TemplateResponse(request, "admin/education/catalogueitem/compare.html", context)

    def discard_view(self, request, pk):
        item = self._item(request, pk, permission="change")
        if request.method == "POST":
            try:
                services.catalogue_item_discard(item=item, user=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request, _("Changes discarded. The published version stays."), messages.SUCCESS
                )
            return HttpResponseRedirect(self._url("change", item.pk))
        return self._confirm(
            request,
            item,
            title=_("Discard the unpublished changes?"),
            text=_("The page stays as patients see it now. The changes stay in the history."),
            button=_("Discard changes"),
        )

    def publish_view(self, request, pk):
        """Publish the unpublished changes as they are, from the compare page."""
        item = self._item(request, pk, permission="approve")
        try:
            services.catalogue_item_publish(item=item, reviewer=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(
                request, _("Published. Patients now see this version."), messages.SUCCESS
            )
        return HttpResponseRedirect(self._url("change", item.pk))

    def unpublish_view(self, request, pk):
        item = self._item(request, pk, permission="approve")
        if request.method == "POST":
            services.catalogue_item_unpublish(item=item, editor=request.user)
            self.message_user(
                request, _("Unpublished. Patients can no longer see this page."), messages.SUCCESS
            )
            return HttpResponseRedirect(self._url("change", item.pk))
        return self._confirm(
            request,
            item,
            title=_("Unpublish this page?"),
            text=_(
                "Patients will no longer find it in the library, and links to it (in shared "
                "handouts too) will show “page not found” until it is published again."
            ),
            button=_("Unpublish"),
        )

    def _confirm(self, request, item, *, title, text, button):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "item": item,
            "text": text,
            "button": button,
        }
        return TemplateResponse(request, "admin/education/catalogueitem/confirm.html", context)

    def revert_view(self, request, pk, number):
        item = self._item(request, pk, permission="change")
        revision = get_object_or_404(item.revisions, number=number)
        services.catalogue_item_revert(item=item, revision=revision, user=request.user)
        self.message_user(
            request,
            _("Revision %(number)s is now the unpublished version. Check it, then publish.")
            % {"number": number},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(self._url("change", item.pk))

    def history_view(self, request, object_id, extra_context=None):
        item = self._item(request, object_id)
        revisions = list(
            item.revisions.select_related(
                "created_by", "submitted_by", "approved_by", "discarded_by", "reverted_from"
            ).order_by("number")
        )
        rows = []
        previous = {}
        for revision in revisions:
            rows.append(
                {
                    "revision": revision,
                    "by": person(revision.created_by),
                    "submitted_by": revision.submitted_at and person(revision.submitted_by),
                    "approved_by": revision.approved_at and person(revision.approved_by),
                    "discarded_by": revision.discarded_at and person(revision.discarded_by),
                    "changed": diffing.changed_fields(previous, revision.content)
                    if previous
                    else [],
                    "is_live": revision.pk == item.live_revision_id and item.is_published,
                    "is_draft": revision.pk == item.draft_revision_id,
                }
            )
            previous = revision.content
        rows.reverse()
        events = item.events.select_related("user", "revision")[:50]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("History of “%(title)s”") % {"title": item.title},
            "item": item,
            "rows": rows,
            "events": [(event, person(event.user)) for event in events],
            "can_change": self.has_change_permission(request, item),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/education/catalogueitem/history.html", context)


@admin.register(ContentEvent)
class ContentEventAdmin(admin.ModelAdmin):
    """The library's audit trail: read-only, for content admins and reviewers."""

    list_display = ("occurred_at", "item", "action", "revision_number", "user")
    list_filter = ("action",)
    list_select_related = ("item", "revision", "user")
    search_fields = ("item__title",)
    date_hierarchy = "occurred_at"

    @admin.display(description=_("revision"))
    def revision_number(self, obj):
        return obj.revision.number if obj.revision else "-"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
