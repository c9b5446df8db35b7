"""API shapes shared by every app's artefact endpoints (report state, request input)."""

from django.conf import settings
from rest_framework import serializers

from portal.models import Artefact


class ArtefactSerializer(serializers.ModelSerializer):
    """A rendered document's state. ``download_url`` is set once it is ready."""

    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Artefact
        fields = [
            "id",
            "kind",
            "language",
            "version",
            "state",
            "failure_reason",
            "page_count",
            "size",
            "sha256",
            "inputs_hash",
            "created_at",
            "started_at",
            "finished_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, artefact) -> str | None:
        make = self.context.get("download_url")
        if not artefact.is_ready or make is None:
            return None
        url = make(artefact)
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class ArtefactRequestInputSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
