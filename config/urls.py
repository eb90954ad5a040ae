"""Root URL configuration: the project wiring for all three apps."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from clinic import views
from clinic.forms import SignInForm
from clinic.views.handout import shared_handout
from clinic.views.two_factor import TwoFactorSetupView, TwoFactorVerifyView
from config.health import healthz
from intake.previsit_views import link as previsit_link

urlpatterns = [
    path("", views.root, name="root"),
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name no icon (the admin's).
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            template_name="clinic/login.html",
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path(
        "accounts/logout/",
        auth_views.LogoutView.as_view(template_name="clinic/logged_out.html"),
        name="logout",
    ),
    path("accounts/two-factor/", TwoFactorVerifyView.as_view(), name="otp_verify"),
    path("accounts/two-factor/setup/", TwoFactorSetupView.as_view(), name="otp_setup"),
    path("staff/", include("clinic.staff_urls")),
    path("learn/", include("education.urls")),
    path("kiosk/", include("intake.urls")),
    # The same wizard on the patient's own device, after a pre-visit link.
    path("visit/", include("intake.urls", namespace="visit")),
    path("v/<str:token>/", previsit_link, name="previsit_link"),
    path("fhir/", include("clinic.fhir_urls")),
    path("h/<str:token>/", shared_handout, name="handout_shared"),
    path("admin/", admin.site.urls),
]

handler500 = "clinic.views.server_error"
