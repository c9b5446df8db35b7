"""Schemathesis over the whole API schema, anonymous and with a token for each role.

Every operation of ``/api/schema/`` gets schema-valid requests (positive) and schema-breaking
ones (negative), a bounded number of each, half of them aimed at real objects of the world in
``conftest.gate_world`` (Acme's submitted project, its information request, a draft, a Globex
project…) so that a request reaches the code behind the 404. Each answer must be:

- not a server error (no 5xx; a 503 is allowed only where the schema says so),
- an answer the schema documents (status code, content type, and body against its schema).

Failures are collected over the whole run and reported together, one line per operation,
role, check and status, with a curl command that reproduces the first of each.

``GATE_FUZZ_EXAMPLES`` (default 5) bounds the examples per operation, role and mode: about 2,600
requests, one to two and a half minutes on a shared 2-core machine. The full report goes to
``tests/artifacts/schemathesis.txt``.
"""

import collections
import os
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
EXAMPLES = int(os.environ.get("GATE_FUZZ_EXAMPLES", "5"))
ROLES = ["anonymous", "owner", "member", "other_enterprise", "lead_reviewer", "reviewer", "financial"]
# Broken input is refused before the role matters: three roles cover the parsers and serializers.
ROLES_NEGATIVE = ["anonymous", "owner", "lead_reviewer"]
# These end the token that calls them: each example gets a token of its own.
TOKEN_ENDING = {"POST /api/v1/auth/token/rotate/", "POST /api/v1/auth/token/revoke/"}
# Not ``negative_data_rejection``: django-filter reads a boolean filter's "null" or an unknown
# value as "no filter" and answers 200, which is lenient, not unsafe.
CHECKS = {
    GenerationMode.POSITIVE: [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ],
    GenerationMode.NEGATIVE: [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ],
}


@pytest.fixture
def wsgi_app():
    """Django's WSGI app inside the test's transaction: the per-request connection cleanup that
    Django's own test client switches off would otherwise close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _real_path_values(world, personas) -> dict[str, list]:
    """Path parameter names of the schema → values that name real objects."""
    submitted, draft, foreign = world["submitted"], world["draft"], world["foreign"]
    return {
        "id": [submitted.pk, draft.pk, foreign.pk, world["limit"].pk],
        "measure_pk": [world["measure"].pk],
        "request_pk": [world["request"].pk],
        "report_pk": [world["report"].pk],
        "number": [1],
        "version_pk": [world["version"].pk],
        "artefact_pk": [1],
        "iso2": ["KZ", "CN", "VN"],
        "key": [world["instrument"].key],
        "slug": ["no-such-article"],
        "registration_number": [world["acme"].registration_number],
        "reference": [world["submitted"].reference],
    }


def _aimed(strategy, real: dict[str, list]):
    """Half the cases keep the generated path parameters, half name real objects."""

    def aim(pair):
        case, picks = pair
        if picks is not None and case.path_parameters:
            for name in case.path_parameters:
                if name in real:
                    case.path_parameters[name] = real[name][picks % len(real[name])]
        return case

    return st.tuples(strategy, st.none() | st.integers(min_value=0, max_value=3)).map(aim)


@pytest.mark.django_db
def test_the_api_answers_every_generated_request_as_its_schema_says(wsgi_app, gate_world, personas):
    from knox.models import AuthToken

    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    tokens = {role: AuthToken.objects.create(user=personas[role])[1] for role in ROLES if role != "anonymous"}
    real = _real_path_values(gate_world, personas)
    failures: collections.defaultdict = collections.defaultdict(set)
    first: dict[tuple, str] = {}
    sent = 0

    def headers_for(role, label):
        if role == "anonymous":
            return {}
        token = AuthToken.objects.create(user=personas[role])[1] if label in TOKEN_ENDING else tokens[role]
        return {"Authorization": f"Token {token}"}

    def probe_for(operation, mode, role):
        strategy = operation.as_strategy(generation_mode=mode)
        # Aiming at real objects would repair a broken path parameter: negative cases keep theirs.
        if mode == GenerationMode.POSITIVE:
            strategy = _aimed(strategy, real)

        @hsettings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def probe(case):
            nonlocal sent
            sent += 1
            headers = headers_for(role, operation.label)
            response = case.call(headers=headers)
            try:
                case.validate_response(response, checks=CHECKS[mode], headers=headers)
            except FailureGroup as group:
                for failure in group.exceptions:
                    title = getattr(failure, "title", type(failure).__name__)
                    key = (operation.label, mode.value, title, response.status_code)
                    failures[key].add(role)
                    first.setdefault(key, f"as {role}: {group}"[:4000])

        return probe

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40, "the schema lost its operations"
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for role in ROLES if mode == GenerationMode.POSITIVE else ROLES_NEGATIVE:
                try:
                    probe_for(operation, mode, role)()
                except Unsatisfiable:
                    continue  # nothing to break in this operation's input (negative mode)

    report = "\n".join(
        f"{' '.join(map(str, key))}  [{', '.join(sorted(roles))}]" for key, roles in sorted(failures.items())
    )
    details = "\n\n".join(f"{' '.join(map(str, key))}\n{text}" for key, text in first.items())
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "schemathesis.txt").write_text(f"{sent} requests\n{report}\n\n{details}\n")
    details = details[:20000]
    assert not failures, f"{len(failures)} kinds of failure in {sent} requests:\n{report}\n\nFirst of each:\n{details}"
