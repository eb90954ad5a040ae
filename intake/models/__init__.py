"""What a patient reports (``core``), the tablet that collects it (``kiosk``) and the
link that collects it at home (``previsit``).

Import models from here: ``from intake.models import Intake, KioskSession``.
"""

from intake.models.core import (
    INSTRUMENT_CHOICES,
    InstrumentSetting,
    InstrumentWording,
    Intake,
    IntakeAnswer,
    IntakeConsent,
    IntakeFactor,
    IntakeMedicine,
    IntakePainQuality,
    IntakeRegion,
    IntakeRiskFactor,
    IntakeSymptom,
    IntakeTreatment,
    IntakeWarningAnswer,
    Patient,
    QuestionnaireResponse,
    TimeStampedModel,
)
from intake.models.kiosk import (
    ConsentText,
    DeskPin,
    KioskCodeCounter,
    KioskDevice,
    KioskSession,
)
from intake.models.previsit import OutboundMessage, PrevisitEvent, PrevisitLink

__all__ = [
    "INSTRUMENT_CHOICES",
    "ConsentText",
    "DeskPin",
    "InstrumentSetting",
    "InstrumentWording",
    "Intake",
    "IntakeAnswer",
    "IntakeConsent",
    "IntakeFactor",
    "IntakeMedicine",
    "IntakePainQuality",
    "IntakeRegion",
    "IntakeRiskFactor",
    "IntakeSymptom",
    "IntakeTreatment",
    "IntakeWarningAnswer",
    "KioskCodeCounter",
    "KioskDevice",
    "KioskSession",
    "OutboundMessage",
    "Patient",
    "PrevisitEvent",
    "PrevisitLink",
    "QuestionnaireResponse",
    "TimeStampedModel",
]
