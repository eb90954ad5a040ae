"""Writes that belong to the clinic app."""

from django.conf import settings

from clinic.models import AuditEvent


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the proxy's X-Forwarded-For entry when trusted."""
    if getattr(settings, "AUDIT_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.headers.get("X-Forwarded-For", "")
        # The rightmost entry is the one our own proxy appended; the rest are client claims.
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR") or None


def audit_event_record(
    *,
    request,
    action,
    outcome=AuditEvent.Outcome.ALLOWED,
    obj=None,
    patient_id=None,
    object_type="",
):
    """Append one audit event for the request's user. Never pass answer values here.

    `obj` names what was touched (its model label and primary key); `patient_id` which
    patient's data it was. Returns the event.
    """
    user = request.user if request.user.is_authenticated else None
    if obj is not None:
        object_type = obj._meta.label
    match = getattr(request, "resolver_match", None)
    return AuditEvent.objects.create(
        user=user,
        username=user.get_username() if user else "",
        role=", ".join(user.role_names) if user else "",
        action=action,
        outcome=outcome,
        route=match.view_name if match else "",
        object_type=object_type,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        patient_id=patient_id,
        ip_address=client_ip(request),
        request_id=getattr(request, "request_id", ""),
    )
