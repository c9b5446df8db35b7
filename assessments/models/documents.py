"""Project documents: versioned, checked uploads that are never overwritten."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.choices import (
    DocumentKind,
    Visibility,
)


def document_upload_to(instance, filename: str) -> str:
    # A fresh UUID per version: a stored file is never overwritten, whatever its name.
    return f"documents/{instance.document.project_id}/{uuid.uuid4().hex}/{filename}"


class Document(models.Model):
    project = models.ForeignKey("assessments.Project", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=255)
    visibility = models.CharField(
        _("visibility"), max_length=14, choices=Visibility.choices, default=Visibility.REGULATORS
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def latest(self):
        return self.versions.order_by("-number").first()


class DocumentVersion(models.Model):
    """One uploaded file. A new upload is a new version; nothing is overwritten or deleted."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to=document_upload_to, max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    mime = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="assessments_docversion_unique")]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("assessments:document-download", args=[self.document.project_id, self.pk])
