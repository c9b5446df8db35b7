"""The hazard and measure catalogue."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from reversion.admin import VersionAdmin

from assessments.models import (
    HazardTemplate,
    MeasureTemplate,
)


@admin.register(HazardTemplate)
class HazardTemplateAdmin(VersionAdmin, TranslationAdmin):
    list_display = ["code", "title", "dimension", "likelihood", "severity"]
    list_filter = ["dimension"]
    search_fields = ["code", "title"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # Most hazards have no site amplifier: an empty list is an answer, not a missing one.
        form.base_fields["site_amplifiers"].required = False
        return form


@admin.register(MeasureTemplate)
class MeasureTemplateAdmin(VersionAdmin, TranslationAdmin):
    list_display = ["code", "title", "phase"]
    list_filter = ["phase"]
    search_fields = ["code", "title"]
    filter_horizontal = ["treats"]
