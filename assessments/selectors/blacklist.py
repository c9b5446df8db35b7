"""Reads of the blacklist: the public register, and cases scoped to the regulator or enterprise.

A regulator's scope ("jurisdiction over an enterprise") is kept simple and documented: an
authority is competent for an enterprise that has at least one project in one of the
authority's jurisdictions (country, and sector when the jurisdiction names one).
"""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from assessments.choices import BlacklistCaseStatus
from assessments.models import BlacklistCase, BlacklistEntry
from portal.choices import OrganisationKind, Role
from portal.models import Jurisdiction, Membership, Organisation


def _active_q(today: dt.date) -> Q:
    return Q(lifted_at__isnull=True, starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))


def blacklist_entry_active_for(*, organisation) -> BlacklistEntry | None:
    """The blacklist entry in force for an enterprise today, if any (submission is refused)."""
    return BlacklistEntry.objects.filter(_active_q(timezone.localdate()), organisation=organisation).first()


def blacklist_entry_list_active_public() -> QuerySet[BlacklistEntry]:
    """Entries in force today, for the public register and its feed."""
    return (
        BlacklistEntry.objects.filter(_active_q(timezone.localdate()))
        .select_related("organisation")
        .order_by("-starts_on", "-id")
    )


def blacklist_entry_list_for_organisation(*, organisation) -> QuerySet[BlacklistEntry]:
    """Every entry of one enterprise, lifted ones included (the history is public)."""
    return BlacklistEntry.objects.filter(organisation=organisation).order_by("-starts_on", "-id")


def blacklist_entry_list_to_end(*, today: dt.date) -> QuerySet[BlacklistEntry]:
    """Entries whose period ended before ``today`` and that are not yet lifted (the beat job)."""
    return BlacklistEntry.objects.filter(lifted_at__isnull=True, ends_on__lt=today)


def authority_memberships_for(*, user) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, organisation__kind=OrganisationKind.AUTHORITY).select_related(
            "organisation"
        )
    )


def _jurisdiction_q(authority_ids) -> Q | None:
    q = None
    for j in Jurisdiction.objects.filter(organisation_id__in=authority_ids):
        part = Q(projects__host_country__iso2=j.country)
        if j.sector:
            part &= Q(projects__sector=j.sector)
        q = part if q is None else q | part
    return q


def enterprise_list_for_regulator(*, user) -> QuerySet[Organisation]:
    """Enterprises within the jurisdiction of the user's authorities."""
    ids = [m.organisation_id for m in authority_memberships_for(user=user)]
    q = _jurisdiction_q(ids)
    if q is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(q, kind=OrganisationKind.ENTERPRISE).distinct().order_by("name")


def enterprise_in_jurisdiction(*, authority: Organisation, enterprise: Organisation) -> bool:
    q = _jurisdiction_q([authority.pk])
    return q is not None and Organisation.objects.filter(q, pk=enterprise.pk).exists()


def authority_role_for(*, user, enterprise: Organisation) -> tuple[Organisation, str] | None:
    """The user's authority competent for ``enterprise`` and the user's role there (the
    strongest: lead reviewer first), or None."""
    best = None
    for m in authority_memberships_for(user=user):
        if enterprise_in_jurisdiction(authority=m.organisation, enterprise=enterprise) and (
            best is None or m.role == Role.LEAD_REVIEWER
        ):
            best = (m.organisation, m.role)
    return best


def _case_qs() -> QuerySet[BlacklistCase]:
    return BlacklistCase.objects.select_related("organisation", "authority", "opened_by").prefetch_related("documents")


def blacklist_case_list_for_regulator(*, user) -> QuerySet[BlacklistCase]:
    """Cases of the user's authorities (a case stays with the authority that opened it)."""
    ids = [m.organisation_id for m in authority_memberships_for(user=user)]
    return _case_qs().filter(authority_id__in=ids)


def blacklist_case_get_for_regulator(*, user, pk) -> BlacklistCase | None:
    return blacklist_case_list_for_regulator(user=user).filter(pk=pk).first()


def blacklist_case_list_for_enterprise(*, user) -> QuerySet[BlacklistCase]:
    """Cases against the user's enterprises (every member may read them)."""
    org_ids = Membership.objects.filter(user=user, organisation__kind=OrganisationKind.ENTERPRISE).values(
        "organisation_id"
    )
    return _case_qs().filter(organisation_id__in=org_ids)


def blacklist_case_get_for_enterprise(*, user, pk) -> BlacklistCase | None:
    return blacklist_case_list_for_enterprise(user=user).filter(pk=pk).first()


def blacklist_case_list_open_for_organisation(*, organisation) -> QuerySet[BlacklistCase]:
    return BlacklistCase.objects.filter(
        organisation=organisation,
        status__in=[BlacklistCaseStatus.AWAITING_RESPONSE, BlacklistCaseStatus.AWAITING_DECISION],
    )


def enterprise_get_for_regulator(*, user, pk) -> Organisation | None:
    return enterprise_list_for_regulator(user=user).filter(pk=pk).first()
