"""The Celery app: workers run ``celery -A config worker``; settings are the CELERY_*
ones in Django's settings, and tasks are found in each installed app's ``tasks``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("nervedesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
