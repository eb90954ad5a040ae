"""The read-only FHIR endpoint, mounted at /fhir/ (clinic.views.fhir)."""

from django.urls import path

from clinic.views import fhir

app_name = "fhir"

urlpatterns = [
    path("metadata", fhir.capability_statement, name="metadata"),
    path("Bundle/<int:pk>", fhir.BundleView.as_view(), name="bundle"),
    path(
        "QuestionnaireResponse",
        fhir.QuestionnaireResponseSearchView.as_view(),
        name="questionnaire_responses",
    ),
    path("Questionnaire", fhir.QuestionnaireView.as_view(), name="questionnaires"),
]
