"""The Celery application. Queues: ``default``, ``render`` (PDF/HTML artefacts), ``mail``."""

import os

from celery import Celery
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = (Queue("default"), Queue("render"), Queue("mail"))
app.autodiscover_tasks()
# Periodic jobs (make beat) are CELERY_BEAT_SCHEDULE in settings.
