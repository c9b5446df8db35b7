"""Celery adapters: outgoing mail and PDF renders. Ids and plain strings in; the work is in services."""

import logging

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import OperationalError

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    queue="mail",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=8,
)
def email_send_task(
    self, *, to: list[str], subject: str, body: str, html: str = "", headers: dict | None = None
) -> int:
    """Send one email. SMTP and network failures are retried with back-off (``OSError``)."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, headers=headers or None)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


@shared_task(queue="mail", acks_late=True)
def notification_email_task(notification_id: int) -> None:
    """Email one inbox notification to its user (idempotent: sent at most once)."""
    from portal.services import notification_email

    notification_email(notification_id=notification_id)


@shared_task(queue="default")
def ping_task(value: str) -> str:
    """Round trip used by the health check and the worker test."""
    return f"pong:{value}"


@shared_task(queue="default")
def outbox_sweep_task() -> int:
    """Send follow-up tasks that could not be queued when their action committed (beat)."""
    from portal.outbox import outbox_sweep

    return outbox_sweep()


@shared_task(
    bind=True,
    queue="render",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OSError, OperationalError),
    retry_backoff=10,
    retry_backoff_max=300,
    max_retries=5,
)
def artefact_render_task(self, artefact_id: int) -> str:
    """Render one artefact (PDF). Idempotent: a ready artefact or one in another worker's hands
    is left alone, so a redelivered message after a lost worker does no harm. Storage and
    database errors (the service's ``TRANSIENT_ERRORS``) are retried with back-off."""
    from portal.artefacts import artefact_render

    artefact = artefact_render(artefact_id=artefact_id, final_try=self.request.retries >= self.max_retries)
    return artefact.state if artefact is not None else "skipped"


@shared_task(queue="default", acks_late=True)
def artefact_requeue_stuck_task() -> list[int]:
    """Celery beat: queue again the artefacts a lost worker left in "rendering"."""
    from portal.artefacts import artefact_requeue_stuck

    return artefact_requeue_stuck()
