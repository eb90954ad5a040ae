"""Every staff read and write of patient data leaves an audit event, with no answers in it."""

from clinic.models import AuditEvent
from clinic.tests.conftest import EMERGENCY


def events():
    return list(
        AuditEvent.objects.order_by("pk").values_list("username", "action", "outcome", "route")
    )


def test_practitioner_reads_and_writes_are_audited(client, practitioner_user, make_intake):
    intake = make_intake(changes=EMERGENCY)
    client.force_login(practitioner_user)
    client.get("/staff/")
    client.get(f"/staff/intakes/{intake.pk}/")
    client.post(f"/staff/intakes/{intake.pk}/acknowledge/", {"action_taken": "Called 999."})
    client.post(f"/staff/intakes/{intake.pk}/plan/", {"personal_note": "Rest well."})
    client.post(f"/staff/intakes/{intake.pk}/share/")
    client.get(f"/staff/intakes/{intake.pk}/handout/")
    client.post(f"/staff/intakes/{intake.pk}/share/revoke/")
    client.post(f"/staff/intakes/{intake.pk}/review/")
    assert events() == [
        ("pr", "view", "allowed", "clinic:home"),
        ("pr", "view", "allowed", "clinic:summary"),
        ("pr", "update", "allowed", "clinic:acknowledge"),
        ("pr", "update", "allowed", "clinic:plan_save"),
        ("pr", "share", "allowed", "clinic:share"),
        ("pr", "print", "allowed", "clinic:handout"),
        ("pr", "revoke", "allowed", "clinic:revoke"),
        ("pr", "update", "allowed", "clinic:review_complete"),
    ]
    patient_events = AuditEvent.objects.exclude(route="clinic:home")
    assert set(patient_events.values_list("patient_id", flat=True)) == {intake.patient_id}
    assert set(patient_events.values_list("object_id", flat=True)) == {str(intake.pk)}
    assert all(e.request_id and e.ip_address == "127.0.0.1" for e in AuditEvent.objects.all())


def test_front_desk_reads_and_writes_are_audited(client, front_desk_user, make_intake):
    intake = make_intake()
    client.force_login(front_desk_user)
    client.get("/staff/")
    client.post("/staff/patients/search/", {"query": "Ann"})
    client.get(f"/staff/patients/{intake.patient_id}/")
    client.post(f"/staff/patients/{intake.patient_id}/tablet/")
    assert events() == [
        ("fd", "view", "allowed", "clinic:home"),
        ("fd", "view", "allowed", "clinic:patient_search"),
        ("fd", "view", "allowed", "clinic:patient"),
        ("fd", "create", "allowed", "clinic:kiosk_start"),
    ]


def test_audit_rows_never_hold_answer_values(client, practitioner_user, make_intake):
    intake = make_intake(changes=EMERGENCY)
    client.force_login(practitioner_user)
    client.get(f"/staff/intakes/{intake.pk}/")
    client.post(f"/staff/intakes/{intake.pk}/acknowledge/", {"action_taken": "Called 999."})
    client.post(f"/staff/intakes/{intake.pk}/plan/", {"personal_note": "Rest well."})
    dumped = " ".join(str(value) for row in AuditEvent.objects.values() for value in row.values())
    for answer in [
        "Called 999",
        "Rest well",
        "Walk the dog",
        "Ibuprofen",
        "saddle",
        "Ann",
        "Lee",
        "C-100",
    ]:
        assert answer.lower() not in dumped.lower(), answer


def test_superuser_reads_of_patient_data_in_the_admin_are_audited(client, make_staff, make_intake):
    intake = make_intake()
    root = make_staff(None, username="root", is_superuser=True, is_staff=True)
    client.force_login(root)
    assert client.get("/admin/intake/patient/").status_code == 200
    assert client.get(f"/admin/intake/patient/{intake.patient_id}/change/").status_code == 200
    assert client.get(f"/admin/intake/intake/{intake.pk}/change/").status_code == 200
    assert client.get(f"/admin/intake/intake/{intake.pk}/history/").status_code == 200
    rows = list(
        AuditEvent.objects.order_by("pk").values_list(
            "action", "object_type", "object_id", "patient_id"
        )
    )
    assert rows == [
        ("view", "intake.Patient", "", None),
        ("view", "intake.Patient", str(intake.patient_id), intake.patient_id),
        ("view", "intake.Intake", str(intake.pk), intake.patient_id),
        ("view", "intake.Intake", str(intake.pk), intake.patient_id),
    ]
