"""Risk and control-measure lists and answers to measures."""

from rest_framework import serializers

from assessments.choices import MeasureResponse
from assessments.models import ControlMeasure, RiskItem
from portal.text import TEXT_MAX_LENGTH


class RiskSerializer(serializers.ModelSerializer):
    amplification = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = RiskItem
        fields = [
            "id",
            "code",
            "dimension",
            "title",
            "description",
            "likelihood",
            "severity",
            "rating",
            "amplified_by",
            "amplification",
        ]


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
