"""Health of the parts the portal depends on, for load balancers and operators."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection


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


def health_report() -> tuple[bool, dict]:
    """Check every configured part. Without REDIS_URL the broker and workers are in-process."""
    checks = {"database": _check_database(), "cache": _check_cache()}
    if settings.REDIS_URL:
        checks["broker"] = _check_broker()
        checks["workers"] = _check_workers() if checks["broker"][0] else (False, "broker down")
    else:
        checks["broker"] = (True, "not configured: tasks run in-process")
        checks["workers"] = (True, "not configured: tasks run in-process")
    ok = all(up for up, _detail in checks.values())
    body = {
        "status": "ok" if ok else "down",
        "down": [name for name, (up, _d) in checks.items() if not up],
        "checks": {name: {"up": up, "detail": detail} for name, (up, detail) in checks.items()},
    }
    return ok, body
