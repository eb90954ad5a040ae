"""Print a submitted intake as a FHIR R4 transaction Bundle (JSON), or with
``--questionnaires`` the Questionnaire definitions and code systems as a Bundle.

An intake's export is audited like the summary's download, under the operating-system
account that ran the command."""

from django.core.management.base import BaseCommand, CommandError

from clinic.fhir.bundle import intake_bundle
from clinic.models import AuditEvent
from clinic.services import audit_command_record
from clinic.views.fhir import EXPORTED, clinic_questionnaire_bundle, fhir_json
from intake.selectors import intake_with_answers


class Command(BaseCommand):
    help = "Print one submitted intake as a FHIR R4 Bundle, or the Questionnaire definitions."

    def add_arguments(self, parser):
        parser.add_argument("intake_id", nargs="?", type=int, help="The intake's id.")
        parser.add_argument(
            "--questionnaires",
            action="store_true",
            help="Print the Questionnaire definitions and code systems instead.",
        )

    def handle(self, *args, intake_id=None, questionnaires=False, **options):
        if questionnaires:
            resource = clinic_questionnaire_bundle()
        elif intake_id is None:
            raise CommandError("Give an intake id, or --questionnaires.")
        else:
            intake = intake_with_answers().filter(pk=intake_id, status__in=EXPORTED).first()
            if intake is None:
                raise CommandError(f"There is no submitted intake {intake_id}.")
            resource = intake_bundle(intake)
            audit_command_record(
                command="fhir_export",
                action=AuditEvent.Action.EXPORT,
                obj=intake,
                patient_id=intake.patient_id,
            )
        self.stdout.write(fhir_json(resource, indent=2))
