"""Typed errors that services raise when a rule refuses an action.

They say *what* happened, never an HTTP status: one DRF exception handler
(``portal.api.exceptions.exception_handler``) and one view mixin (``portal.views_mixins``)
map them to responses, so page and API answer alike. Every ``message`` is translated and safe to
show to the person who asked.
"""


class ServiceError(Exception):
    """The input cannot be accepted (400)."""

    http_status = 400

    def __init__(self, message, *, field: str = "", details: list | None = None):
        super().__init__(message)
        self.message = message
        # The input field the message is about, so a page can show it beside that field.
        self.field = field
        # Further lines a person can act on (e.g. what is still missing before submission).
        self.details = details or []


class PermissionDeniedError(ServiceError):
    """This user may not do this (403)."""

    http_status = 403


class BlacklistedError(PermissionDeniedError):
    """The enterprise is blacklisted and may not start this action (403, told apart in the API)."""


class NotFoundError(ServiceError):
    """The object is not there for this user (404): out of scope looks the same as absent."""

    http_status = 404


class ConflictError(ServiceError):
    """The object's state forbids this now, or someone else changed it first (409)."""

    http_status = 409


class RateLimitedError(ServiceError):
    """Too many of these from one address or email in a short time (429); ``retry_after`` in s."""

    http_status = 429

    def __init__(self, message, *, retry_after: int = 60, **kwargs):
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServiceUnavailableError(ServiceError):
    """A part the action needs is down or too slow right now; trying again later may work (503)."""

    http_status = 503


def http_status(exc: ServiceError) -> int:
    return exc.http_status


class StorageFullError(ServiceUnavailableError):
    """The file store has no room (disk or quota full): nothing was stored (503)."""
