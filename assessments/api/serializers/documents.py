"""Document versions and uploads."""

from django.urls import reverse
from rest_framework import serializers

from assessments.choices import DocumentKind, Visibility
from assessments.models import DocumentVersion


class DocumentVersionSerializer(serializers.ModelSerializer):
    document = serializers.IntegerField(source="document.id")
    kind = serializers.CharField(source="document.kind")
    title = serializers.CharField(source="document.title")
    visibility = serializers.CharField(source="document.visibility")
    download = serializers.SerializerMethodField()

    class Meta:
        model = DocumentVersion
        fields = [
            "id",
            "document",
            "kind",
            "title",
            "visibility",
            "number",
            "original_name",
            "size",
            "sha256",
            "mime",
            "created_at",
            "download",
        ]

    def get_download(self, obj) -> str:
        return reverse("assessments-api:document-download", args=[obj.document.project_id, obj.pk])


class DocumentUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField()
    kind = serializers.ChoiceField(choices=DocumentKind.choices, required=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=255)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    document = serializers.IntegerField(required=False, help_text="add a new version to this document")
    allow_duplicate = serializers.BooleanField(
        required=False, default=False, help_text="store a file identical to one already in the project"
    )
