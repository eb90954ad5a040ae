"""Reads shared by the clinic's staff views."""

import contextlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.charts import trend_chart
from clinic.models import (
    AuditEvent,
    DeskScript,
    EducationPlan,
    EducationPlanItem,
    HandoutLink,
    RecommendationRule,
    WarningAcknowledgement,
)
from clinic.recommendations import Rule, match
from education.models import CatalogueItem
from education.selectors import handout_items
from intake.instruments import change
from intake.models import Intake, KioskSession, OutboundMessage, Patient, PrevisitLink
from intake.selectors import (
    QUEUE_ROW_FIELDS,
    intake_findings,
    intake_queue,
    intake_scores,
    intake_with_answers,
    patient_intakes,
)
from intake.vocabulary import WarningQuestion, WarningSign
from intake.warning_signs import QUESTION_SIGNS, sign_reasons

SCORE_LABELS = {
    "nrs.leg_now": _("Leg pain now (0-10)"),
    "nrs.leg_average": _("Leg pain on average (0-10)"),
    "nrs.leg_worst": _("Leg pain at worst (0-10)"),
    "nrs.back_now": _("Back pain now (0-10)"),
    "sbi": _("Sciatica Bothersomeness Index (0-24)"),
    "start_back": _("STarT Back total (0-9)"),
    "rmdq": _("Roland-Morris disability (0-24)"),
    "odi": _("Oswestry Disability Index (%)"),
}

# The same, short, for the summary's header strip.
SCORE_SHORT_LABELS = {
    "sbi": _("Bothersomeness (0-24)"),
    "start_back": _("STarT Back (0-9)"),
    "rmdq": _("Roland-Morris (0-24)"),
    "odi": _("Oswestry"),
}

# (instrument code, band) -> what the band means, in plain words. Cut-offs: the
# instrument modules in intake/instruments/.
BAND_LABELS = {
    ("nrs", "none"): _("no pain"),
    ("nrs", "mild"): _("mild"),
    ("nrs", "moderate"): _("moderate"),
    ("nrs", "severe"): _("severe"),
    ("sbi", "low"): _("low (6 or less)"),
    ("sbi", "high"): _("bothersome (7 or more)"),
    ("start_back", "low"): _("low risk"),
    ("start_back", "medium"): _("medium risk"),
    ("start_back", "high"): _("high risk"),
    ("rmdq", "functional"): _("functional (4 or less)"),
    ("rmdq", "dysfunctional"): _("limited (5 or more)"),
    ("odi", "minimal"): _("minimal disability"),
    ("odi", "moderate"): _("moderate disability"),
    ("odi", "severe"): _("severe disability"),
    ("odi", "crippling"): _("crippling"),
    ("odi", "bed_bound"): _("bed-bound"),
}

# Score keys (intake.selectors.intake_scores) -> (instrument code, highest possible value)
SCORE_SCALES = {
    "nrs.leg_now": ("nrs", 10),
    "nrs.leg_average": ("nrs", 10),
    "nrs.leg_worst": ("nrs", 10),
    "nrs.back_now": ("nrs", 10),
    "sbi": ("sbi", 24),
    "start_back": ("start_back", 9),
    "rmdq": ("rmdq", 24),
    "odi": ("odi", 100),
}


def audit_events(*, username="", patient_id=None, action="", outcome="", since=None, until=None):
    """Audit events, newest first, filtered by whatever is given."""
    events = AuditEvent.objects.all()
    if username:
        events = events.filter(username__icontains=username)
    if patient_id is not None:
        events = events.filter(patient_id=patient_id)
    if action:
        events = events.filter(action=action)
    if outcome:
        events = events.filter(outcome=outcome)
    if since:
        events = events.filter(occurred_at__date__gte=since)
    if until:
        events = events.filter(occurred_at__date__lte=until)
    return events


def day_bounds(day):
    """The clinic-local start and end of a day, as aware datetimes (index-friendly)."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


# What the front desk may see of an intake: where it is and how urgent, never which sign.
BOARD_INTAKE_FIELDS = (
    "pk",
    "status",
    "current_step",
    "warning_level",
    "emergency_released_at",
    "started_at",
    "submitted_at",
    "last_saved_at",
)


def with_kiosk_status(intakes):
    """Annotate where the patient answers, for the desk's status line.

    - ``kiosk_waiting``: a tablet code was issued and not yet claimed;
    - ``at_home``: the patient is on the intake now, on their own device;
    - ``home_link``: the state of the intake's newest pre-visit link (a
      ``PrevisitLink.State`` value), or None when none was sent;
    - ``send_failed``: a message with that link could not be sent.
    """
    now = timezone.now()
    waiting = KioskSession.objects.filter(
        intake=OuterRef("pk"),
        claimed_at__isnull=True,
        ended_at__isnull=True,
        expires_at__gt=now,
    )
    at_home = KioskSession.objects.filter(
        intake=OuterRef("pk"), previsit_link__isnull=False, ended_at__isnull=True
    )
    newest = (
        PrevisitLink.objects.filter(intake=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .annotate(state=PrevisitLink.state_expression(now))
    )
    failed = OutboundMessage.objects.filter(
        link__intake=OuterRef("pk"),
        link__revoked_at__isnull=True,
        link__submitted_at__isnull=True,
        status=OutboundMessage.Status.FAILED,
    )
    return intakes.annotate(
        kiosk_waiting=Exists(waiting),
        at_home=Exists(at_home),
        home_link=Subquery(newest.values("state")[:1]),
        send_failed=Exists(failed),
    )


def with_acknowledgement(intakes):
    """Annotate ``acknowledged_at`` and ``acknowledged_by_name``: the first
    acknowledgement that covers the intake's current warning level, else None.

    An acknowledgement at a lower level (urgent, before an emergency sign was added)
    does not cover it: the alert stays loud.
    """
    covering = (
        WarningAcknowledgement.objects.filter(
            intake=OuterRef("pk"), warning_level__gte=OuterRef("warning_level")
        )
        .annotate(
            name=Case(
                When(
                    acknowledged_by__first_name="",
                    acknowledged_by__last_name="",
                    then=F("acknowledged_by__username"),
                ),
                default=Concat(
                    "acknowledged_by__first_name", Value(" "), "acknowledged_by__last_name"
                ),
            )
        )
        .order_by("acknowledged_at", "pk")
    )
    return intakes.annotate(
        acknowledged_at=Subquery(covering.values("acknowledged_at")[:1]),
        acknowledged_by_name=Subquery(covering.values("name")[:1]),
    )


def desk_scripts():
    """What the front desk does, ``{"emergency": ..., "urgent": ...}``: the admin's
    text for the level, else the default."""
    texts = {**DeskScript.DEFAULT_TEXT, **dict(DeskScript.objects.values_list("level", "text"))}
    return {DeskScript.Level(level).name.lower(): str(text) for level, text in texts.items()}


def patient_visits(*, patient, limit=10):
    """A patient's latest intakes for the front desk: status and step only."""
    intakes = (
        Intake.objects.filter(patient=patient).only(*BOARD_INTAKE_FIELDS).order_by("-started_at")
    )
    return with_acknowledgement(with_kiosk_status(intakes))[:limit]


def previsit_latest(*, patient):
    """The patient's newest pre-visit link with its messages, or None: for the desk."""
    return (
        PrevisitLink.objects.filter(intake__patient=patient)
        .prefetch_related("messages")
        .order_by("-created_at", "-pk")
        .first()
    )


BOARD_PATIENT_FIELDS = ("id", "first_name", "last_name", "date_of_birth", "chart_number", "phone")


def board_intakes(*, day):
    """Today's intakes for the front desk: started or submitted that day, flagged first.

    Carries only what the front desk may see: the patient, status, step and whether a
    warning was flagged (never which one). The day's intakes come from their two
    indexes (``intake_started``, ``intake_submitted``); their patients in a second
    query, by key: joined in one, PostgreSQL's planner may hash every patient rather
    than read the day's few by key.
    """
    start, end = day_bounds(day)
    # Also the intakes of pre-visit links due today (the patient may have filled in at
    # home days ago) or whose message failed today: their keys first, so the day's
    # intakes are still read by index.
    linked = [
        *PrevisitLink.objects.filter(appointment_at__gte=start, appointment_at__lt=end).values_list(
            "intake_id", flat=True
        ),
        *OutboundMessage.objects.filter(
            status=OutboundMessage.Status.FAILED, failed_at__gte=start, failed_at__lt=end
        ).values_list("link__intake_id", flat=True),
    ]
    intakes = with_kiosk_status(
        Intake.objects.filter(
            Q(started_at__gte=start, started_at__lt=end)
            | Q(submitted_at__gte=start, submitted_at__lt=end)
            | Q(pk__in=linked)
        )
        .only(*BOARD_INTAKE_FIELDS, "patient")
        .prefetch_related(Prefetch("patient", queryset=Patient.objects.only(*BOARD_PATIENT_FIELDS)))
        .order_by("-warning_level", "started_at", "pk")
    )
    return with_acknowledgement(intakes)


def patient_search(query, *, limit=20):
    """Patients matching a name, chart number or date of birth (YYYY-MM-DD)."""
    words = query.split()
    condition = Q(chart_number__iexact=query)
    with contextlib.suppress(ValueError):
        condition |= Q(date_of_birth=date.fromisoformat(query))
    if words:
        name = Q()
        for word in words:
            name &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        condition |= name
    return Patient.objects.filter(condition).order_by("last_name", "first_name", "pk")[:limit]


def practitioner_queue(*, status="submitted", day=None):
    """Intakes for the queue with the filter applied; emergencies first, then arrival."""
    statuses = {
        "submitted": [Intake.Status.SUBMITTED],
        "reviewed": [Intake.Status.REVIEWED],
        "all": [Intake.Status.SUBMITTED, Intake.Status.REVIEWED],
    }[status]
    return intake_queue(statuses=statuses, day=day)


def queue_counts(queryset, *, cap=None):
    """How many intakes in the queue are emergency, urgent, or neither.

    With ``cap`` (a history list, which only grows), at most ``cap + 1`` rows are
    counted: a total over ``cap`` means there were more, and the counts are not totals
    (``CappedPaginator.capped`` says so).
    """
    # Counted from the queue index alone (status, warning level, submitted at): no
    # column outside it is named, so PostgreSQL need not visit the table's rows.
    rows = queryset.order_by()
    if cap is not None:
        rows = rows.values("warning_level")[: cap + 1]
    counts = rows.aggregate(
        total=Count("*"),
        emergency=Count("warning_level", filter=Q(warning_level=2)),
        urgent=Count("warning_level", filter=Q(warning_level=1)),
    )
    return counts


# A draft nobody has saved for this long is no longer being filled in.
IN_PROGRESS_WINDOW = timedelta(hours=24)
IN_PROGRESS_ALERTS_SHOWN = 20


def in_progress_alerts(*, limit=IN_PROGRESS_ALERTS_SHOWN):
    """Intakes still being filled in whose answers already raised a warning sign.

    Only drafts saved (or started) within ``IN_PROGRESS_WINDOW``, at most ``limit``:
    drafts abandoned long ago would otherwise pile up on every queue page.
    """
    since = timezone.now() - IN_PROGRESS_WINDOW
    alerts = (
        Intake.objects.select_related("patient")
        .filter(status=Intake.Status.DRAFT, warning_level__gt=0)
        .filter(Q(last_saved_at__gte=since) | Q(started_at__gte=since))
        .only(*QUEUE_ROW_FIELDS)
        .order_by("-warning_level", "warning_flagged_at", "pk")
    )
    return with_acknowledgement(alerts)[:limit]


def warning_is_acknowledged(intake):
    """True when no warning is present or an acknowledgement covers its current level."""
    if intake.warning_level == 0:
        return True
    return any(a.warning_level >= intake.warning_level for a in intake.acknowledgements.all())


def active_rules():
    """The active rules whose catalogue item is published, as matcher specs."""
    rules = RecommendationRule.objects.filter(is_active=True, item__status="published").order_by(
        "priority", "pk"
    )
    return [
        Rule(
            finding_code=r.finding_code,
            item_id=r.item_id,
            because=r.because,
            priority=r.priority,
            threshold=r.threshold,
            expected_value=r.expected_value,
        )
        for r in rules
    ]


def intake_suggestions(intake, findings=None):
    """[(catalogue item, suggestion)] for an intake, best first."""
    if findings is None:
        findings = intake_findings(intake)
    suggestions = match(findings, active_rules())
    items = CatalogueItem.objects.in_bulk([s.item_id for s in suggestions])
    return [(items[s.item_id], s) for s in suggestions if s.item_id in items]


@dataclass
class ScoreRow:
    key: str
    value: float
    band: str | None = None
    previous: float | None = None
    change: object = None

    @property
    def label(self):
        return SCORE_LABELS.get(self.key, self.key)

    @property
    def short_label(self):
        return SCORE_SHORT_LABELS.get(self.key, self.label)

    @property
    def change_size(self):
        """How far it moved, without the sign (the direction says which way)."""
        return abs(self.change.delta) if self.change else None

    @property
    def band_label(self):
        instrument = SCORE_SCALES.get(self.key, (self.key, None))[0]
        return BAND_LABELS.get((instrument, self.band), self.band)


@dataclass
class Summary:
    intake: Intake
    findings: dict
    scores: list
    trends: list
    previous: Intake | None
    visits: int
    plan: EducationPlan | None
    suggestions: list
    acknowledged: bool
    links: list = field(default_factory=list)
    warning_line: "WarningLine | None" = None


def intake_summary(*, pk):
    """Everything the one-page summary shows, in a fixed number of queries."""
    intake = intake_with_answers().prefetch_related("acknowledgements__acknowledged_by").get(pk=pk)
    findings = intake_findings(intake)
    history = [
        (past, intake_scores(past))
        for past in patient_intakes(patient=intake.patient, before=intake)
    ]
    previous, previous_scores = history[-1] if history else (None, {})
    current_scores = intake_scores(intake)
    bands = _bands_of(intake, findings)
    rows = []
    for key, value in current_scores.items():
        instrument = SCORE_SCALES.get(key, (key, None))[0]
        before = previous_scores.get(key)
        rows.append(
            ScoreRow(
                key=key,
                value=value,
                band=bands.get(key),
                previous=before,
                change=change(instrument, before, value) if before is not None else None,
            )
        )
    timeline = [*history, (intake, current_scores)]
    trends = []
    if len(timeline) >= 2:
        for key, (_instrument, highest) in SCORE_SCALES.items():
            points = [
                (timezone.localdate(past.submitted_at or past.started_at), scores[key])
                for past, scores in timeline
                if key in scores
            ]
            if len(points) >= 2:
                trends.append((SCORE_LABELS[key], trend_chart(points, highest=highest)))
    plan = (
        EducationPlan.objects.filter(intake=intake)
        .prefetch_related(
            Prefetch("items", queryset=EducationPlanItem.objects.select_related("item")),
            "links",
        )
        .first()
    )
    return Summary(
        intake=intake,
        findings=findings,
        scores=rows,
        trends=trends,
        previous=previous,
        visits=len(timeline),
        plan=plan,
        suggestions=intake_suggestions(intake, findings),
        acknowledged=warning_is_acknowledged(intake),
        links=list(plan.links.all()) if plan else [],
        warning_line=intake_warning_line(intake),
    )


@dataclass(frozen=True)
class WarningSignRow:
    code: str
    label: str
    # Why the sign is raised when it comes from other steps than a direct yes
    # (``intake.warning_signs.sign_reasons``), else None.
    reason: object = None


@dataclass(frozen=True)
class WarningLine:
    """The summary's warning-signs line, shown for every intake whatever its level.

    ``total``: the warning questions asked (``WarningQuestion``); ``answered`` and
    ``yes``: how many of them the patient answered, and answered yes. ``signs``: the
    intake's stored signs with their reasons; ``other_yes``: labels of questions
    answered yes that raised no sign (a small fall without osteoporosis);
    ``not_answered``: labels of the questions left blank.
    """

    total: int
    answered: int
    yes: int
    signs: tuple = ()
    other_yes: tuple = ()
    not_answered: tuple = ()

    @property
    def unanswered(self):
        return self.total - self.answered

    @property
    def none_answered(self):
        """The warning step was skipped entirely: a reason to ask in person."""
        return self.answered == 0 and self.total > 0


def warning_inputs(intake):
    """The plain inputs of ``intake.warning_signs.evaluate()`` from the intake's loaded
    answers (no queries with ``intake_with_answers()``)."""
    return {
        "answers": {a.question: a.answer for a in intake.warning_answers.all()},
        "age": intake.patient_age,
        "first_episode": intake.first_episode,
        "risk_factors": [r.factor for r in intake.risk_factors.all()],
        "regions": [(r.side, r.region) for r in intake.regions.all()],
    }


def intake_warning_line(intake):
    """The warning-signs line of one intake (see ``WarningLine``)."""
    inputs = warning_inputs(intake)
    questions = dict(WarningQuestion.choices)
    given = {code: answer for code, answer in inputs["answers"].items() if code in questions}
    yes = [code for code in questions if given.get(code) is True]
    signs = [str(code) for code in intake.warning_signs or []]
    reasons = sign_reasons(**inputs)
    sign_labels = dict(WarningSign.choices)
    raised = set(signs)
    return WarningLine(
        total=len(questions),
        answered=len(given),
        yes=len(yes),
        signs=tuple(
            WarningSignRow(code=code, label=sign_labels.get(code, code), reason=reasons.get(code))
            for code in signs
        ),
        other_yes=tuple(questions[code] for code in yes if QUESTION_SIGNS.get(code) not in raised),
        not_answered=tuple(label for code, label in questions.items() if code not in given),
    )


def _bands_of(intake, findings):
    bands = {}
    for key in SCORE_SCALES:
        if key.startswith("nrs."):
            band = findings.get(f"pain.{key.removeprefix('nrs.')}.band")
        else:
            band = findings.get(f"score.{key}.band")
        if band:
            bands[key] = band
    return bands


@dataclass
class PlanChoice:
    item: CatalogueItem
    reason: str
    checked: bool
    order: int


def plan_choices(summary):
    """The plan form's rows, in three lists.

    ``chosen``: the saved plan's published items in the plan's order (positions 1..n),
    pinned at the top; ``suggested``: the rules' other suggestions for this intake, best
    first, each with its reason; ``others``: the rest of the published library, by kind
    and title. An item is in one list only.
    """
    plan = summary.plan
    reasons = {item.pk: suggestion.reason for item, suggestion in summary.suggestions}
    plan_items = sorted(plan.items.all(), key=lambda pi: (pi.position, pi.pk)) if plan else []
    chosen = [
        PlanChoice(
            item=pi.item,
            reason=reasons.get(pi.item_id) or pi.reason,
            checked=True,
            order=position,
        )
        for position, pi in enumerate(
            (pi for pi in plan_items if pi.item.status == "published"), start=1
        )
    ]
    chosen_ids = {row.item.pk for row in chosen}
    suggested = [
        PlanChoice(item=item, reason=suggestion.reason, checked=False, order=0)
        for item, suggestion in summary.suggestions
        if item.pk not in chosen_ids
    ]
    others = [
        PlanChoice(item=item, reason="", checked=False, order=0)
        for item in CatalogueItem.objects.published()
        .exclude(pk__in=chosen_ids | set(reasons))
        .only("pk", "title", "kind", "slug", "summary")
        .order_by("kind", "title")
    ]
    return {"chosen": chosen, "suggested": suggested, "others": others}


# "When to see a doctor" and "when to get help today" close every handout.
ALWAYS_ON_HANDOUT = ["when-to-see-a-doctor", "when-to-get-help-today"]


@dataclass
class Handout:
    plan: EducationPlan
    items: list
    reasons: dict
    help_items: list


def handout_for_plan(plan):
    """The plan's chosen items in order, their reasons, and the closing help pages."""
    plan_items = list(plan.items.order_by("position", "pk"))
    items = handout_items(ids=[pi.item_id for pi in plan_items])
    chosen = {item.slug for item in items}
    help_items = handout_items(slugs=[slug for slug in ALWAYS_ON_HANDOUT if slug not in chosen])
    reasons = {pi.item_id: pi.reason for pi in plan_items if pi.reason}
    return Handout(plan=plan, items=items, reasons=reasons, help_items=help_items)


def handout_link_by_token(token):
    """The share link with its plan, intake and patient, or None."""
    return HandoutLink.objects.select_related("plan__intake__patient").filter(token=token).first()


def outcome_courses(*, since, until):
    """Every patient whose first submitted intake falls on ``since``..``until`` (local
    dates), as an ``outcomes.Course``: that intake's scores, and their latest later
    intake's. Three queries, however many patients."""
    from clinic.outcomes import Course
    from intake.vocabulary import TreatmentOutcome

    zone = timezone.get_current_timezone()
    visited = [Intake.Status.SUBMITTED, Intake.Status.REVIEWED]
    done = Intake.objects.filter(status__in=visited)
    patients = Patient.objects.annotate(
        first=Min("intakes__submitted_at", filter=Q(intakes__status__in=visited))
    ).filter(
        first__gte=datetime.combine(since, time.min, tzinfo=zone),
        first__lt=datetime.combine(until + timedelta(days=1), time.min, tzinfo=zone),
    )
    intakes = (
        done.filter(patient__in=patients)
        .order_by("patient_id", "submitted_at", "pk")
        .prefetch_related("questionnaires", "treatments")
    )
    by_patient = {}
    for intake in intakes:
        by_patient.setdefault(intake.patient_id, []).append(intake)
    courses = []
    for visits in by_patient.values():
        baseline, latest = visits[0], visits[-1]
        risk = next(
            (q.band for q in baseline.questionnaires.all() if q.instrument == "start_back"), ""
        )
        courses.append(
            Course(
                baseline=intake_scores(baseline),
                follow_up=intake_scores(latest) if len(visits) > 1 else None,
                risk_group=risk or "",
                treatments=frozenset(
                    t.treatment
                    for t in baseline.treatments.all()
                    if t.outcome != TreatmentOutcome.NOT_TRIED
                ),
                weeks=(latest.submitted_at - baseline.submitted_at).days // 7
                if len(visits) > 1
                else None,
            )
        )
    return courses
