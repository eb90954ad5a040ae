"""The app's URLs plus the bench ceiling, ``POST /bench/bare/`` (bench settings only)."""

from django.urls import path

from clinic.bench.views import bare_insert
from clinic.urls import urlpatterns as app_urlpatterns

urlpatterns = [path("bench/bare/", bare_insert, name="bench_bare"), *app_urlpatterns]
