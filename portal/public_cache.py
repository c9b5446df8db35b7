"""Cache of anonymous public pages and API responses, invalidated by a version, not a timeout.

Every public page, feed and API list is cached per path and query, language and ``Accept``
header, under the current *public version* of its scope. Two scopes:

- ``knowledge``: the law base. The services that change what the public sees (knowledge
  publish, unpublish, schedule, edit, import) call ``bump_public_version()``.
- ``records``: the pages made from the portal's records (disclosure register, ratings, the
  blacklist, compliance pages, statistics). Every change to a record writes an audit event in
  the same transaction (house style), so ``audit_log`` bumps this scope: no service can forget.

A bump makes every cached page of the old version of that scope unreachable, now and again when
the transaction commits. What changes with time alone (a scheduled publication, a comment
window opening or closing, a day passing) is covered by the next time each scope registers with
``register_schedule_source``: the version records it and the first request after it bumps.
A page holding a CSRF token (a POST form) is never stored: its token belongs to one visitor.

Only anonymous readers share the cache: a request with a session or an API token, or with a
pending message, is neither served from it nor stored in it, and such responses are marked
``private``. Responses carry an ``ETag`` and ``Last-Modified`` and answer conditional GETs
with 304. The cache is Django's: Redis in production, local memory on the embedded default;
when it is down pages are rendered as if uncached (never a 500).
"""

import hashlib
import logging
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

log = logging.getLogger(__name__)

VERSION_KEY = "public-cache:version"
KNOWLEDGE, RECORDS = "knowledge", "records"
_schedule_sources: dict[str, list[Callable[[], datetime | None]]] = {KNOWLEDGE: [], RECORDS: []}
# Headers of a stored response worth keeping; cookies never are, Vary is added again.
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Allow", "Link")


def register_schedule_source(source: Callable[[], datetime | None], scope: str = KNOWLEDGE) -> None:
    """``source()`` returns the next time what the public sees in ``scope`` changes by itself
    (something scheduled becomes public, a window closes), or None."""
    _schedule_sources[scope].append(source)


def _next_scheduled(scope: str) -> float | None:
    times = [t for t in (source() for source in _schedule_sources[scope]) if t is not None]
    return min(times).timestamp() if times else None


def _version_key(scope: str) -> str:
    return VERSION_KEY if scope == KNOWLEDGE else f"{VERSION_KEY}:{scope}"


def _new_version(scope: str = KNOWLEDGE) -> dict:
    version = {"v": uuid.uuid4().hex[:12], "at": int(time.time()), "until": _next_scheduled(scope)}
    cache.set(_version_key(scope), version, timeout=None)
    return version


def bump_public_version(scope: str = KNOWLEDGE) -> None:
    """Make every cached public page of ``scope`` stale: now, and again when the current
    transaction commits (a page rendered in between from the data before the commit would
    otherwise stay cached under the new version). A bump only forgets the version: the next
    read makes the new one, so a transaction that audits a hundred changes costs a hundred cache
    deletes, not a hundred schedule lookups."""

    def bump():
        try:
            cache.delete(_version_key(scope))
        except Exception:  # noqa: BLE001 - a cache outage must not fail the editor's action
            log.warning("public cache: could not bump the version", exc_info=True)

    bump()
    transaction.on_commit(bump)


def _valid(version: dict | None, scope: str = KNOWLEDGE) -> dict:
    if version is None or (version["until"] is not None and time.time() >= version["until"]):
        version = _new_version(scope)
    return version


def current_version(scope: str = KNOWLEDGE) -> dict:
    return _valid(cache.get(_version_key(scope)), scope)


def _shareable_request(request) -> bool:
    """An anonymous reader with nothing personal to see: no session, token or pending message."""
    return (
        settings.PUBLIC_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _cache_key(request, scope: str = KNOWLEDGE) -> str:
    """The page's key; the entry records the version it was rendered under, so that the version
    and the page come back in one round trip (``get_many``) and an entry of an older version
    counts as a miss."""
    accept = request.META.get("HTTP_ACCEPT", "")
    raw = f"{request.get_full_path()}\n{accept}".encode()
    digest = hashlib.md5(raw).hexdigest()  # noqa: S324 - a key, not a secret
    return f"public-page:{scope}:{getattr(request, 'LANGUAGE_CODE', '')}:{digest}"


def _storable(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and "private" not in cache_control
        and "no-store" not in cache_control
        and b'name="csrfmiddlewaretoken"' not in response.content
    )


def _finish(request, response, *, etag: str, version: dict):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(version["at"])
    patch_vary_headers(response, ("Cookie", "Accept-Language", "Accept"))
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return get_conditional_response(request, etag=etag, last_modified=version["at"], response=response)


def cache_public(view=None, *, scope: str = KNOWLEDGE):
    """Decorate a public view (function, ``as_view()``, ``Feed`` or a viewset's ``dispatch``):
    ``cache_public(view)`` for the law base, ``cache_public(view, scope=RECORDS)`` for pages made
    from the portal's records."""
    if view is None:
        return lambda v: cache_public(v, scope=scope)
    version_key = _version_key(scope)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _shareable_request(request):
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
            if getattr(request, "user", None) is not None and request.user.is_authenticated:
                patch_cache_control(response, private=True)
            return response
        try:
            key = _cache_key(request, scope)
            found = cache.get_many([version_key, key])
            version = _valid(found.get(version_key), scope)
            hit = found.get(key)
        except Exception:  # noqa: BLE001 - cache down: render as if there were no cache
            log.warning("public cache unavailable", exc_info=True)
            return view(request, *args, **kwargs)
        if hit is not None and hit.get("v") == version["v"]:
            response = HttpResponse(hit["content"], status=200)
            for name, value in hit["headers"].items():
                response[name] = value
            return _finish(request, response, etag=hit["etag"], version=version)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response = response.render()
        if not _storable(response):
            return response
        etag = '"' + hashlib.md5(response.content).hexdigest() + '"'  # noqa: S324 - a fingerprint
        stored = {
            "v": version["v"],
            "content": response.content,
            "etag": etag,
            "headers": {h: response[h] for h in _KEPT_HEADERS if h in response},
        }
        try:
            cache.set(key, stored, timeout=settings.PUBLIC_CACHE_SECONDS)
        except Exception:  # noqa: BLE001
            log.warning("public cache: could not store %s", request.path, exc_info=True)
        return _finish(request, response, etag=etag, version=version)

    return wrapped


def cache_records(view):
    """``cache_public`` for a page made from the portal's records (scope ``records``)."""
    return cache_public(view, scope=RECORDS)
