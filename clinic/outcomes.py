"""The clinic's outcomes: how many patients reached an improvement that matters.

A course is one patient's first submitted intake (the baseline) and their latest later
one (the follow-up). Pure Python over scores: the selector ``outcome_courses`` builds
the courses from the database.

An important improvement is the minimal clinically important change of the Ostelo et
al. (2008) consensus for low back pain, as the outcomes issue sets it: leg pain on the
0-10 scale down by 2 points or 30 % of the baseline, ODI down by 10 points, RMDQ down
by 5 points or 30 %. Percentages are of the baseline; a baseline of 0 cannot improve.

Any group of fewer than ``SMALL_CELL`` patients is shown as "fewer than 5" (its
numbers are not computed), so no small group can point to a person.
"""

from dataclasses import dataclass
from statistics import median

from django.utils.translation import gettext_lazy as _

from intake.vocabulary import Treatment

SMALL_CELL = 5

# score key -> (label, points, percent or None)
MEASURES = {
    "nrs.leg_now": (_("Leg pain now (0-10)"), 2, 30),
    "odi": (_("Oswestry Disability Index"), 10, None),
    "rmdq": (_("Roland-Morris"), 5, 30),
}
RISK_GROUPS = {
    "low": _("STarT Back: low risk"),
    "medium": _("STarT Back: medium risk"),
    "high": _("STarT Back: high risk"),
}


@dataclass(frozen=True)
class Course:
    baseline: dict
    follow_up: dict | None = None
    # The baseline's STarT Back band ("low", "medium", "high"), or "" when not answered.
    risk_group: str = ""
    # Treatments the patient had tried before the baseline (helped or not).
    treatments: frozenset = frozenset()
    weeks: int | None = None


def improved(key, before, after):
    """True when ``after`` is an important improvement on ``before`` (lower is better)."""
    _label, points, percent = MEASURES[key]
    fall = before - after
    if fall <= 0:
        return False
    return fall >= points or (percent is not None and fall * 100 >= percent * before)


@dataclass(frozen=True)
class Cell:
    """One measure in one group: patients with both scores, and what came of them."""

    patients: int
    improved: int | None = None
    median_change: float | None = None

    @property
    def suppressed(self):
        return self.patients < SMALL_CELL

    @property
    def percent(self):
        return None if self.suppressed else round(100 * self.improved / self.patients)


def measure_cell(courses, key):
    pairs = [
        (course.baseline[key], course.follow_up[key])
        for course in courses
        if course.follow_up is not None and key in course.baseline and key in course.follow_up
    ]
    if len(pairs) < SMALL_CELL:
        return Cell(patients=len(pairs))
    return Cell(
        patients=len(pairs),
        improved=sum(improved(key, before, after) for before, after in pairs),
        median_change=median(after - before for before, after in pairs),
    )


@dataclass(frozen=True)
class Row:
    label: str
    baselines: int
    followed_up: int
    cells: tuple

    @property
    def suppressed(self):
        return self.baselines < SMALL_CELL

    @property
    def completion_percent(self):
        """Of the patients with a baseline, the share with a follow-up."""
        return None if self.suppressed else round(100 * self.followed_up / self.baselines)


def _row(label, courses):
    return Row(
        label=label,
        baselines=len(courses),
        followed_up=sum(course.follow_up is not None for course in courses),
        cells=tuple(measure_cell(courses, key) for key in MEASURES),
    )


def results(courses):
    """The results table: all patients, then by STarT Back group, then by each
    treatment tried before the baseline (groups with no patient left out)."""
    rows = [_row(_("All patients"), courses)]
    for group, label in RISK_GROUPS.items():
        members = [course for course in courses if course.risk_group == group]
        if members:
            rows.append(_row(label, members))
    for treatment in Treatment:
        members = [course for course in courses if treatment.value in course.treatments]
        if members:
            rows.append(_row(_("Tried: %(treatment)s") % {"treatment": treatment.label}, members))
    return rows


def table(courses):
    """The de-identified outcome table: one row per course with a follow-up, no names,
    ids or dates, sorted by its values (so the order says nothing about who came when).
    """
    header = [_("Course"), _("STarT Back group"), _("Treatments tried"), _("Weeks to follow-up")]
    for label, _points, _percent in MEASURES.values():
        header += [
            _("%(measure)s: baseline") % {"measure": label},
            _("%(measure)s: follow-up") % {"measure": label},
            _("%(measure)s: change") % {"measure": label},
            _("%(measure)s: important improvement") % {"measure": label},
        ]
    rows = []
    for course in courses:
        if course.follow_up is None:
            continue
        row = [course.risk_group, "; ".join(sorted(course.treatments)), course.weeks]
        for key in MEASURES:
            before, after = course.baseline.get(key), course.follow_up.get(key)
            if before is None or after is None:
                row += [before, after, None, None]
            else:
                row += [
                    before,
                    after,
                    after - before,
                    "yes" if improved(key, before, after) else "no",
                ]
        rows.append(row)
    rows.sort(key=lambda row: [("" if cell is None else str(cell)) for cell in row])
    return header, [[number, *row] for number, row in enumerate(rows, start=1)]
