"""Celery adapters of project assessment: ids in, a service does the work."""

from celery import shared_task


@shared_task(queue="default", acks_late=True)
def review_due_dates_task() -> dict:
    """Periodic (Celery beat, hourly): overdue requests and review due dates. Idempotent."""
    from assessments.services.review import review_due_dates_check

    return review_due_dates_check()
