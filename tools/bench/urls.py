"""The app's URLs plus the bench's ceiling, ``POST /bench/bare/`` (bench settings only)."""

from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as app_urlpatterns
from tools.bench.views import bare_insert

urlpatterns = [path("bench/bare/", bare_insert, name="bench_bare"), *app_urlpatterns]
# The app's own error handler (a database outage answers 503), as in production.
__all__ = ["handler500", "urlpatterns"]
