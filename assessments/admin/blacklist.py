"""Blacklist entries (never deleted)."""

from django.contrib import admin

from assessments.models import (
    BlacklistEntry,
)


@admin.register(BlacklistEntry)
class BlacklistEntryAdmin(admin.ModelAdmin):
    list_display = ["organisation", "starts_on", "ends_on", "lifted_at"]

    def has_delete_permission(self, request, obj=None):
        return False
