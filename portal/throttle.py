"""A small cache-backed throttle for anonymous public work that costs the database (search).

Fixed one-window counters per client address in the cache. When the cache is down the request
is allowed (and logged): a throttle must not turn a cache outage into an outage of the page.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)
_PERIODS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600}


def parse_rate(rate: str) -> tuple[int, int] | None:
    """``"30/minute"`` → (30, 60); empty → None (no throttle)."""
    if not rate:
        return None
    count, _slash, period = rate.partition("/")
    return int(count), _PERIODS[period.strip().lower()]


def client_address(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is whatever the client says unless a proxy we trust
    # sets it, and that trust is the reverse proxy's configuration (it rewrites REMOTE_ADDR).
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def throttle_wait(request, *, scope: str, rate: str) -> int:
    """0 when the request may go on; otherwise the seconds until the client may try again.
    Signed-in users are not throttled here (their API and pages have their own limits)."""
    parsed = parse_rate(rate)
    user = getattr(request, "user", None)
    if parsed is None or (user is not None and user.is_authenticated):
        return 0
    limit, period = parsed
    window = int(time.time() // period)
    key = f"throttle:{scope}:{client_address(request)}:{window}"
    try:
        if cache.add(key, 1, timeout=period + 1):
            return 0
        count = cache.incr(key)
    except Exception:  # noqa: BLE001 - any cache failure: allow, and say so in the log
        log.warning("throttle %s: cache unavailable, request allowed", scope, exc_info=True)
        return 0
    if count <= limit:
        return 0
    return max(1, (window + 1) * period - int(time.time()))


def search_throttle_wait(request) -> int:
    return throttle_wait(request, scope="search", rate=settings.SEARCH_ANON_RATE)
