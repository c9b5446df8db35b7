"""Writes of documents: every upload is checked (``portal.uploads``) and stored as a new version."""

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from assessments.choices import DocumentKind, Visibility
from assessments.models import Document, DocumentVersion, Project
from assessments.services.projects import ensure_editable, lock_project
from portal.audit import audit_log
from portal.errors import ConflictError, ServiceError
from portal.models import User
from portal.text import clean_name
from portal.uploads import check_upload


@transaction.atomic
def document_version_add(*, document: Document, file, uploaded_by: User, checked=None) -> DocumentVersion:
    """The next version of ``document`` from an upload checked by content (``checked`` when the
    caller has checked it already), audited. The caller holds the project's lock and has decided
    that the project may take it."""
    checked = checked or check_upload(file, max_bytes=settings.UPLOAD_MAX_BYTES)
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DocumentVersion.objects.create(
        document=document, number=number, uploaded_by=uploaded_by, **checked.stored_fields(file)
    )
    audit_log(
        actor=uploaded_by,
        action="document.uploaded",
        target=document,
        after={"version": number, "sha256": checked.sha256, "size": checked.size, "name": checked.name},
    )
    return version


@transaction.atomic
def document_upload(
    *,
    project: Project,
    uploaded_by: User,
    file,
    kind: str = "",
    title: str = "",
    visibility: str = "",
    document: Document | None = None,
    allow_duplicate: bool = False,
) -> DocumentVersion:
    """Store a checked upload as a new document or as the next version of ``document``.

    A file identical (by SHA-256) to one already in the project is refused with a warning that
    names it, unless the enterprise confirms it means to store a second copy."""
    project = lock_project(project)
    ensure_editable(project, uploaded_by)
    checked = check_upload(file, max_bytes=settings.UPLOAD_MAX_BYTES)
    same = (
        DocumentVersion.objects.filter(document__project=project, sha256=checked.sha256)
        .select_related("document")
        .first()
    )
    if same is not None and not allow_duplicate:
        raise ConflictError(
            _(
                "This file is identical to version %(n)s of “%(title)s” (%(name)s). Nothing was stored; "
                "tick “Store a second copy anyway” and upload again if you mean to."
            )
            % {"n": same.number, "title": same.document.title, "name": same.original_name},
            field="file",
        )
    if document is None:
        if kind not in DocumentKind.values:
            raise ServiceError(_("Choose the kind of document."), field="kind")
        if visibility and visibility not in Visibility.values:
            raise ServiceError(_("Choose who may see the document."), field="visibility")
        document = Document.objects.create(
            project=project,
            kind=kind,
            title=clean_name(title or checked.name)[:255],
            visibility=visibility or Visibility.REGULATORS,
        )
    else:
        document = Document.objects.select_for_update().get(pk=document.pk, project=project)
    return document_version_add(document=document, file=file, uploaded_by=uploaded_by, checked=checked)
