"""Reads for submission: what a project still lacks (the decision is ``rules.readiness``)."""

from assessments.choices import MeasureResponse
from assessments.models import Project
from assessments.rules.questionnaire import QUESTIONS
from assessments.rules.readiness import ReadinessFacts, missing_for_submission
from assessments.selectors.screening import screening_is_current


def readiness_facts(project: Project) -> ReadinessFacts:
    screened = project.screenings.exists()
    return ReadinessFacts(
        empty_fields=[
            str(Project._meta.get_field(name).verbose_name)
            for name in ("name", "host_country", "sector", "description")
            if not getattr(project, name)
        ],
        has_capacity=project.capacity is not None and bool(project.capacity_unit),
        has_dates=bool(project.construction_start and project.operation_start),
        has_site=bool(project.site),
        unanswered=sum(1 for q in QUESTIONS if q.code not in project.answers),
        screened=screened,
        screening_current=screened and screening_is_current(project),
        category=project.category,
        document_kinds=set(project.documents.filter(versions__isnull=False).values_list("kind", flat=True)),
        pending_measures=project.measures.filter(active=True, response=MeasureResponse.PENDING).count(),
    )


def project_readiness(project: Project) -> list[str]:
    """What is still missing before this project can be submitted, in words."""
    return missing_for_submission(readiness_facts(project))
