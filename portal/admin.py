from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken

from portal.errors import ServiceError
from portal.models import (
    Artefact,
    AuditEvent,
    EnterpriseClaim,
    Invitation,
    Jurisdiction,
    Membership,
    Notification,
    Organisation,
    User,
)
from portal.text import clean_name


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "preferred_language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def save_model(self, request, obj, form, change):
        obj.full_name = clean_name(obj.full_name)
        super().save_model(request, obj, form, change)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class JurisdictionInline(admin.TabularInline):
    model = Jurisdiction
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "home_country", "registration_number", "created_at"]
    list_filter = ["kind", "home_country"]
    search_fields = ["name", "registration_number"]
    inlines = [MembershipInline, JurisdictionInline]

    def save_model(self, request, obj, form, change):
        obj.name, obj.registration_number = clean_name(obj.name), clean_name(obj.registration_number)
        super().save_model(request, obj, form, change)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    readonly_fields = ["token", "created_at", "accepted_at", "accepted_by", "invited_by"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["title", "user__email"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only, staff may only look."""

    list_display = ["created_at", "actor_repr", "action", "target_repr"]
    list_filter = ["action"]
    search_fields = ["actor_repr", "action", "target_repr", "reason"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# API tokens: staff see whose token it is, its first characters and its expiry, and may revoke
# it (delete); they never see a token (only its digest is stored) and cannot mint one, so the
# admin never displays a usable secret. knox's own admin shows the full digest and, on add,
# the plain token: replaced.
admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["key_start", "user", "created", "expiry"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
    fields = ["key_start", "user", "created", "expiry"]
    readonly_fields = fields

    @admin.display(description=_("token starts with"))
    def key_start(self, obj) -> str:
        return f"{obj.token_key[:8]}…"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Artefact)
class ArtefactAdmin(admin.ModelAdmin):
    """Read-only: artefacts change only through portal.artefacts (never edited, never deleted)."""

    list_display = ["kind", "subject_id", "language", "version", "state", "page_count", "created_at", "finished_at"]
    list_filter = ["kind", "state", "language"]
    search_fields = ["subject_id", "title", "sha256", "inputs_hash"]
    exclude = ["inputs"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.action(description=_("Register the enterprise for the claimant (number must be free)"))
def claim_register(modeladmin, request, queryset):
    from portal.claims import enterprise_claim_register

    for claim in queryset:
        try:
            enterprise_claim_register(claim=claim, resolved_by=request.user)
        except ServiceError as exc:
            modeladmin.message_user(request, f"{claim}: {exc.message}", messages.ERROR)
        else:
            modeladmin.message_user(request, _("%(claim)s: registered.") % {"claim": claim}, messages.SUCCESS)


@admin.action(description=_("Reject the claim"))
def claim_reject(modeladmin, request, queryset):
    from portal.claims import enterprise_claim_reject

    for claim in queryset:
        try:
            enterprise_claim_reject(claim=claim, resolved_by=request.user)
        except ServiceError as exc:
            modeladmin.message_user(request, f"{claim}: {exc.message}", messages.ERROR)
        else:
            modeladmin.message_user(request, _("%(claim)s: rejected.") % {"claim": claim}, messages.SUCCESS)


@admin.register(EnterpriseClaim)
class EnterpriseClaimAdmin(admin.ModelAdmin):
    """Claims change only through the actions (audited services)."""

    list_display = ["name", "registration_number", "home_country", "user", "status", "created_at", "organisation"]
    list_filter = ["status", "home_country"]
    search_fields = ["name", "registration_number", "user__email"]
    list_select_related = ["user", "organisation"]
    actions = [claim_register, claim_reject]
    readonly_fields = [
        "user",
        "name",
        "registration_number",
        "home_country",
        "main_sectors",
        "status",
        "created_at",
        "resolved_at",
        "resolved_by",
        "organisation",
        "note",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
