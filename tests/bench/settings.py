"""Settings of the benchmarked server: the production settings (DEBUG off) plus a trivial view
to measure against, and static files served from the finders (the benchmark fetches no static
file, and needs no collectstatic run)."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
