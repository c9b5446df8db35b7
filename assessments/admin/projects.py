"""Projects, read-only: they change only through the workspace services."""

from django.contrib import admin

from assessments.admin.base import ReadOnlyAdmin
from assessments.models import (
    Project,
)


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "host_country", "sector", "status", "category", "updated_at"]
    list_filter = ["status", "category", "sector"]
    search_fields = ["name", "organisation__name"]
