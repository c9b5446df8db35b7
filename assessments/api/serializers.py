from rest_framework import serializers

from assessments.choices import CapacityUnit, DocumentKind, MeasureResponse, Visibility
from assessments.models import ControlMeasure, DocumentVersion, Project, RiskItem, Screening
from knowledge.selectors import country_list_public
from portal.choices import Sector
from portal.text import TEXT_MAX_LENGTH


class ProjectSerializer(serializers.ModelSerializer):
    """Output. ``status``, ``category`` and ``organisation`` are never writable by a client."""

    host_country = serializers.CharField(source="host_country.iso2", default=None)
    organisation = serializers.CharField(source="organisation.name")

    class Meta:
        model = Project
        fields = [
            "id",
            "name",
            "organisation",
            "host_country",
            "sector",
            "site",
            "site_area_km2",
            "capacity",
            "capacity_unit",
            "investment",
            "currency",
            "construction_start",
            "operation_start",
            "local_partner",
            "description",
            "answers",
            "status",
            "category",
            "submitted_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ProjectInputSerializer(serializers.Serializer):
    """What a client may write. Unknown keys (status, category, organisation…) are refused."""

    name = serializers.CharField(max_length=255)
    host_country = serializers.SlugRelatedField(
        slug_field="iso2", queryset=country_list_public(), required=False, allow_null=True
    )
    sector = serializers.ChoiceField(choices=Sector.choices, required=False, allow_blank=True)
    capacity = serializers.DecimalField(max_digits=14, decimal_places=3, min_value=0, required=False, allow_null=True)
    capacity_unit = serializers.ChoiceField(choices=CapacityUnit.choices, required=False, allow_blank=True)
    investment = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0, required=False, allow_null=True)
    currency = serializers.RegexField(r"^[A-Z]{3}$", required=False, allow_blank=True)
    construction_start = serializers.DateField(required=False, allow_null=True)
    operation_start = serializers.DateField(required=False, allow_null=True)
    local_partner = serializers.CharField(max_length=255, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True, max_length=TEXT_MAX_LENGTH)

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = set(data.keys()) - set(self.fields)
            if unknown:
                raise serializers.ValidationError(
                    {key: ["This field cannot be set by a client."] for key in sorted(unknown)}
                )
        return super().to_internal_value(data)

    def validate(self, attrs):
        start, operation = attrs.get("construction_start"), attrs.get("operation_start")
        if start and operation and operation < start:
            raise serializers.ValidationError({"operation_start": ["Operation cannot start before construction."]})
        return attrs


class SiteInputSerializer(serializers.Serializer):
    geometry = serializers.JSONField(required=False)
    kml = serializers.CharField(required=False, max_length=2_000_000)

    def validate(self, attrs):
        if bool(attrs.get("geometry")) == bool(attrs.get("kml")):
            raise serializers.ValidationError("Give either a GeoJSON geometry or KML text.")
        return attrs


class AnswersInputSerializer(serializers.Serializer):
    answers = serializers.DictField()


class ScreeningSerializer(serializers.ModelSerializer):
    class Meta:
        model = Screening
        fields = ["id", "category", "points", "ruleset_version", "factors", "lights", "site_results", "created_at"]


class RiskSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiskItem
        fields = ["id", "code", "dimension", "title", "description", "likelihood", "severity", "rating", "amplified_by"]


class MeasureSerializer(serializers.ModelSerializer):
    risks = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    references = serializers.SlugRelatedField(many=True, read_only=True, slug_field="key")

    class Meta:
        model = ControlMeasure
        fields = [
            "id",
            "code",
            "title",
            "description",
            "phase",
            "risks",
            "references",
            "evidence_expected",
            "proposed_by_enterprise",
            "response",
            "alternative",
            "reason",
            "owner",
            "due_date",
            "status",
        ]


class MeasureAnswerInputSerializer(serializers.Serializer):
    response = serializers.ChoiceField(choices=[MeasureResponse.ACCEPTED, MeasureResponse.ALTERNATIVE])
    alternative = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX_LENGTH)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX_LENGTH)
    owner = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)


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
        return f"/api/v1/projects/{obj.document.project_id}/documents/{obj.pk}/download/"


class DocumentUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField()
    kind = serializers.ChoiceField(choices=DocumentKind.choices, required=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=255)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    document = serializers.IntegerField(required=False, help_text="add a new version to this document")
