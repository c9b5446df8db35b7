"""Reads of rendered artefacts. Scoping is the caller's: an app first fetches the subject
through its own scoped selector (another enterprise's project is a 404), then lists its
artefacts here."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from portal.models import Artefact


def artefact_list_for_subject(*, subject, kind: str) -> QuerySet[Artefact]:
    """Every version of ``kind`` for ``subject``, newest first, in every language."""
    return Artefact.objects.filter(
        kind=kind, subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
    ).order_by("-version", "language")


def artefact_get_for_subject(*, subject, kind: str, pk: int) -> Artefact | None:
    return artefact_list_for_subject(subject=subject, kind=kind).filter(pk=pk).first()


def artefact_get_ready(*, subject, kind: str, language: str, inputs_hash: str) -> Artefact | None:
    return (
        artefact_list_for_subject(subject=subject, kind=kind).filter(language=language, inputs_hash=inputs_hash).first()
    )
