"""Match an intake's findings to education: a pure function over findings and rules.

Findings are `{code: value}` as `intake.selectors.intake_findings` returns them; a
rule names one finding code and, optionally, a numeric threshold or an expected value.
No Django here, so the matching is tested without a database.
"""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Rule:
    finding_code: str
    item_id: int
    because: str
    priority: int = 50
    threshold: Decimal | None = None
    expected_value: str = ""


@dataclass
class Suggestion:
    item_id: int
    priority: int
    reasons: list = field(default_factory=list)

    @property
    def reason(self):
        return " ".join(self.reasons)


def rule_fires(rule, findings):
    """Whether one rule's finding is present (and reaches its threshold or value)."""
    value = findings.get(rule.finding_code)
    if value is None or value is False or value == [] or value == "":
        return False
    if rule.threshold is not None:
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            return False
        return Decimal(str(value)) >= Decimal(str(rule.threshold))
    if rule.expected_value:
        if isinstance(value, list | tuple | set | frozenset):
            return rule.expected_value in {str(v) for v in value}
        return str(value) == rule.expected_value
    return True


def match(findings, rules):
    """Suggestions, one per catalogue item, best first, each with every reason that fired.

    Items are ordered by their best (lowest) rule priority, then by the order the
    rules were given; reasons keep rule order and are not repeated.
    """
    suggestions = {}
    for rule in rules:
        if not rule_fires(rule, findings):
            continue
        suggestion = suggestions.get(rule.item_id)
        if suggestion is None:
            suggestion = suggestions[rule.item_id] = Suggestion(rule.item_id, rule.priority)
        suggestion.priority = min(suggestion.priority, rule.priority)
        if rule.because not in suggestion.reasons:
            suggestion.reasons.append(rule.because)
    order = {item_id: index for index, item_id in enumerate(suggestions)}
    return sorted(suggestions.values(), key=lambda s: (s.priority, order[s.item_id]))
