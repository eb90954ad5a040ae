"""The app's URLs plus the bench ceiling, ``POST /bench/bare/`` (bench settings only)."""

from django.urls import path

from clinic.bench.views import bare_insert
from clinic.urls import handler500
from clinic.urls import urlpatterns as app_urlpatterns

urlpatterns = [path("bench/bare/", bare_insert, name="bench_bare"), *app_urlpatterns]
# The app's own error handler (a database outage answers 503), as in production.
__all__ = ["handler500", "urlpatterns"]
