"""Celery adapters of project assessment: ids in, the work in services. Each names its queue."""

from celery import shared_task


@shared_task(queue="default", acks_late=True)
def review_due_dates_task() -> dict:
    """Periodic (Celery beat, hourly): overdue requests and review due dates. Idempotent."""
    from assessments.services.review import review_due_dates_check

    return review_due_dates_check()


@shared_task(queue="default", acks_late=True)
def blacklist_lift_ended_task() -> int:
    """Beat: lift blacklist entries whose period has ended (idempotent)."""
    from assessments.services.blacklist import blacklist_lift_ended

    return blacklist_lift_ended()


@shared_task(queue="default", acks_late=True)
def rating_recompute_all_task() -> int:
    """Beat, nightly: recompute every enterprise's rating (a new row only where it changed)."""
    from assessments.services.rating import rating_recompute_all

    return rating_recompute_all()


@shared_task(bind=True, queue="default", acks_late=True, max_retries=8)
def webhook_deliver_task(self, delivery_id: int) -> bool:
    """Send one signed webhook; a failure is retried with exponential back-off (30 s, 60 s, …
    capped at 1 h), then marked failed."""
    from assessments.services.credit import WebhookDeliveryError, webhook_deliver, webhook_mark_failed

    try:
        return webhook_deliver(delivery_id=delivery_id)
    except WebhookDeliveryError as exc:
        if self.request.retries >= self.max_retries:
            webhook_mark_failed(delivery_id=delivery_id)
            return False
        raise self.retry(exc=exc, countdown=min(3600, 30 * 2**self.request.retries)) from exc


@shared_task(queue="default", acks_late=True)
def comment_windows_task() -> dict:
    """Beat, every minute: open and close comment windows at their instants (idempotent)."""
    from assessments.services.disclosure import comment_windows_tick

    return comment_windows_tick()


@shared_task(queue="mail", acks_late=True)
def alert_digests_task() -> int:
    """Beat, daily: one digest email per alert subscriber with something new (idempotent)."""
    from assessments.services.alerts import alert_digests_send

    return alert_digests_send()


def report_schedule_task() -> dict:
    """Beat, hourly: performance-report rows for new periods, reminders, overdue marking
    (idempotent: each reminder and each overdue notice is sent once)."""
    from assessments.services.reports import report_schedule_run

    return report_schedule_run()
