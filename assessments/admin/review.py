"""Review records in the admin: the review periods are staff-edited (they are published on
/service-standards/); everything else is read-only, since it changes only through the review
services (a decision or a version never changes at all)."""

from django.contrib import admin

from assessments.admin.base import ReadOnlyAdmin
from assessments.models import (
    CategoryChange,
    Condition,
    Decision,
    InformationRequest,
    Review,
    ReviewNote,
    ReviewPeriod,
    SubmissionVersion,
)


@admin.register(ReviewPeriod)
class ReviewPeriodAdmin(admin.ModelAdmin):
    list_display = ["category", "days", "basis", "verified"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["project", "reviewer", "started_at", "due_at", "paused_since", "closed_at"]
    search_fields = ["project__name", "project__reference"]


@admin.register(SubmissionVersion)
class SubmissionVersionAdmin(ReadOnlyAdmin):
    list_display = ["project", "number", "submitted_by", "created_at"]
    search_fields = ["project__name", "project__reference"]


@admin.register(InformationRequest)
class InformationRequestAdmin(ReadOnlyAdmin):
    list_display = ["project", "number", "status", "due_date", "asked_by", "answered_at"]
    list_filter = ["status"]


class ConditionInline(admin.TabularInline):
    model = Condition
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["project", "version", "outcome", "decided_by", "decided_at"]
    list_filter = ["outcome"]
    inlines = [ConditionInline]


@admin.register(ReviewNote)
class ReviewNoteAdmin(ReadOnlyAdmin):
    list_display = ["project", "kind", "outcome", "author", "created_at"]


@admin.register(CategoryChange)
class CategoryChangeAdmin(ReadOnlyAdmin):
    list_display = ["project", "before", "after", "changed_by", "created_at"]
