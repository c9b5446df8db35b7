"""Serializers of performance reports (``/api/v1/projects/<id>/performance-reports/``): fields
listed explicitly."""

from rest_framework import serializers

from assessments.models import PerformanceReport, ReportCheck, ReportIncident, ReportItem


class ReportListSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = PerformanceReport
        fields = ["id", "label", "frequency", "period_start", "period_end", "due_date", "status", "submitted_at"]


class CheckSerializer(serializers.ModelSerializer):
    governing_instrument = serializers.SerializerMethodField()

    class Meta:
        model = ReportCheck
        fields = [
            "point",
            "parameter",
            "medium",
            "period",
            "verdict",
            "windows",
            "exceeded_windows",
            "worst_value",
            "unit",
            "governing_limit",
            "governing_value",
            "governing_source",
            "governing_instrument",
            "china_limit",
            "china_value",
            "stricter",
            "exceeds_china",
            "exceedance_percent",
            "notes",
        ]

    def get_governing_instrument(self, obj) -> str:
        return str(obj.governing_limit.instrument) if obj.governing_limit_id else ""


class IncidentSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportIncident
        fields = ["occurred_on", "kind", "severity", "description", "response"]


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportItem
        fields = ["measure", "condition", "status", "note", "evidence"]


class ReportDetailSerializer(ReportListSerializer):
    checks = CheckSerializer(many=True, read_only=True)
    incidents = IncidentSerializer(many=True, read_only=True)
    items = ItemSerializer(many=True, read_only=True)

    class Meta(ReportListSerializer.Meta):
        fields = [
            *ReportListSerializer.Meta.fields,
            "grievances_received",
            "grievances_resolved",
            "grievances_summary",
            "summary",
            "checks",
            "incidents",
            "items",
        ]


class ImportInputSerializer(serializers.Serializer):
    file = serializers.FileField()


class ImportResultSerializer(serializers.Serializer):
    imported = serializers.IntegerField()
