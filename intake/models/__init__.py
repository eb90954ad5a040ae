"""What a patient reports (``core``) and the tablet that collects it (``kiosk``).

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
    "Patient",
    "QuestionnaireResponse",
    "TimeStampedModel",
]
