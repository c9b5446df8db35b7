"""The hazard and measure catalogue."""

from django.contrib import admin

from assessments.models import (
    HazardTemplate,
    MeasureTemplate,
)


@admin.register(HazardTemplate)
class HazardTemplateAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "dimension", "likelihood", "severity"]
    list_filter = ["dimension"]
    search_fields = ["code", "title"]


@admin.register(MeasureTemplate)
class MeasureTemplateAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "phase"]
    list_filter = ["phase"]
    search_fields = ["code", "title"]
    filter_horizontal = ["treats"]
