"""The transactional outbox: follow-up tasks survive a broker outage.

``enqueue_on_commit(task, *args, **kwargs)`` replaces ``transaction.on_commit(lambda:
task.delay(...))``. It writes an ``OutboxMessage`` in the caller's transaction (so the task
exists exactly when the change does) and, after commit, tries to hand it to the broker once,
without Celery's blocking publish retries. If the broker is down the action has still
committed and its page answers normally; ``outbox_sweep`` (Celery beat, every minute) sends
the message once the broker is back. Arguments must be JSON (ids and plain strings, as every
task here takes); the payload is cleared once sent, since mail bodies may hold links.
"""

import logging
from datetime import timedelta

from celery import current_app
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from portal.models import OutboxMessage

logger = logging.getLogger(__name__)

# What a broker outage looks like from the client: kombu wraps most, redis-py and the socket
# layer raise the rest. Anything else (a bug in an eager task) propagates as before.
BROKER_ERRORS = (OperationalError, RedisError, OSError)
# The sweep leaves younger messages to the on-commit send that is about to happen.
SWEEP_GRACE = timedelta(seconds=30)
SWEEP_BATCH = 200


def enqueue_on_commit(task, *args, queue: str = "", **kwargs) -> OutboxMessage:
    """Record ``task(*args, **kwargs)`` in this transaction; send it after commit, to ``queue``
    when given (otherwise the queue the task names). No task takes an argument named ``queue``."""
    message = OutboxMessage.objects.create(task_name=task.name, args=list(args), kwargs=kwargs, queue=queue)
    transaction.on_commit(lambda: _send(message.pk))
    return message


def _send(message_id: int) -> bool:
    message = OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).first()
    if message is None:
        return False
    return _deliver(message)


def _deliver(message: OutboxMessage) -> bool:
    """One attempt to publish; marks the message sent, or records why not."""
    try:
        # Through the registered task, not send_task(): it honours CELERY_TASK_ALWAYS_EAGER.
        task = current_app.tasks[message.task_name]
        options = {"queue": message.queue} if message.queue else {}
        task.apply_async(args=message.args, kwargs=message.kwargs, retry=False, **options)
    except BROKER_ERRORS as exc:
        OutboxMessage.objects.filter(pk=message.pk).update(
            attempts=message.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:500]
        )
        logger.warning("outbox: %s not sent (broker unavailable), will retry: %s", message.task_name, exc)
        return False
    OutboxMessage.objects.filter(pk=message.pk).update(
        sent_at=timezone.now(), attempts=message.attempts + 1, last_error="", args=[], kwargs={}
    )
    return True


def outbox_sweep(*, grace: timedelta = SWEEP_GRACE, limit: int = SWEEP_BATCH) -> int:
    """Send pending messages older than ``grace``; returns how many went. Stops at the first
    broker failure (the rest would fail the same way)."""
    sent = 0
    with transaction.atomic():
        pending = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True, created_at__lte=timezone.now() - grace)
            .order_by("created_at", "id")[:limit]
        )
        for message in pending:
            if not _deliver(message):
                break
            sent += 1
    return sent


def outbox_pending_count() -> int:
    return OutboxMessage.objects.filter(sent_at__isnull=True).count()
