"""Reads of green credit: profiles for many enterprises in a fixed number of queries, and the
log of lookups an enterprise may read about itself."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from assessments.choices import ProjectStatus
from assessments.models import BlacklistEntry, CreditQuery, Project, Rating
from assessments.selectors.rating import reason_text
from portal.choices import OrganisationKind
from portal.models import Organisation

# The portal's categories follow the same A/B/C tiering as the Equator Principles (EP4).
EQUATOR_CATEGORY = {"A": "A", "B": "B", "C": "C"}


def enterprise_list_by_registration(*, numbers) -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE, registration_number__in=list(numbers))


def _rating(r: Rating) -> dict:
    return {
        "colour": r.colour,
        "reasons": [reason_text(x) for x in r.reasons],
        "rules_version": r.rules_version,
        "is_override": r.is_override,
        "since": r.created_at,
    }


def _entry(e: BlacklistEntry, today) -> dict:
    active = e.lifted_at is None and e.starts_on <= today and (e.ends_on is None or e.ends_on >= today)
    return {
        "ground": e.ground,
        "reason": e.reason,
        "starts_on": e.starts_on,
        "ends_on": e.ends_on,
        "lifted_at": e.lifted_at,
        "lift_reason": e.lift_reason,
        "active": active,
    }


def credit_profiles_for(organisations) -> dict[int, dict]:
    """Profiles keyed by organisation id, in five queries whatever the number of enterprises."""
    ids = [o.pk for o in organisations]
    orgs = Organisation.objects.filter(pk__in=ids).prefetch_related(
        Prefetch("ratings", queryset=Rating.objects.order_by("-created_at", "-id")),
        Prefetch("blacklist_entries", queryset=BlacklistEntry.objects.order_by("-starts_on", "-id")),
        Prefetch(
            "projects",
            queryset=Project.objects.exclude(status=ProjectStatus.DRAFT).select_related("host_country").order_by("id"),
        ),
    )
    today = timezone.localdate()
    out = {}
    for o in orgs:
        ratings = list(o.ratings.all())
        current = next((r for r in ratings if r.current), None)
        entries = [_entry(e, today) for e in o.blacklist_entries.all()]
        out[o.pk] = {
            "id": o.pk,
            "name": o.name,
            "registration_number": o.registration_number,
            "home_country": o.home_country,
            "rating": _rating(current) if current else None,
            "rating_history": [_rating(r) for r in ratings],
            "blacklisted": any(e["active"] for e in entries),
            "blacklist_history": entries,
            "projects": [
                {
                    "id": p.pk,
                    "name": p.name,
                    "host_country": p.host_country.iso2,
                    "sector": p.sector,
                    "status": p.status,
                    "category": p.category,
                    "equator_principles_category": EQUATOR_CATEGORY.get(p.category, ""),
                    # Review decisions arrive with the review issue.
                    "decision": "not decided",
                }
                for p in o.projects.all()
            ],
        }
    return out


def credit_query_list_for_enterprise(*, organisation) -> QuerySet[CreditQuery]:
    """Who looked at this enterprise, newest first."""
    return CreditQuery.objects.filter(enterprise=organisation).select_related("institution", "user")
