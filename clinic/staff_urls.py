from django.urls import path

from clinic import views
from clinic.views import audit, board, fhir, handout, kiosk_device, outcomes, summary

app_name = "clinic"

urlpatterns = [
    path("", views.home, name="home"),
    # Front desk
    path("board/rows/", board.BoardRowsView.as_view(), name="board_rows"),
    path("patients/search/", board.PatientSearchView.as_view(), name="patient_search"),
    path("patients/new/", board.PatientCreateView.as_view(), name="patient_create"),
    path("patients/<int:pk>/", board.PatientView.as_view(), name="patient"),
    path("patients/<int:pk>/tablet/", board.KioskStartView.as_view(), name="kiosk_start"),
    path("patients/<int:pk>/previsit/", board.PrevisitSendView.as_view(), name="previsit_send"),
    path("intakes/<int:pk>/release/", board.ReleaseTabletView.as_view(), name="release_tablet"),
    path("tablet/", kiosk_device.KioskDeviceEnrolView.as_view(), name="kiosk_device"),
    # Practitioner
    path("intakes/<int:pk>/", summary.SummaryView.as_view(), name="summary"),
    path("intakes/<int:pk>/acknowledge/", summary.AcknowledgeView.as_view(), name="acknowledge"),
    path("intakes/<int:pk>/plan/", summary.PlanSaveView.as_view(), name="plan_save"),
    path("intakes/<int:pk>/review/", summary.ReviewCompleteView.as_view(), name="review_complete"),
    path("intakes/<int:pk>/share/", summary.ShareView.as_view(), name="share"),
    path("intakes/<int:pk>/share/revoke/", summary.RevokeView.as_view(), name="revoke"),
    path("intakes/<int:pk>/handout/", handout.HandoutPrintView.as_view(), name="handout"),
    path("intakes/<int:pk>/fhir.json", fhir.DownloadView.as_view(), name="fhir_download"),
    # Superusers
    path("outcomes/", outcomes.OutcomesView.as_view(), name="outcomes"),
    path("outcomes/export.csv", outcomes.OutcomesExportView.as_view(), name="outcomes_export"),
    path("audit/", audit.AuditLogView.as_view(), name="audit"),
    path("audit/export.csv", audit.AuditExportView.as_view(), name="audit_export"),
]
