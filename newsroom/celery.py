"""Celery application.

With no CELERY_BROKER_URL the settings make tasks run eagerly in-process, so
the embedded default needs no broker; production points it at Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
