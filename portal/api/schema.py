"""What the OpenAPI schema says beyond what drf-spectacular infers from the views.

drf-spectacular documents the success response of each operation. The error answers come from
one place (``portal.api.exceptions``, DRF's authentication, permission, pagination and
throttling), so they are documented in one place too: this hook adds them to every operation
where they can happen, with the body the exception handler really sends. The schemathesis run
(``tests/gate/test_schemathesis.py``) holds the result to the truth: an answer whose status is
not documented, or whose body does not match, fails it.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

UNSAFE = {"post", "put", "patch", "delete"}

ERROR = {
    "type": "object",
    "description": "An answer that is not a success: `detail` says what happened in words a person can act on.",
    "properties": {
        "detail": {"type": "string"},
        "field": {"type": "string", "description": "The input field the message is about, when there is one."},
        "missing": {"type": "array", "items": {"type": "string"}, "description": "What is still to be done."},
        "code": {"type": "string", "description": "A stable code for the kinds a client may branch on."},
    },
    "required": ["detail"],
}
# DRF's validation errors: either ``detail`` or one list of messages per input field (nested for
# nested input), so the body is an object whose keys depend on the input.
VALIDATION_ERROR = {
    "type": "object",
    "description": "The input was refused: `detail`, or for each field the messages about it.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}

RESPONSES = {
    "400": (_("The input was refused; the body says why."), "ValidationError"),
    "401": (_("No credentials, or an invalid or expired token."), "Error"),
    "403": (_("Signed in, but this account may not do this."), "Error"),
    "404": (_("No such object, or not one this account may see."), "Error"),
    "409": (_("The object changed in a way that no longer allows this; reload and try again."), "Error"),
    "429": (_("Too many requests; the Retry-After header says when to try again."), "Error"),
    "503": (_("A part the answer needs is down or the query took too long; try again later."), "Error"),
}


def _anonymous_allowed(operation: dict) -> bool:
    # drf-spectacular lists an empty requirement when AllowAny (or IsAuthenticatedOrReadOnly) applies.
    return any(requirement == {} for requirement in operation.get("security", []))


def _codes_for(path: str, method: str, operation: dict) -> list[str]:
    parameters = operation.get("parameters", [])
    query = [p for p in parameters if p.get("in") == "query"]
    has_path = any(p.get("in") == "path" for p in parameters)
    codes = ["401", "429"]  # a bad token is refused on every endpoint; every endpoint is throttled
    if "requestBody" in operation or query or method in UNSAFE:  # services refuse with 400
        codes.append("400")
    if not _anonymous_allowed(operation) or method in UNSAFE:
        codes.append("403")  # wrong role, unconfirmed account, or a session request without CSRF
    if has_path or any(p["name"] == "page" for p in query):
        codes.append("404")  # out of scope, or a page past the end
    if method in UNSAFE and not path.startswith("/api/v1/auth/"):
        codes.append("409")
    if "/search/" in path:
        codes.append("503")  # the public statement timeout
    return codes


def document_error_responses(result, generator, request, public):
    """POSTPROCESSING_HOOKS entry: add the error answers each operation can give."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Error", ERROR)
    schemas.setdefault("ValidationError", VALIDATION_ERROR)
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for code in _codes_for(path, method, operation):
                description, component = RESPONSES[code]
                existing = responses.get(code)
                body = {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}}
                if existing is None:
                    responses[code] = {"description": str(description), "content": body}
                elif not existing.get("content"):
                    existing["content"] = body
    return result


class PortalAutoSchema(AutoSchema):
    """drf-spectacular's schema, with blank choices where the data has them.

    DRF drops ``allow_blank`` from a ModelSerializer's ``read_only_fields``, so a choice field
    whose model column may be blank (a project's category before screening) was documented as
    an enum without "" although the API sends "". The model says the truth; read it.
    """

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        if isinstance(field, serializers.ChoiceField) and field.read_only and not field.allow_blank:
            model_field = _model_field(field)
            if model_field is not None and model_field.blank:
                field.allow_blank = True  # this serializer instance exists for the schema only
        return super()._map_serializer_field(field, direction, bypass_extensions)


def _model_field(field):
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return None
    try:
        return model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return None
