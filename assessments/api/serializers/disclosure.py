"""Public serializers of the disclosure register: explicit fields only, never an email."""

from django.urls import reverse
from rest_framework import serializers

from assessments.services.comments import BODY_MAX


class RegisterEntrySerializer(serializers.Serializer):
    reference = serializers.CharField(source="project.reference")
    name = serializers.CharField(source="project.name")
    enterprise = serializers.CharField(source="project.organisation.name")
    country = serializers.CharField(source="project.host_country.iso2", default="")
    sector = serializers.CharField(source="project.sector")
    category = serializers.CharField(source="project.category")
    status = serializers.CharField(source="project.status")
    first_disclosed_at = serializers.DateTimeField()
    last_disclosed_at = serializers.DateTimeField()
    window = serializers.SerializerMethodField()
    published_comments = serializers.IntegerField(source="published_count")
    unanswered_comments = serializers.IntegerField(source="unanswered_count")
    site = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    def get_window(self, obj) -> dict | None:
        window = getattr(obj.project, "comment_window", None)
        if window is None:
            return None
        return {"opens_at": window.opens_at, "closes_at": window.closes_at, "time_zone": window.time_zone}

    def get_site(self, obj) -> dict | None:
        if obj.lon is None:
            return None
        return {"type": "Point", "coordinates": [obj.lon, obj.lat]}

    def get_url(self, obj) -> str:
        return reverse("disclosure:project", args=[obj.project.reference])


class SnapshotSummarySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    kind = serializers.CharField()
    published_at = serializers.DateTimeField()


class SnapshotSerializer(SnapshotSummarySerializer):
    snapshot = serializers.SerializerMethodField()

    def get_snapshot(self, obj) -> dict:
        return obj.for_language(self.context.get("language", "en"))


class PublicAnswerSerializer(serializers.Serializer):
    verdict = serializers.CharField()
    reason = serializers.CharField()
    answered_at = serializers.DateTimeField()


class PublicCommentSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField(source="shown_name")
    organisation = serializers.SerializerMethodField()
    country = serializers.CharField()
    text = serializers.CharField(source="public_body")
    redacted = serializers.BooleanField()
    published_at = serializers.DateTimeField()
    attachments = serializers.SerializerMethodField()
    answer = serializers.SerializerMethodField()

    def get_organisation(self, obj) -> str:
        return "" if obj.organisation_id else obj.organisation_name

    def get_attachments(self, obj) -> list[dict]:
        ref = self.context["reference"]
        return [
            {"name": a.original_name, "size": a.size, "url": reverse("disclosure:attachment", args=[ref, a.pk])}
            for a in obj.attachments.all()
        ]

    def get_answer(self, obj) -> dict | None:
        answer = getattr(obj, "answer", None)
        return PublicAnswerSerializer(answer).data if answer is not None else None


class CommentInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    email = serializers.EmailField(max_length=254, required=False)
    organisation = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    country = serializers.CharField(max_length=2, required=False, allow_blank=True, default="")
    text = serializers.CharField(max_length=BODY_MAX)
