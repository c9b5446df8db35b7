"""Login lockout (django-axes hooks): the real client address, the account an attempt names,
and the answer a locked-out client gets.

Threat: a client that sends its own ``X-Forwarded-For`` must not choose the address its
failed logins and throttles are counted under. The header is read only when
``TRUSTED_PROXY_COUNT`` reverse proxies are configured in front of the portal; each appends
the address it saw, so the client is the entry ``TRUSTED_PROXY_COUNT`` places from the right.
Anything the client wrote further left is ignored.
"""

import ipaddress

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # "[::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.5:443"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The address failed logins and throttles are counted under (never client-chosen)."""
    meta = getattr(request, "META", {})
    remote = _clean(meta.get("REMOTE_ADDR")) or "0.0.0.0"  # noqa: S104 - a key, not a bind
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [h for h in (meta.get("HTTP_X_FORWARDED_FOR") or "").split(",") if h.strip()]
    if len(hops) < count:
        # Fewer hops than configured proxies: the request bypassed a proxy; trust nothing.
        return remote
    return _clean(hops[-count]) or remote


def login_username(request, credentials: dict | None) -> str | None:
    """The account a login attempt names, whichever form sent it (allauth, admin, API).

    Emails are compared lower-case, so ``Alice@x`` and ``alice@x`` share one counter.
    """
    credentials = credentials or {}
    data = getattr(request, "POST", {}) or {}
    for key in ("email", "username", "login"):
        value = credentials.get(key) or data.get(key)
        if value:
            return str(value).strip().lower()[:254]
    return None


def lockout_response(request, original_response=None, credentials=None):
    """429 for every login path: JSON under /api/, the explained page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": _("Too many failed logins for this account or address. Try again later.")}, status=429
        )
    return render(request, "portal/lockout.html", status=429)
