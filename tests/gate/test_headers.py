"""Security headers on every public page: the list is the matrix's, not one written by hand.

Every (route, GET) row of ``matrix.py`` that anonymous visitors may read (2xx, or /healthz's
503), plus allauth's login and sign-up pages and a page that does not exist, is requested
anonymously; each answer must carry the portal's headers. HSTS is only sent in production
over HTTPS, so it is checked by one request through the production settings in a process of
its own (tests run with HTTPS off).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.gate import matrix
from tests.gate.test_matrix import _endpoints, _kwargs_for

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_OUTCOMES = {"200", "202", "200|503", "200|202"}
PUBLIC_ROUTES = sorted(
    route
    for (route, method), outcomes in matrix.MATRIX.items()
    if method == "GET" and outcomes.split()[0] in PUBLIC_OUTCOMES
)
EXTRA_PAGES = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/no-such-page/"]


def assert_security_headers(response, where: str) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip())
    assert directives.get("default-src") == "'self'", f"{where}: CSP default-src is {directives.get('default-src')!r}"
    assert directives.get("frame-ancestors") == "'none'", f"{where}: CSP frame-ancestors missing"
    assert directives.get("object-src") == "'none'", f"{where}: CSP object-src missing"
    script = directives.get("script-src", directives.get("default-src", ""))
    assert "unsafe-inline" not in script and "unsafe-eval" not in script, f"{where}: CSP allows inline script"
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    assert response.headers.get("Referrer-Policy") == "same-origin", where
    assert response.headers.get("X-Frame-Options") == "DENY", where
    policy = response.headers.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in policy, f"{where}: Permissions-Policy lets {feature} through"


@pytest.fixture
def public_world(db, acme, kazakhstan, cn_air_standard, gate_world):
    """What the public routes name: Kazakhstan, China's air standard, Acme's public page, and
    (issue 14) the project gate_world put to public consultation, by its reference."""
    from knowledge.models import StandardLimit
    from knowledge.selectors import search_entry_list_public

    return {
        "acme": acme,
        "instrument": cn_air_standard,
        "limit": StandardLimit.objects.filter(instrument=cn_air_standard).first(),
        "search_entry": search_entry_list_public().first(),
        "submitted": gate_world["submitted"],
    }


def test_the_public_list_is_long_enough():
    # A matrix edit that dropped the public rows would leave this test checking nothing.
    assert len(PUBLIC_ROUTES) > 25, PUBLIC_ROUTES


@pytest.mark.parametrize("route", PUBLIC_ROUTES)
def test_every_public_page_carries_the_security_headers(client, request, route):
    endpoints = _endpoints()
    name, pattern = endpoints[(route, "GET")]
    # A disclosure page needs the whole world (a project in consultation); the rest the small one.
    world = request.getfixturevalue("gate_world" if "<str:reference>" in route else "public_world")
    url = reverse(name, kwargs=_kwargs_for(name, pattern, world))
    response = client.get(url)
    assert response.status_code in (200, 202, 503), f"{url}: {response.status_code}"
    assert_security_headers(response, url)


@pytest.mark.django_db
@pytest.mark.parametrize("url", EXTRA_PAGES)
def test_account_and_error_pages_carry_the_security_headers(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), f"{url}: {response.status_code}"
    assert_security_headers(response, url)


def test_production_sends_hsts_over_https():
    """The production settings (DEBUG off) answer an HTTPS request with a year of HSTS,
    subdomains and preload, and redirect plain HTTP to HTTPS."""
    script = (
        "from django.test import Client\n"
        "c = Client(HTTP_HOST='portal.example.org')\n"
        "r = c.get('/api/v1/no-such/', secure=True)\n"
        "print(r.headers.get('Strict-Transport-Security'))\n"
        "print(r.headers.get('Content-Security-Policy'))\n"
        "r = c.get('/api/v1/no-such/')\n"
        "print(r.status_code, r.headers.get('Location'))\n"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}
    }
    env |= {
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "-production-secret-with-enough-entropy-%$#@!",
        "ALLOWED_HOSTS": "portal.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    hsts, csp, redirect = result.stdout.strip().splitlines()[-3:]
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert "frame-ancestors 'none'" in csp
    assert redirect == "301 https://portal.example.org/api/v1/no-such/"
