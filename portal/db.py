"""Bounds on what one public request may cost the database."""

from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext_lazy as _

from portal.errors import ServiceUnavailableError


class QueryTooSlow(ServiceUnavailableError):
    """The database stopped a public query at its statement timeout."""

    def __init__(self):
        super().__init__(
            _("This search took too long and was stopped. Try fewer or more specific words, or add a filter.")
        )


def _is_cancel(exc: OperationalError) -> bool:
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) == "57014"  # query_canceled (statement timeout)


@contextmanager
def statement_timeout(ms: int | None = None):
    """Run the block in a transaction whose statements PostgreSQL stops after ``ms`` (default
    ``PUBLIC_STATEMENT_TIMEOUT_MS``); a stopped statement raises ``QueryTooSlow``. ``SET LOCAL``
    ends with the transaction, so the pooled connection keeps no timeout. SQLite: no-op."""
    ms = settings.PUBLIC_STATEMENT_TIMEOUT_MS if ms is None else ms
    if connection.vendor != "postgresql" or not ms:
        yield
        return
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {int(ms)}")
            yield
    except OperationalError as exc:
        if _is_cancel(exc):
            raise QueryTooSlow() from exc
        raise
