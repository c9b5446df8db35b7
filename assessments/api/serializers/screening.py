"""Screening results."""

from rest_framework import serializers

from assessments.models import Screening


class ScreeningSerializer(serializers.ModelSerializer):
    class Meta:
        model = Screening
        fields = ["id", "category", "points", "ruleset_version", "factors", "lights", "site_results", "created_at"]
