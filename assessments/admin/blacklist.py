"""Blacklist entries (never deleted)."""

from django.contrib import admin

from assessments.models import BlacklistCase, BlacklistEntry, CreditQuery, Rating


@admin.register(BlacklistEntry)
class BlacklistEntryAdmin(admin.ModelAdmin):
    list_display = ["organisation", "starts_on", "ends_on", "lifted_at"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BlacklistCase)
class BlacklistCaseAdmin(admin.ModelAdmin):
    """Read-only here: cases move only through the services (regulator and enterprise pages)."""

    list_display = ["organisation", "ground", "status", "response_due_on", "created_at"]
    list_filter = ["status", "ground"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["organisation", "colour", "rules_version", "is_override", "current", "created_at"]
    list_filter = ["colour", "current", "is_override"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CreditQuery)
class CreditQueryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "institution", "user", "registration_number", "enterprise", "kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
