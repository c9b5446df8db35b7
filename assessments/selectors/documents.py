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
