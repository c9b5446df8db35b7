"""Health of the parts the portal depends on, for load balancers and operators."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone


def _check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        return False, type(exc).__name__
    return True, connection.vendor


def _check_cache() -> tuple[bool, str]:
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", 5)
        ok = cache.get(key) == "1"
        cache.delete(key)
    except Exception as exc:  # noqa: BLE001
        return False, type(exc).__name__
    return ok, settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def _check_broker() -> tuple[bool, str]:
    from portal.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001
        return False, type(exc).__name__
    return True, "redis"


def _check_workers() -> tuple[bool, str]:
    from portal.celery import app

    try:
        replies = app.control.ping(timeout=1.0) or []
    except Exception as exc:  # noqa: BLE001
        return False, type(exc).__name__
    if not replies:
        return False, "no worker answered"
    return True, f"{len(replies)} worker(s)"


# Files every page links: if the collected manifest lacks them, every page answers 500.
_STATIC_PROBES = ("css/portal.css", "vendor/leaflet/leaflet.js")


def _check_static() -> tuple[bool, str]:
    """The hashed-name manifest of collected static files exists and names what pages use."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    try:
        for name in _STATIC_PROBES:
            staticfiles_storage.url(name)
    except Exception as exc:  # noqa: BLE001 - a missing manifest or entry is "down"
        return False, type(exc).__name__
    return True, type(staticfiles_storage._wrapped).__name__


# A follow-up task still unsent after this long means the broker has been away for a while.
OUTBOX_STALE_AFTER = timedelta(minutes=10)


def _check_outbox() -> tuple[bool, str]:
    """Tasks that could not be queued wait in the outbox; old ones mean sending is stuck."""
    from portal.models import OutboxMessage

    try:
        pending = OutboxMessage.objects.filter(sent_at__isnull=True)
        stale = pending.filter(created_at__lt=timezone.now() - OUTBOX_STALE_AFTER).count()
        total = pending.count()
    except Exception as exc:  # noqa: BLE001
        return False, type(exc).__name__
    return stale == 0, f"{total} pending, {stale} older than {int(OUTBOX_STALE_AFTER.total_seconds() // 60)} min"


def health_report(*, detail: bool = True) -> tuple[bool, dict]:
    """Check every configured part. Without REDIS_URL the broker and workers are in-process.

    ``detail`` adds backend names and exception classes; they help an attacker as much as an
    operator, so the view gives them only to staff and to loopback callers.
    """
    checks = {"database": _check_database(), "cache": _check_cache(), "static": _check_static()}
    if settings.REDIS_URL:
        checks["broker"] = _check_broker()
        checks["workers"] = _check_workers() if checks["broker"][0] else (False, "broker down")
    else:
        checks["broker"] = (True, "not configured: tasks run in-process")
        checks["workers"] = (True, "not configured: tasks run in-process")
    checks["outbox"] = _check_outbox() if checks["database"][0] else (False, "database down")
    ok = all(up for up, _detail in checks.values())
    body = {
        "status": "ok" if ok else "down",
        "down": [name for name, (up, _d) in checks.items() if not up],
        "checks": {name: ({"up": up, "detail": text} if detail else {"up": up}) for name, (up, text) in checks.items()},
    }
    return ok, body
