"""Projects: output and what a client may write."""

from rest_framework import serializers

from assessments.choices import CapacityUnit, Category
from assessments.models import Project
from knowledge.selectors import country_list_public
from portal.choices import Sector
from portal.text import TEXT_MAX_LENGTH


class ProjectSerializer(serializers.ModelSerializer):
    """Output. ``status``, ``category`` and ``organisation`` are never writable by a client."""

    host_country = serializers.CharField(source="host_country.iso2", default=None, allow_null=True)
    organisation = serializers.CharField(source="organisation.name")
    # Blank until filled in or screened. DRF drops ``allow_blank`` from read-only model fields,
    # so they are declared here for the schema to say that "" is a value.
    sector = serializers.ChoiceField(choices=Sector.choices, allow_blank=True, read_only=True)
    capacity_unit = serializers.ChoiceField(choices=CapacityUnit.choices, allow_blank=True, read_only=True)
    category = serializers.ChoiceField(choices=Category.choices, allow_blank=True, read_only=True)

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
    """What a client may write (types only; the rules are the service's). Unknown keys
    (status, category, organisation…) are refused."""

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
        if not isinstance(data, dict) and not hasattr(data, "keys"):
            raise serializers.ValidationError({"non_field_errors": ["Send the project as a JSON object."]})
        if hasattr(data, "keys"):
            unknown = set(data.keys()) - set(self.fields)
            if unknown:
                raise serializers.ValidationError(
                    {key: ["This field cannot be set by a client."] for key in sorted(unknown)}
                )
        return super().to_internal_value(data)


class AnswersInputSerializer(serializers.Serializer):
    answers = serializers.DictField()


class WithdrawInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
