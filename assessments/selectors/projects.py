"""Reads of projects, scoped to the user asking: another enterprise's project is a 404."""

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.choices import MeasureResponse, ProjectStatus
from assessments.models import ControlMeasure, DesignValue, Document, Project, Screening
from assessments.rules.questionnaire import QUESTIONS
from portal.choices import OrganisationKind
from portal.selectors import as_id


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


def project_none() -> QuerySet[Project]:
    """An empty queryset that tells the API schema the model behind the project list."""
    return Project.objects.none()


def project_get_for_user(*, user, pk) -> Project | None:
    """One project of the user's enterprises, or None (the caller answers 404)."""
    pk = as_id(pk)
    if pk is None:
        return None
    return project_list_for_user(user=user).filter(pk=pk).first()


def project_list_with_progress(*, user) -> QuerySet[Project]:
    """The user's projects with the flags ``project_steps`` needs, in one query (lists)."""
    return project_list_for_user(user=user).annotate(
        has_screening=Exists(Screening.objects.filter(project=OuterRef("pk"))),
        has_pending_measures=Exists(
            ControlMeasure.objects.filter(project=OuterRef("pk"), active=True, response=MeasureResponse.PENDING)
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
        "pending": project.measures.filter(active=True, response=MeasureResponse.PENDING).exists(),
        "designed": project.design_values.exists(),
        "documented": project.documents.exists(),
    }


def project_steps(project) -> list[dict]:
    """The workspace steps and whether each is done (annotated projects cost no query)."""
    progress = _progress(project)
    steps = [
        ("basics", _("Project"), bool(project.host_country_id and project.sector), "project-edit"),
        ("site", _("Site"), bool(project.site), "project-site"),
        ("questions", _("Questionnaire"), len(project.answers) == len(QUESTIONS), "project-questionnaire"),
        ("screening", _("Screening"), progress["screened"], "project-screening"),
        ("risks", _("Risks and measures"), progress["screened"] and not progress["pending"], "project-risks"),
        ("design", _("Design compliance"), progress["designed"], "project-design"),
        ("documents", _("Documents"), progress["documented"], "project-documents"),
    ]
    return [
        {"key": key, "label": label, "done": done, "url": reverse(f"assessments:{name}", args=[project.pk])}
        for key, label, done, name in steps
    ]


def next_action(project) -> str:
    if project.status != ProjectStatus.DRAFT:
        return project.get_status_display()
    for step in project_steps(project):
        if not step["done"]:
            return _("Next: %(step)s") % {"step": step["label"]}
    return _("Ready to submit")


def project_list_for_dashboard(*, user, limit: int = 20) -> list[Project]:
    """The dashboard panel: the user's latest projects with their next step."""
    projects = list(project_list_with_progress(user=user)[:limit])
    for project in projects:
        project.next_action = next_action(project)
    return projects
