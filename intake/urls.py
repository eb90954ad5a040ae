"""The kiosk, mounted at /kiosk/: URLs carry only the step number."""

from django.urls import path

from intake import views

app_name = "intake"

urlpatterns = [
    path("", views.start, name="start"),
    path("reset/", views.reset, name="reset"),
    path("step/<int:step>/", views.step, name="step"),
    path("step/<int:step>/autosave/", views.autosave, name="autosave"),
    path("stopped/", views.stopped, name="stopped"),
    path("submit/", views.submit, name="submit"),
]
