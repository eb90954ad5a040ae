"""FHIR R4 out of NerveDesk: a practitioner's download of one intake, and a read-only
endpoint for the clinic's integration engine (``/fhir/``).

The endpoint answers only a request that carries an API token (``Authorization:
Bearer <token>``) an admin issued and did not revoke; a browser's staff session counts
for nothing there. Each token may make ``API_REQUESTS_PER_MINUTE`` requests a minute.
Every read, and every refusal, is in the audit trail. ``/fhir/metadata`` holds no
patient data and is open, as FHIR servers do.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views import View

from clinic.fhir.bundle import intake_bundle
from clinic.fhir.codes import CAPABILITY_DATE, FHIR_VERSION
from clinic.fhir.questionnaires import questionnaire_bundle
from clinic.models import AuditEvent
from clinic.services import api_token_spend, audit_event_record
from clinic.views.summary import IntakeStaffMixin
from intake.models import InstrumentWording, Intake, Patient
from intake.selectors import intake_with_answers

FHIR_JSON = "application/fhir+json"
EXPORTED = [Intake.Status.SUBMITTED, Intake.Status.REVIEWED]


def fhir_json(resource, *, indent=None):
    """``resource`` as JSON text. The builders write numbers as int or float (a Decimal
    would become a string) and lazy translations as text."""
    return json.dumps(resource, cls=DjangoJSONEncoder, ensure_ascii=False, indent=indent)


def fhir_response(resource, *, status=200, filename=None):
    body = fhir_json(resource, indent=2 if filename else None)
    response = HttpResponse(body, status=status, content_type=f"{FHIR_JSON}; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def operation_outcome(status, code, text):
    return fhir_response(
        {
            "resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": code, "diagnostics": text}],
        },
        status=status,
    )


def clinic_questionnaire_bundle():
    """The Questionnaire definitions with the wording this clinic loaded (sample wording
    and unlicensed instruments export without item texts)."""
    return questionnaire_bundle({w.instrument: w for w in InstrumentWording.objects.all()})


def exported_intake(pk):
    """A submitted or reviewed intake with every answer loaded, or 404."""
    return get_object_or_404(intake_with_answers().filter(status__in=EXPORTED), pk=pk)


class DownloadView(IntakeStaffMixin, View):
    """The summary's "Download FHIR": the intake's transaction Bundle as a file."""

    audit_read_action = AuditEvent.Action.EXPORT

    def get(self, request, pk):
        self.get_intake()
        intake = exported_intake(pk)
        return fhir_response(intake_bundle(intake), filename=f"intake-{intake.pk}.fhir.json")


class TokenView(View):
    """A FHIR read for the integration engine: token, rate limit, audit."""

    http_method_names = ["get", "head"]
    object_type = ""

    def dispatch(self, request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        row = api_token_spend(token=token.strip()) if scheme.lower() == "bearer" else None
        if row is None:
            self._audit(request, None, AuditEvent.Outcome.REFUSED)
            response = operation_outcome(401, "login", "A valid API token is required.")
            response["WWW-Authenticate"] = 'Bearer realm="NerveDesk FHIR"'
            return response
        if row.rate_limited:
            self._audit(request, row, AuditEvent.Outcome.REFUSED)
            response = operation_outcome(429, "throttled", "Too many requests; retry in a minute.")
            response["Retry-After"] = "60"
            return response
        self.api_token = row
        self.audit_object, self.audit_patient_id = None, None
        try:
            response = super().dispatch(request, *args, **kwargs)
        except Http404:
            self._audit(request, row, AuditEvent.Outcome.REFUSED)
            return operation_outcome(404, "not-found", "No such resource.")
        self._audit(request, row, AuditEvent.Outcome.ALLOWED)
        return response

    def _audit(self, request, row, outcome):
        audit_event_record(
            request=request,
            action=AuditEvent.Action.EXPORT,
            outcome=outcome,
            obj=getattr(self, "audit_object", None),
            object_type=self.object_type,
            patient_id=getattr(self, "audit_patient_id", None),
            api_token=row,
        )


class BundleView(TokenView):
    """``GET /fhir/Bundle/<intake id>``: one intake's transaction Bundle."""

    object_type = "intake.Intake"

    def get(self, request, pk):
        intake = exported_intake(pk)
        self.audit_object, self.audit_patient_id = intake, intake.patient_id
        return fhir_response(intake_bundle(intake))


class QuestionnaireResponseSearchView(TokenView):
    """``GET /fhir/QuestionnaireResponse?patient=<id>``: a searchset of the patient's
    responses (the intake's and its questionnaires'), newest intake first."""

    object_type = "intake.Patient"

    def get(self, request):
        reference = request.GET.get("patient", "").removeprefix("Patient/")
        if not reference.isdigit():
            return operation_outcome(400, "required", "Search by patient=<id>.")
        patient = get_object_or_404(Patient, pk=int(reference))
        self.audit_object, self.audit_patient_id = patient, patient.pk
        intakes = intake_with_answers().filter(patient=patient, status__in=EXPORTED)
        entries = [
            {
                "fullUrl": entry["fullUrl"],
                "resource": entry["resource"],
                "search": {"mode": "match"},
            }
            for intake in intakes.order_by("-submitted_at", "-pk")
            for entry in intake_bundle(intake)["entry"]
            if entry["resource"]["resourceType"] == "QuestionnaireResponse"
        ]
        return fhir_response(
            {"resourceType": "Bundle", "type": "searchset", "total": len(entries), "entry": entries}
        )


class QuestionnaireView(TokenView):
    """``GET /fhir/Questionnaire``: the intake's and every questionnaire's definition,
    with the NerveDesk code systems."""

    def get(self, request):
        return fhir_response(clinic_questionnaire_bundle())


def capability_statement(request):
    """``GET /fhir/metadata``: what this endpoint can do (no patient data)."""
    read = [{"code": "read"}]
    return fhir_response(
        {
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": CAPABILITY_DATE,
            "kind": "instance",
            "software": {"name": "NerveDesk"},
            "implementation": {"description": "NerveDesk intake export (read only)"},
            "fhirVersion": FHIR_VERSION,
            "format": ["json"],
            "rest": [
                {
                    "mode": "server",
                    "security": {
                        "description": "Bearer API token issued by the clinic's administrator."
                    },
                    "resource": [
                        {"type": "Bundle", "interaction": read},
                        {
                            "type": "QuestionnaireResponse",
                            "interaction": [{"code": "search-type"}],
                            "searchParam": [{"name": "patient", "type": "reference"}],
                        },
                        {"type": "Questionnaire", "interaction": [{"code": "search-type"}]},
                    ],
                }
            ],
        }
    )
