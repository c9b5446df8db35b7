"""Staff administration of screening rules, sensitive areas, the catalogue and the blacklist."""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from assessments.models import (
    BlacklistEntry,
    HazardTemplate,
    MeasureTemplate,
    Project,
    Screening,
    ScreeningRule,
    ScreeningRuleSet,
    SensitiveArea,
    SensitiveAreaKind,
)
from portal.audit import audit_log


class RuleInline(admin.TabularInline):
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
        with transaction.atomic():
            version = (ScreeningRuleSet.objects.aggregate(v=Max("version"))["v"] or 0) + 1
            clone = ScreeningRuleSet.objects.create(
                version=version,
                name=f"{ruleset.name} (v{version})",
                threshold_a=ruleset.threshold_a,
                threshold_b=ruleset.threshold_b,
                notes=ruleset.notes,
                is_active=False,
            )
            rules = list(ruleset.rules.all())
            for rule in rules:
                rule.pk = None
                rule.ruleset = clone
            ScreeningRule.objects.bulk_create(rules)
            audit_log(
                actor=request.user,
                action="ruleset.cloned",
                target=clone,
                before={"from": ruleset.version},
                after={"version": version},
            )
        modeladmin.message_user(request, _("Created version %(v)s.") % {"v": version}, messages.SUCCESS)


@admin.action(description=_("Activate this version"))
def activate_ruleset(modeladmin, request, queryset):
    if queryset.count() != 1:
        modeladmin.message_user(request, _("Choose exactly one rule set to activate."), messages.ERROR)
        return
    ruleset = queryset.get()
    with transaction.atomic():
        previous = ScreeningRuleSet.objects.select_for_update().filter(is_active=True).first()
        ScreeningRuleSet.objects.filter(is_active=True).update(is_active=False)
        ScreeningRuleSet.objects.filter(pk=ruleset.pk).update(is_active=True)
        audit_log(
            actor=request.user,
            action="ruleset.activated",
            target=ruleset,
            before={"active": previous.version if previous else None},
            after={"active": ruleset.version},
        )
    modeladmin.message_user(request, _("Version %(v)s is now active.") % {"v": ruleset.version}, messages.SUCCESS)


@admin.register(ScreeningRuleSet)
class ScreeningRuleSetAdmin(admin.ModelAdmin):
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


@admin.register(SensitiveArea)
class SensitiveAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "country", "area_km2", "simplified", "verified"]
    list_filter = ["type", "country", "simplified", "verified"]
    search_fields = ["name", "name_local", "designation"]


@admin.register(SensitiveAreaKind)
class SensitiveAreaKindAdmin(admin.ModelAdmin):
    list_display = ["code", "buffer_m"]


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


@admin.register(BlacklistEntry)
class BlacklistEntryAdmin(admin.ModelAdmin):
    list_display = ["organisation", "starts_on", "ends_on", "lifted_at"]

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Staff may look; these records change only through the workspace services."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "host_country", "sector", "status", "category", "updated_at"]
    list_filter = ["status", "category", "sector"]
    search_fields = ["name", "organisation__name"]


@admin.register(Screening)
class ScreeningAdmin(ReadOnlyAdmin):
    list_display = ["project", "category", "points", "ruleset_version", "created_at"]
