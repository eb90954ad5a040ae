from django.urls import path

from clinic import views

app_name = "clinic"

urlpatterns = [
    path("", views.StaffHomeView.as_view(), name="home"),
    path("audit/", views.AuditLogView.as_view(), name="audit"),
    path("audit/export.csv", views.AuditExportView.as_view(), name="audit_export"),
]
