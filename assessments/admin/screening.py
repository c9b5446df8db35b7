"""Screening rule sets (versioned, frozen once used) and the screenings they produced."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline
from reversion.admin import VersionAdmin, messages

from assessments import services
from assessments.admin.base import ReadOnlyAdmin
from assessments.models import (
    Screening,
    ScreeningRule,
    ScreeningRuleSet,
)


class RuleInline(TranslationTabularInline):
    model = ScreeningRule
    extra = 0
    fields = [
        "code",
        "kind",
        "sector",
        "question",
        "operator",
        "threshold",
        "capacity_unit",
        "site_type",
        "country_dimension",
        "country_level",
        "points",
        "category_floor",
        "light_dimension",
        "light",
        "explanation",
    ]

    def has_change_permission(self, request, obj=None):
        # A rule set that screened a project is frozen: clone it into a new version instead.
        return super().has_change_permission(request, obj) and not (obj and obj.is_frozen)

    has_add_permission = has_change_permission
    has_delete_permission = has_change_permission


@admin.action(description=_("Clone as a new version (inactive)"))
def clone_ruleset(modeladmin, request, queryset):
    for ruleset in queryset:
        clone = services.ruleset_clone(ruleset=ruleset, cloned_by=request.user)
        modeladmin.message_user(request, _("Created version %(v)s.") % {"v": clone.version}, messages.SUCCESS)


@admin.action(description=_("Activate this version"))
def activate_ruleset(modeladmin, request, queryset):
    if queryset.count() != 1:
        modeladmin.message_user(request, _("Choose exactly one rule set to activate."), messages.ERROR)
        return
    ruleset = services.ruleset_activate(ruleset=queryset.get(), activated_by=request.user)
    modeladmin.message_user(request, _("Version %(v)s is now active.") % {"v": ruleset.version}, messages.SUCCESS)


@admin.register(ScreeningRuleSet)
class ScreeningRuleSetAdmin(VersionAdmin):
    list_display = ["version", "name", "is_active", "threshold_a", "threshold_b", "created_at"]
    readonly_fields = ["is_active", "created_at"]
    inlines = [RuleInline]
    actions = [clone_ruleset, activate_ruleset]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj and obj.is_frozen:
            fields += ["version", "name", "threshold_a", "threshold_b"]
        return fields

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Screening)
class ScreeningAdmin(ReadOnlyAdmin):
    list_display = ["project", "category", "points", "ruleset_version", "created_at"]
