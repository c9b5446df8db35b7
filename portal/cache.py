"""A Redis cache that degrades instead of failing when Redis is down.

Threat: with Redis unreachable every request that touched the cache (API throttles, allauth's
rate limits, cached fragments) answered 500 while the database was fine. This backend treats
a Redis failure as a miss: reads return the default, writes are dropped, counters start over,
and a warning is logged. Throttles therefore fail open during an outage; the login lockout
does not depend on the cache (django-axes keeps it in the database). /healthz still reports
the cache as down.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

_ERRORS = (RedisError, OSError)


def _soft(name: str, fallback):
    original = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        try:
            return original(self, *args, **kwargs)
        except _ERRORS as exc:
            logger.warning("cache %s failed, degrading: %s: %s", name, type(exc).__name__, exc)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    method.__name__ = name
    method.__doc__ = original.__doc__
    return method


def _default(key, default=None, *args, **kwargs):
    return default


def _incr(key, delta=1, *args, **kwargs):
    return delta


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django builds a new ``redis.Redis`` object for every cache call; with redis-py 8 that
    object fills about 170 response callbacks on construction, which cost more than the round trip
    itself (a third of a cached page's time, measured in tests/bench). A client object is
    thread-safe and only borrows connections from the pool, so one per pool is kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache; a Redis failure is a cache miss, never an exception."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    get = _soft("get", _default)
    set = _soft("set", None)
    # "Added": callers that take a lock with add() (allauth's rate limits) go on, as with a miss.
    add = _soft("add", True)
    touch = _soft("touch", False)
    delete = _soft("delete", False)
    has_key = _soft("has_key", False)
    incr = _soft("incr", _incr)
    get_many = _soft("get_many", lambda *a, **k: {})
    set_many = _soft("set_many", lambda data, *a, **k: list(data))
    delete_many = _soft("delete_many", None)
    clear = _soft("clear", False)
