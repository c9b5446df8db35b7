"""Which real services this machine offers the suite; tests that need one skip otherwise."""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def redis_url() -> str:
    return os.environ.get("REDIS_URL", "")


def redis_available() -> bool:
    return bool(redis_url()) and _reachable(redis_url(), 6379)


requires_postgres = pytest.mark.skipif(
    not settings.IS_POSTGRES, reason="needs PostgreSQL: set DATABASE_URL=postgres://..."
)
requires_redis = pytest.mark.skipif(
    not redis_available(),
    reason="needs Redis: set REDIS_URL to a reachable Redis (e.g. redis://127.0.0.1:6379/0)",
)
requires_chromium = pytest.mark.skipif(
    not (os.path.exists(CHROMIUM) and shutil.which("chromium")),
    reason="needs Debian Chromium at /usr/bin/chromium (apt-get install chromium chromium-driver)",
)
