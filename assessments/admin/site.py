"""Sensitive areas and their buffers."""

from django.contrib import admin
from reversion.admin import VersionAdmin

from assessments.models import (
    SensitiveArea,
    SensitiveAreaKind,
)


@admin.register(SensitiveArea)
class SensitiveAreaAdmin(VersionAdmin):
    list_display = ["name", "type", "country", "area_km2", "simplified", "verified"]
    list_filter = ["type", "country", "simplified", "verified"]
    search_fields = ["name", "name_local", "designation"]


@admin.register(SensitiveAreaKind)
class SensitiveAreaKindAdmin(VersionAdmin):
    list_display = ["code", "buffer_m"]
