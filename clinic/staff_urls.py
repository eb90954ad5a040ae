from django.urls import path

from clinic import views

app_name = "clinic"

urlpatterns = [
    path("", views.StaffHomeView.as_view(), name="home"),
]
