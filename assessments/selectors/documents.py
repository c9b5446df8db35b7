"""Reads of project documents and their versions, only through projects the user may see."""

from django.db.models import Prefetch, QuerySet

from assessments.models import Document, DocumentVersion, Project
from assessments.selectors.projects import project_list_for_user
from portal.selectors import as_id


def document_list_for_project(*, project: Project) -> QuerySet[Document]:
    return project.documents.prefetch_related(
        Prefetch("versions", queryset=DocumentVersion.objects.select_related("uploaded_by").order_by("-number"))
    )


def document_get_for_project(*, project: Project, pk) -> Document | None:
    pk = as_id(pk)
    if pk is None:
        return None
    return project.documents.filter(pk=pk).first()


def document_version_list_for_project(*, project: Project) -> QuerySet[DocumentVersion]:
    return DocumentVersion.objects.filter(document__project=project).select_related("document")


def document_version_get_for_user(*, user, project_pk: int, version_pk: int) -> DocumentVersion | None:
    """A version the user may download: only through a project the user may see."""
    return (
        DocumentVersion.objects.select_related("document__project")
        .filter(pk=version_pk, document__project__in=project_list_for_user(user=user), document__project_id=project_pk)
        .first()
    )


def required_document_list(*, project: Project) -> dict:
    """The documents the project's tier needs and which are already there, for the documents
    page (before screening: what each category needs)."""
    from assessments.choices import DocumentKind
    from assessments.rules.readiness import ACCEPTED_INSTEAD, REQUIRED_DOCUMENTS

    present = set(project.documents.filter(versions__isnull=False).values_list("kind", flat=True))
    if not project.category:
        return {
            "category": "",
            "by_category": [(cat, [DocumentKind(k).label for k in kinds]) for cat, kinds in REQUIRED_DOCUMENTS.items()],
        }
    accepted = ACCEPTED_INSTEAD.get(project.category, set())
    return {
        "category": project.category,
        "items": [
            {"label": DocumentKind(kind).label, "present": kind in present or bool(accepted & present)}
            for kind in REQUIRED_DOCUMENTS[project.category]
        ],
    }
