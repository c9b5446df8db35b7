"""The authorization matrix: every URL pattern × every role, against the table in ``matrix.py``.

The rows are not written from memory of the URL files: the test walks Django's URL resolver and
the OpenAPI schema, so a pattern (or an API method) added anywhere without a row fails
``test_every_endpoint_has_a_row`` naming it. ``GATE_PRINT_MATRIX=1`` prints the measured row
of every pattern that has none (and of every row that disagrees), ready to paste after review.

Each request runs in a savepoint that is rolled back, so one role's POST (a claim, a decision)
does not change what the next role meets, and every role meets the same world
(``conftest.gate_world``): objects of Acme, so "other enterprise" and "other jurisdiction" must
get 404, never 403, for them.
"""

import functools
import os
import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.gate import matrix

MATRIX_FILE = "tests/gate/matrix.py"
PRINT = os.environ.get("GATE_PRINT_MATRIX") == "1"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


# --- The URL configuration, walked ---------------------------------------------------------------


def _walk(resolver=None, prefix="", namespace=""):
    """Yield (route, name, pattern) for every leaf pattern: route is the full pattern text."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
            yield prefix + str(entry.pattern), name, entry


def _page_methods(pattern: URLPattern) -> list[str]:
    """The methods the view class answers of GET and POST (a form page is both: a permission
    checked in ``get`` only would leave the POST open, and the POST row shows it)."""
    view = getattr(pattern.callback, "view_class", None)
    if view is None:
        return ["GET"]
    methods = [m for m in ("GET", "POST") if hasattr(view, m.lower())]
    return methods or ["GET"]


def _schema_operations() -> dict[str, list[str]]:
    """Route → the methods the OpenAPI schema documents for it."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    by_route: dict[str, list[str]] = {}
    for path, operations in schema["paths"].items():
        concrete = re.sub(r"\{[^}]+\}", "1", path)
        route = resolve(concrete).route
        for method in operations:
            by_route.setdefault(route, []).append(method.upper())
    return by_route


@functools.cache
def _endpoints():
    """Every (route, method) the URL configuration and the schema offer, with its URL name
    (computed once: the header test asks for it once per public page)."""
    api = _schema_operations()
    seen = {}
    for route, name, pattern in _walk():
        methods = api.get(route) or _page_methods(pattern)
        for method in methods:
            seen.setdefault((route, method), (name, pattern))
    return seen


def _covered_by_glob(route: str) -> str | None:
    return next((prefix for prefix in matrix.GLOBS if route.startswith(prefix)), None)


# --- Measuring ------------------------------------------------------------------------------------


def _kwargs_for(name: str, pattern: URLPattern, world: dict) -> dict:
    """Real objects for the pattern's parameters: Acme's, so scoping shows. A parameter the
    world has no object for is 1 (usually a 404 for everyone)."""

    def pk(key, attr="pk"):
        obj = world.get(key)
        return getattr(obj, attr) if obj is not None else 1

    by_param = {
        "pk": pk("submitted"),
        "version_pk": pk("version"),
        "request_pk": pk("request"),
        "report_pk": pk("report"),
        "measure_pk": pk("measure"),
        "artefact_pk": 999999,  # no report rendered: the gate checks the door, not the room
        "number": 1,
        "iso2": "KZ",
        "sector": "solar",
        "key": pk("instrument", "key"),
        "slug": "no-such-article",
        "token": pk("invitation", "token"),
        "registration_number": pk("acme", "registration_number"),
        "reference": pk("submitted", "reference"),
        "comment_pk": pk("comment"),
    }
    by_name = {
        "portal:invitation-revoke": {"pk": pk("invitation")},
        "barometer:enterprise": {"pk": pk("acme")},
        "barometer:compliance": {"pk": pk("acme"), "reference": pk("submitted", "reference")},
        "barometer:workspace-case": {"pk": pk("case")},
        "review:blacklist-case": {"pk": pk("case")},
        "review:enterprise-action": {"pk": pk("acme")},
        "knowledge-api:limit-detail": {"pk": pk("limit")},
        "knowledge-api:search-detail": {"pk": pk("search_entry")},
        "review:moderation-action": {"pk": pk("pending_comment"), "action": "publish"},
        "disclosure:attachment": {"pk": 999999},  # no attachment: the door, not the room
        "disclosure:comment-confirm": {"token": "no-such-token"},
    }
    params = list(pattern.pattern.converters) or list(pattern.pattern.regex.groupindex)
    values = by_param | by_name.get(name, {})
    return {param: values.get(param, 1) for param in params}


def _outcome(response) -> str:
    if response.status_code in (301, 302, 303):
        location = response.headers.get("Location", "")
        return "login" if "/login/" in location else "redirect"
    return str(response.status_code)


class Roles:
    """One client per role: a session for pages, a knox token for the API (as clients use it)."""

    def __init__(self, personas):
        from knox.models import AuthToken

        self.pages = {"anonymous": Client()}
        self.api = {"anonymous": Client()}
        for role in matrix.ROLES[1:]:
            user = personas[role]
            self.pages[role] = Client()
            self.pages[role].force_login(user)
            token = AuthToken.objects.create(user=user)[1]
            self.api[role] = Client(HTTP_AUTHORIZATION=f"Token {token}")

    def measure(self, url: str, method: str) -> str:
        """The outcome for every role, space-separated in matrix.ROLES order."""
        outcomes = []
        clients = self.api if url.startswith("/api/") else self.pages
        for role in matrix.ROLES:
            with transaction.atomic():
                response = clients[role].generic(method, url, content_type="application/json")
                transaction.set_rollback(True)
            outcomes.append(_outcome(response))
        return " ".join(outcomes)


def _agrees(measured: str, expected: str) -> bool:
    got, want = measured.split(), expected.split()
    return len(got) == len(want) and all(g in w.split("|") for g, w in zip(got, want, strict=True))


def _row_text(route: str, method: str, measured: str, name: str) -> str:
    return f"    ({route!r}, {method!r}): {measured!r},  # {name}"


# --- The tests ------------------------------------------------------------------------------------


def test_every_endpoint_has_a_row():
    endpoints = _endpoints()
    missing = [
        (route, method, name)
        for (route, method), (name, _) in sorted(endpoints.items())
        if (route, method) not in matrix.MATRIX and not _covered_by_glob(route)
    ]
    stale = sorted(key for key in matrix.MATRIX if key not in endpoints)
    message = []
    if missing:
        message.append(
            f"{len(missing)} endpoint(s) have no row in {MATRIX_FILE} (MATRIX): add the expected outcome for every "
            "role (columns: " + " ".join(matrix.ROLES) + "). Run\n    GATE_PRINT_MATRIX=1 .venv/bin/python -m pytest "
            "tests/gate/test_matrix.py -q -s -k every_role\n"
            "to print the measured rows, check each outcome is intended, and paste:"
        )
        message += [f"    ({route!r}, {method!r}): ...,  # {name}" for route, method, name in missing]
    if stale:
        message.append(f"Rows in {MATRIX_FILE} for endpoints that no longer exist (remove them):")
        message += [f"    {key!r}" for key in stale]
    assert not message, "\n".join(message)


@pytest.mark.django_db
def test_every_role_meets_the_expected_outcome_on_every_endpoint(gate_world, personas):
    roles = Roles(personas)
    endpoints = _endpoints()
    wrong, new = [], []
    for (route, method), (name, pattern) in sorted(endpoints.items()):
        if _covered_by_glob(route):
            continue
        expected = matrix.MATRIX.get((route, method))
        if expected is None and not PRINT:
            continue  # test_every_endpoint_has_a_row names it
        try:
            url = reverse(name, kwargs=_kwargs_for(name, pattern, gate_world))
        except NoReverseMatch as exc:
            pytest.fail(
                f"{route} ({name}): no URL can be built from the gate's values ({exc}). Give its parameters "
                "real objects in _kwargs_for (tests/gate/test_matrix.py) and gate_world (tests/gate/conftest.py)."
            )
        measured = roles.measure(url, method)
        if expected is None:
            new.append(_row_text(route, method, measured, name))
        elif not _agrees(measured, expected):
            wrong.append((route, method, url, expected, measured, name))
    for prefix, (name, expected) in matrix.GLOBS.items():
        measured = roles.measure(reverse(name), "GET")
        if not _agrees(measured, expected):
            wrong.append((prefix + "*", "GET", reverse(name), expected, measured, name))
    if PRINT and (new or wrong):
        print("\n# Measured rows for", MATRIX_FILE, "(columns:", " ".join(matrix.ROLES) + ")")  # noqa: T201
        print("\n".join(new + [_row_text(r, m, got, n) for r, m, _, _, got, n in wrong]))  # noqa: T201
    header = " ".join(f"{role:>8.8}" for role in matrix.ROLES)
    lines = [
        f"{method} {url} ({route} in {MATRIX_FILE})\n    role      {header}\n    expected  "
        + " ".join(f"{o:>8}" for o in expected.split())
        + "\n    measured  "
        + " ".join(f"{o:>8}" for o in measured.split())
        for route, method, url, expected, measured, _ in wrong
    ]
    assert not wrong, f"{len(wrong)} endpoint(s) answer a role otherwise than {MATRIX_FILE} expects:\n" + "\n".join(
        lines
    )
