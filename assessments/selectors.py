"""Reads of projects, scoped to the user asking: another enterprise's project is a 404."""

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from assessments.models import (
    BlacklistEntry,
    ControlMeasure,
    Document,
    DocumentVersion,
    Project,
    RiskItem,
    ScreeningRuleSet,
)
from portal.choices import OrganisationKind


def _enterprise_ids(user) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(
        user.memberships.filter(organisation__kind=OrganisationKind.ENTERPRISE).values_list(
            "organisation_id", flat=True
        )
    )


def project_list_for_user(*, user) -> QuerySet[Project]:
    """The projects of the user's enterprises (regulators' access comes with the review queue)."""
    return Project.objects.filter(organisation_id__in=_enterprise_ids(user)).select_related(
        "host_country", "organisation"
    )


def project_get_for_user(*, user, pk: int) -> Project | None:
    return project_list_for_user(user=user).filter(pk=pk).first()


def document_list_for_project(*, project: Project) -> QuerySet[Document]:
    return project.documents.prefetch_related(
        Prefetch("versions", queryset=DocumentVersion.objects.select_related("uploaded_by").order_by("-number"))
    )


def document_version_get_for_user(*, user, project_pk: int, version_pk: int) -> DocumentVersion | None:
    """A version the user may download: only through a project the user may see."""
    return (
        DocumentVersion.objects.select_related("document__project")
        .filter(pk=version_pk, document__project__in=project_list_for_user(user=user), document__project_id=project_pk)
        .first()
    )


def risk_list_for_project(*, project: Project) -> QuerySet[RiskItem]:
    return project.risks.filter(active=True).prefetch_related("measures")


def measure_list_for_project(*, project: Project) -> QuerySet[ControlMeasure]:
    return project.measures.filter(active=True).prefetch_related("risks", "references")


def ruleset_get_active() -> ScreeningRuleSet | None:
    return ScreeningRuleSet.objects.filter(is_active=True).prefetch_related("rules").first()


def blacklist_entry_active_for(*, organisation) -> BlacklistEntry | None:
    """The blacklist entry in force for an enterprise today, if any (submission is refused)."""
    today = timezone.localdate()
    return (
        BlacklistEntry.objects.filter(organisation=organisation, lifted_at__isnull=True, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .first()
    )


def screening_latest(project: Project):
    """The project's most recent screening (the one that counts), or None."""
    return project.screenings.select_related("ruleset").first()
