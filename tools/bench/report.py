"""The bench's arithmetic and its printed tables: Locust's figures pooled, percentiles,
CPU per unit of work and the goals. Plain Python (no Django, no Locust), tested alone.

Locust keeps each request kind's response times as a histogram ``{milliseconds:
count}``, to the millisecond under 100 ms and to two significant digits above it;
percentiles are read from it as Locust reads them.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Kind:
    """One request kind's figures in a Locust run, or in several runs pooled."""

    count: int = 0
    failures: int = 0
    response_times: dict = field(default_factory=dict)

    def percentile(self, fraction):
        """The response time (ms) at ``fraction``, as Locust reads it: the slowest time
        such that the requests faster than it are at most ``fraction`` of them."""
        total = sum(self.response_times.values())
        if not total:
            return None
        within, seen = int(total * fraction), 0
        for milliseconds in sorted(self.response_times, reverse=True):
            seen += self.response_times[milliseconds]
            if total - seen <= within:
                return milliseconds

    @property
    def p50(self):
        return self.percentile(0.50)

    @property
    def p95(self):
        return self.percentile(0.95)

    def __add__(self, other):
        times = dict(self.response_times)
        for milliseconds, count in other.response_times.items():
            times[milliseconds] = times.get(milliseconds, 0) + count
        return Kind(self.count + other.count, self.failures + other.failures, times)


def kinds(results):
    """``{request kind: Kind}`` from the figures the locustfile writes."""
    return {
        name: Kind(
            entry["count"],
            entry["failures"],
            {int(ms): count for ms, count in entry["response_times"].items()},
        )
        for name, entry in results["requests"].items()
    }


def pooled(runs):
    """Several runs' ``kinds`` as one: each kind's requests, failures and times added."""
    total = {}
    for run in runs:
        for name, kind in run.items():
            total[name] = total.get(name, Kind()) + kind
    return total


def cost_in_bare_requests(intake_cpu, intakes, bare_cpu, bare_requests):
    """CPU seconds per whole intake over CPU seconds per bare request."""
    return (intake_cpu / intakes) / (bare_cpu / bare_requests)


def ratio(large, small):
    """``large / small``, or None when either is missing."""
    return large / small if large is not None and small else None


@dataclass(frozen=True)
class Goal:
    """A goal: ``measured`` against ``limit`` (at most the limit; strictly under it
    with ``strict``)."""

    name: str
    measured: float
    limit: float
    unit: str = ""
    strict: bool = False
    digits: int = 1

    @property
    def ratio(self):
        return self.measured / self.limit if self.limit and self.measured is not None else None

    @property
    def met(self):
        if self.measured is None:
            return False
        return self.measured < self.limit if self.strict else self.measured <= self.limit

    def value(self, number):
        if number is None:
            return "-"
        return f"{number:,.{self.digits}f}{' ' + self.unit if self.unit else ''}"


def _or_dash(number, spec):
    return "-" if number is None else format(number, spec)


def goal_table(goals):
    """The goals as a table: goal, measured, limit, ratio (measured / limit), result."""
    width = max(len(goal.name) for goal in goals)
    lines = [
        f"{'goal':{width}}  {'measured':>12}  {'limit':>14}  {'ratio':>6}  result",
        "-" * (width + 46),
    ]
    for goal in goals:
        limit = ("< " if goal.strict else "<= ") + goal.value(goal.limit)
        lines.append(
            f"{goal.name:{width}}  {goal.value(goal.measured):>12}  {limit:>14}  "
            f"{_or_dash(goal.ratio, '.2f'):>6}  {'pass' if goal.met else 'FAIL'}"
        )
    return "\n".join(lines)


def kind_table(rows, *, budget_ms=None):
    """Request kinds as a table: ``rows`` is ``[(label, Kind)]``; with ``budget_ms``
    also each p95 over the budget."""
    width = max(len(label) for label, _kind in rows)
    head = f"{'request':{width}}  {'requests':>8}  {'failed':>6}  {'p50 ms':>7}  {'p95 ms':>7}"
    lines = [head + (f"  {f'p95/{budget_ms:g}ms':>10}" if budget_ms else "")]
    lines.append("-" * len(lines[0]))
    for label, kind in rows:
        line = (
            f"{label:{width}}  {kind.count:>8}  {kind.failures:>6}  "
            f"{_or_dash(kind.p50, '.0f'):>7}  {_or_dash(kind.p95, '.0f'):>7}"
        )
        if budget_ms:
            line += f"  {_or_dash(ratio(kind.p95, budget_ms), '.2f'):>10}"
        lines.append(line)
    return "\n".join(lines)
