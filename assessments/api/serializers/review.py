"""Review: what a regulator and an enterprise read, and what each may write.

Two families: ``Review…`` serializers for authority clients (they include internal notes), and
``Enterprise…`` serializers for the enterprise, whose fields are listed explicitly and include
no note, no reviewer identity beyond the request's author and no trail.
"""

from django.urls import reverse
from rest_framework import serializers

from assessments.choices import Category, DecisionOutcome, Recurrence
from assessments.models import (
    Condition,
    Decision,
    InformationRequest,
    Project,
    RequestAttachment,
    ReviewNote,
    SubmissionVersion,
)
from portal.permissions import is_authority_user


class ClockSerializer(serializers.Serializer):
    started_at = serializers.DateTimeField()
    period_days = serializers.IntegerField()
    days_in_review = serializers.IntegerField()
    due = serializers.DateTimeField()
    paused = serializers.BooleanField()
    reviewer = serializers.EmailField(allow_null=True)


def clock(review, now=None) -> dict:
    return {
        "started_at": review.started_at,
        "period_days": review.period_days,
        "days_in_review": review.days_in_review(now),
        "due": review.due(now),
        "paused": review.is_paused,
        "reviewer": review.reviewer.email if review.reviewer_id else None,
    }


class QueueItemSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name")
    host_country = serializers.CharField(source="host_country.iso2")
    category = serializers.ChoiceField(choices=Category.choices, allow_blank=True, read_only=True)
    clock = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = ["id", "reference", "name", "organisation", "host_country", "sector", "category", "status", "clock"]
        read_only_fields = fields

    def get_clock(self, project) -> ClockSerializer:
        return ClockSerializer(clock(project.review)).data


class VersionSerializer(serializers.ModelSerializer):
    submitted_by = serializers.EmailField(source="submitted_by.email")

    class Meta:
        model = SubmissionVersion
        fields = ["number", "created_at", "submitted_by"]
        read_only_fields = fields


class VersionDetailSerializer(VersionSerializer):
    class Meta(VersionSerializer.Meta):
        fields = [*VersionSerializer.Meta.fields, "snapshot"]
        read_only_fields = fields


class ChangeSerializer(serializers.Serializer):
    kind = serializers.CharField()
    item = serializers.CharField()
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)
    # Not named "fields": that is a Serializer attribute.
    field_changes = serializers.SerializerMethodField()

    def get_field_changes(self, change) -> list[dict]:
        return [{"item": f.item, "before": f.before, "after": f.after} for f in change.fields]


class SectionDiffSerializer(serializers.Serializer):
    section = serializers.CharField()
    changes = ChangeSerializer(many=True)


class RequestAttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = RequestAttachment
        fields = ["id", "side", "name", "size", "sha256", "download_url"]

    def get_download_url(self, obj) -> str:
        request = self.context.get("request")
        name = (
            "review:request-attachment"
            if request and is_authority_user(request.user)
            else "assessments:request-attachment"
        )
        return reverse(name, args=[obj.request.project_id, obj.request_id, obj.pk])


class RequestSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="version.number")
    attachments = RequestAttachmentSerializer(many=True, read_only=True)
    answered_by_version = serializers.IntegerField(source="answered_by_version.number", default=None)

    class Meta:
        model = InformationRequest
        fields = [
            "id",
            "number",
            "version",
            "question",
            "due_date",
            "status",
            "created_at",
            "answer",
            "answered_at",
            "answered_by_version",
            "attachments",
        ]
        read_only_fields = fields


class NoteSerializer(serializers.ModelSerializer):
    author = serializers.EmailField(source="author.email")
    # Blank for a note that recommends no decision (DRF drops allow_blank from read-only fields).
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices, allow_blank=True, read_only=True)

    class Meta:
        model = ReviewNote
        fields = ["id", "kind", "outcome", "body", "author", "created_at"]
        read_only_fields = fields


class ConditionSerializer(serializers.ModelSerializer):
    measure = serializers.CharField(source="measure.code", default=None)

    class Meta:
        model = Condition
        fields = ["number", "text", "due_date", "recurrence", "measure"]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="version.number")
    conditions = ConditionSerializer(many=True)

    class Meta:
        model = Decision
        fields = ["id", "version", "outcome", "reasons", "decided_at", "conditions"]
        read_only_fields = fields


class ReviewProjectSerializer(serializers.Serializer):
    """The review workspace for authority clients (internal notes included)."""

    project = QueueItemSerializer()
    versions = VersionSerializer(many=True)
    latest = VersionDetailSerializer(allow_null=True)
    requests = RequestSerializer(many=True)
    notes = NoteSerializer(many=True)
    decisions = DecisionSerializer(many=True)


class EnterpriseReviewSerializer(serializers.Serializer):
    """The enterprise's view of its review: no internal note, no trail."""

    reference = serializers.CharField(allow_null=True)
    status = serializers.CharField()
    versions = VersionSerializer(many=True)
    due = serializers.DateTimeField(allow_null=True)
    paused = serializers.BooleanField()
    requests = RequestSerializer(many=True)
    decisions = DecisionSerializer(many=True)


# --- Input ---------------------------------------------------------------------------------


class StrictInput(serializers.Serializer):
    """Refuses keys it does not know (a typo must not silently drop a condition)."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = set(data.keys()) - set(self.fields)
            if unknown:
                raise serializers.ValidationError({key: ["Unknown field."] for key in sorted(unknown)})
        return super().to_internal_value(data)


class AssignInputSerializer(StrictInput):
    reviewer = serializers.EmailField()


class NoteInputSerializer(StrictInput):
    body = serializers.CharField(max_length=10_000)
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices, required=False, allow_blank=True, default="")


class RequestInputSerializer(StrictInput):
    question = serializers.CharField(max_length=10_000)
    due_date = serializers.DateField()


class AnswerInputSerializer(StrictInput):
    answer = serializers.CharField(max_length=10_000)


class ConditionInputSerializer(StrictInput):
    text = serializers.CharField(max_length=10_000)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    recurrence = serializers.ChoiceField(choices=Recurrence.choices, required=False, allow_blank=True, default="")
    measure = serializers.IntegerField(required=False, allow_null=True, default=None, help_text="control measure id")


class DecisionInputSerializer(StrictInput):
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    reasons = serializers.CharField(max_length=10_000, allow_blank=True)
    conditions = ConditionInputSerializer(many=True, required=False, default=list)


class CategoryInputSerializer(StrictInput):
    category = serializers.ChoiceField(choices=Category.choices)
    reason = serializers.CharField(max_length=10_000, allow_blank=True)
