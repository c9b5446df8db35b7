"""Reads of projects, scoped to the user asking: another enterprise's project is a 404."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.choices import ProjectStatus
from assessments.models import (
    BlacklistEntry,
    ControlMeasure,
    Document,
    DocumentVersion,
    Project,
    RiskItem,
    ScreeningRuleSet,
)
from assessments.questionnaire import QUESTIONS
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


def project_list_with_progress(*, user) -> QuerySet[Project]:
    """The user's projects with the flags ``project_steps`` needs, in one query (lists)."""
    from assessments.models import DesignValue, Screening

    return project_list_for_user(user=user).annotate(
        has_screening=Exists(Screening.objects.filter(project=OuterRef("pk"))),
        has_pending_measures=Exists(
            ControlMeasure.objects.filter(project=OuterRef("pk"), active=True, response="pending")
        ),
        has_design_values=Exists(DesignValue.objects.filter(project=OuterRef("pk"))),
        has_documents=Exists(Document.objects.filter(project=OuterRef("pk"))),
    )


def _progress(project) -> dict:
    if hasattr(project, "has_screening"):
        return {
            "screened": project.has_screening,
            "pending": project.has_pending_measures,
            "designed": project.has_design_values,
            "documented": project.has_documents,
        }
    return {
        "screened": project.screenings.exists(),
        "pending": project.measures.filter(active=True, response="pending").exists(),
        "designed": project.design_values.exists(),
        "documented": project.documents.exists(),
    }


def project_steps(project) -> list[dict]:
    """The workspace steps and whether each is done (annotated projects cost no query)."""
    progress = _progress(project)
    return [
        {
            "key": "basics",
            "label": _("Project"),
            "done": bool(project.host_country and project.sector),
            "url": reverse("assessments:project-edit", args=[project.pk]),
        },
        {
            "key": "site",
            "label": _("Site"),
            "done": bool(project.site),
            "url": reverse("assessments:project-site", args=[project.pk]),
        },
        {
            "key": "questions",
            "label": _("Questionnaire"),
            "done": len(project.answers) == len(QUESTIONS),
            "url": reverse("assessments:project-questionnaire", args=[project.pk]),
        },
        {
            "key": "screening",
            "label": _("Screening"),
            "done": progress["screened"],
            "url": reverse("assessments:project-screening", args=[project.pk]),
        },
        {
            "key": "risks",
            "label": _("Risks and measures"),
            "done": progress["screened"] and not progress["pending"],
            "url": reverse("assessments:project-risks", args=[project.pk]),
        },
        {
            "key": "design",
            "label": _("Design compliance"),
            "done": progress["designed"],
            "url": reverse("assessments:project-design", args=[project.pk]),
        },
        {
            "key": "documents",
            "label": _("Documents"),
            "done": progress["documented"],
            "url": reverse("assessments:project-documents", args=[project.pk]),
        },
    ]


def next_action(project) -> str:
    if project.status != ProjectStatus.DRAFT:
        return project.get_status_display()
    for step in project_steps(project):
        if not step["done"]:
            return _("Next: %(step)s") % {"step": step["label"]}
    return _("Ready to submit")
