"""Reads of green credit: profiles for many enterprises in a fixed number of queries, and the
log of lookups an enterprise may read about itself."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from assessments.choices import CheckVerdict, ItemStatus, ProjectStatus, ReportStatus
from assessments.models import (
    BlacklistEntry,
    Condition,
    ControlMeasure,
    CreditQuery,
    Decision,
    Project,
    Rating,
    ReportCheck,
    ReportItem,
)
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


FILED = (ReportStatus.SUBMITTED, ReportStatus.REVIEWED)


def _count(queryset, project_field: str):
    """A per-project count as a correlated subquery (no join that multiplies other counts)."""
    counted = (
        queryset.filter(**{project_field: OuterRef("pk")})
        .order_by()
        .values(project_field)
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _projects_with_outcomes() -> QuerySet[Project]:
    """Submitted projects with what a lender weighs: the decision, conditions reported fulfilled,
    control measures reported implemented (the action plan), and the share of judged limit checks
    in filed performance reports that were exceeded."""
    done_items = ReportItem.objects.filter(status=ItemStatus.DONE, report__status__in=FILED)
    judged = ReportCheck.objects.filter(
        report__status__in=FILED, verdict__in=(CheckVerdict.PASS, CheckVerdict.EXCEEDED)
    )
    return (
        Project.objects.exclude(status=ProjectStatus.DRAFT)
        .select_related("host_country")
        .annotate(
            conditions_total=_count(Condition.objects.all(), "decision__project"),
            conditions_met=_count(Condition.objects.filter(report_items__in=done_items), "decision__project"),
            measures_total=_count(ControlMeasure.objects.filter(active=True), "project"),
            measures_done=_count(ControlMeasure.objects.filter(active=True, report_items__in=done_items), "project"),
            checks_judged=_count(judged, "report__project"),
            checks_exceeded=_count(judged.filter(verdict=CheckVerdict.EXCEEDED), "report__project"),
        )
        .prefetch_related(Prefetch("decisions", queryset=Decision.objects.order_by("-decided_at", "-id")))
        .order_by("id")
    )


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _project(p: Project) -> dict:
    decision = next(iter(p.decisions.all()), None)
    return {
        "id": p.pk,
        "name": p.name,
        "host_country": p.host_country.iso2 if p.host_country_id else "",
        "sector": p.sector,
        "status": p.status,
        "category": p.category,
        "equator_principles_category": EQUATOR_CATEGORY.get(p.category, ""),
        "decision": decision.outcome if decision else None,
        "decided_on": decision.decided_at.date() if decision else None,
        "conditions": p.conditions_total,
        "conditions_reported_fulfilled": p.conditions_met,
        "action_plan_completion": _share(p.measures_done, p.measures_total),
        "limit_checks_judged": p.checks_judged,
        "exceedance_rate": _share(p.checks_exceeded, p.checks_judged),
    }


def credit_profiles_for(organisations) -> dict[int, dict]:
    """Profiles keyed by organisation id, in a fixed number of queries whatever the number of
    enterprises."""
    ids = [o.pk for o in organisations]
    orgs = Organisation.objects.filter(pk__in=ids).prefetch_related(
        Prefetch("ratings", queryset=Rating.objects.order_by("-created_at", "-id")),
        Prefetch("blacklist_entries", queryset=BlacklistEntry.objects.order_by("-starts_on", "-id")),
        Prefetch("projects", queryset=_projects_with_outcomes()),
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
            "projects": [_project(p) for p in o.projects.all()],
        }
    return out


def credit_query_list_for_enterprise(*, organisation) -> QuerySet[CreditQuery]:
    """Who looked at this enterprise, newest first."""
    return CreditQuery.objects.filter(enterprise=organisation).select_related("institution", "user")
