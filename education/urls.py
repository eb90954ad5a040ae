from django.urls import path

from education import views

app_name = "education"

urlpatterns = [
    path("", views.library, name="index"),
    path("search/", views.search, name="search"),
    path("section/<slug:section>/", views.section, name="section"),
    path("<slug:slug>/", views.item, name="item"),
]
