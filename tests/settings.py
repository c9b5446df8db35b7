"""The test configuration, named explicitly by pytest (``DJANGO_SETTINGS_MODULE`` in pyproject).

Production settings with what tests need on top: DEBUG stays off (tests see the portal as it is
deployed), but tasks run eagerly and the cache is private local memory whatever ``REDIS_URL``
says (the real-worker tests start their own worker with ``portal.settings``), passwords hash
fast, and requests are plain HTTP from the test client.
"""

import os

_TEST_ENV = {
    "SECRET_KEY": "test-only-insecure-key-never-used-in-production-0123456789abcdef",
    "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
    "STATIC_MANIFEST": "0",
}
_added = [k for k in _TEST_ENV if k not in os.environ]
os.environ.update({k: _TEST_ENV[k] for k in _added})

# Under pytest-xdist each worker process gets its own Redis database (the broker's queues, the
# cache, the throttles), counting down from the one REDIS_URL names, so two workers' tasks and
# counters never meet; the test database is already per worker (pytest-django adds a suffix).
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
# A process the test starts (a Celery worker reading these settings) inherits the shifted URL
# and the marker, and must not shift it again.
if _worker.startswith("gw") and os.environ.get("REDIS_URL") and os.environ.get("TEST_REDIS_PER_WORKER") != _worker:
    from urllib.parse import urlparse

    _parsed = urlparse(os.environ["REDIS_URL"])
    _db = _parsed.path.strip("/")
    _db_number = (int(_db) if _db.isdigit() else 0) - int(_worker[2:])
    os.environ["REDIS_URL"] = _parsed._replace(path=f"/{_db_number % 16}").geturl()
    os.environ["TEST_REDIS_PER_WORKER"] = _worker

from portal.settings import *  # noqa: E402, F403
from portal.settings import REST_FRAMEWORK, STORAGES  # noqa: E402

# Processes the tests start (manage.py, gunicorn, a worker) read their own settings.
for _key in _added:
    del os.environ[_key]

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True
# Hashing is deliberately slow; tests log in hundreds of times and check behaviour, not cost.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The public page cache and the anonymous search throttle have their own tests, which turn them on.
PUBLIC_CACHE = False
SEARCH_ANON_RATE = ""
ALERT_SUBSCRIBE_RATE = ""
