"""Reads shared by the clinic's staff views."""

from clinic.models import AuditEvent


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
