"""Bounds on what one public request may cost the database."""

from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection, models, transaction
from django.db.models import Lookup
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


class Among(Lookup):
    """``pk__among=[…]``: the column is one of a list of integers, sent as ONE array parameter
    (``= ANY(%s)``) on PostgreSQL. ``__in`` makes a placeholder, a lookup object and a parse step
    per value; for the search's thousand candidate ids that was a fifth of a search page's time.
    Elsewhere it is ``IN`` (SQLite has no arrays)."""

    lookup_name = "among"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [int(v) for v in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, list(self.rhs)]
        if not self.rhs:
            return "1 = 0", list(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", [*lhs_params, *self.rhs]


def register_lookups() -> None:
    """Called once from ``PortalConfig.ready``."""
    models.IntegerField.register_lookup(Among)  # with its subclasses: BigAutoField, …
