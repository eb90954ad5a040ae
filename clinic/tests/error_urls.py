"""A URLconf for the error tests: the project's routes plus one view that fails."""

from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("secret detail")


urlpatterns = [*project_urlpatterns, path("boom/", boom)]
__all__ = ["handler500", "urlpatterns"]
