"""Reads of the blacklist."""

from django.db.models import Q
from django.utils import timezone

from assessments.models import BlacklistEntry


def blacklist_entry_active_for(*, organisation) -> BlacklistEntry | None:
    """The blacklist entry in force for an enterprise today, if any (submission is refused)."""
    today = timezone.localdate()
    return (
        BlacklistEntry.objects.filter(organisation=organisation, lifted_at__isnull=True, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .first()
    )
