"""The one place where a service's typed error becomes an API response."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from portal.errors import BlacklistedError, RateLimitedError, ServiceError, http_status


def exception_handler(exc, context):
    """DRF's handler, plus ``ServiceError`` and its kinds: ``{"detail": message}`` with the
    status of the kind (400, 403, 404, 409); further lines a person can act on in ``missing``."""
    if isinstance(exc, ServiceError):
        data = {"detail": str(exc.message)}
        if exc.field:
            data["field"] = exc.field
        if exc.details:
            data["missing"] = [str(d) for d in exc.details]
        if isinstance(exc, BlacklistedError):
            data["code"] = "blacklisted"
        response = Response(data, status=http_status(exc))
        if isinstance(exc, RateLimitedError):
            response["Retry-After"] = str(exc.retry_after)
        return response
    if isinstance(exc, DjangoValidationError):
        # A model's own check (``full_clean``) that no serializer caught first: still the
        # client's input, so a 400 with the model's messages, never a 500.
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": " ".join(exc.messages)}
        exc = ValidationError(detail)
    return drf_exception_handler(exc, context)
