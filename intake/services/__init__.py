"""Every write to intake data: keyword-only, atomic, validating, returning the object.

``intakes``: patients, intake steps, review, corrections, questionnaire wording.
``kiosk``: the tablet's single-use codes and sessions.
``previsit``: links that open the intake at home.
``submit``: the submit, by intake or by the tablet's kiosk session.
"""

from intake.services.intakes import (
    CHILD_MODELS,
    COPIED_FIELDS,
    STEP_SAVERS,
    IntakeLocked,
    instrument_setting_set,
    instrument_wording_load,
    intake_correction_start,
    intake_mark_reviewed,
    intake_start,
    intake_step_save,
    patient_create,
    patient_update,
    questionnaire_response_save,
)
from intake.services.kiosk import (
    KioskCodeRefused,
    PinRefused,
    StepSaved,
    consent_text_create,
    intake_emergency_release,
    kiosk_emergency_release,
    kiosk_identity_confirm,
    kiosk_session_claim,
    kiosk_session_end,
    kiosk_session_start,
    kiosk_step_save,
)
from intake.services.previsit import (
    PrevisitRefused,
    previsit_link_open,
    previsit_link_send,
    previsit_link_start,
)
from intake.services.submit import KioskSessionInactive, intake_submit, kiosk_submit

__all__ = [
    "CHILD_MODELS",
    "COPIED_FIELDS",
    "STEP_SAVERS",
    "IntakeLocked",
    "KioskCodeRefused",
    "PinRefused",
    "PrevisitRefused",
    "StepSaved",
    "consent_text_create",
    "instrument_setting_set",
    "instrument_wording_load",
    "intake_correction_start",
    "intake_emergency_release",
    "intake_mark_reviewed",
    "intake_start",
    "intake_step_save",
    "intake_submit",
    "kiosk_emergency_release",
    "kiosk_identity_confirm",
    "kiosk_session_claim",
    "kiosk_session_end",
    "kiosk_session_start",
    "kiosk_step_save",
    "KioskSessionInactive",
    "kiosk_submit",
    "patient_create",
    "previsit_link_open",
    "previsit_link_send",
    "previsit_link_start",
    "patient_update",
    "questionnaire_response_save",
]
