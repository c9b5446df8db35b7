"""The Celery application. Queues: ``default``, ``render`` (PDF/HTML artefacts), ``mail``."""

import os

from celery import Celery
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues = (Queue("default"), Queue("render"), Queue("mail"))
app.autodiscover_tasks()
# Periodic jobs (make beat). The outbox sweep sends tasks a broker outage held back.
app.conf.beat_schedule = {
    "outbox-sweep": {"task": "portal.tasks.outbox_sweep_task", "schedule": 60.0},
}
