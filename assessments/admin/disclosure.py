"""Disclosure and participation records in the admin, read-only: snapshots never change,
windows and comments change only through their services (moderation is at /review/moderation/)."""

from django.contrib import admin

from assessments.admin.base import ReadOnlyAdmin
from assessments.models import Comment, CommentAnswer, CommentReport, CommentWindow, Disclosure, RegisterEntry


@admin.register(Disclosure)
class DisclosureAdmin(ReadOnlyAdmin):
    list_display = ["project", "number", "kind", "published_at"]
    search_fields = ["project__name", "project__reference"]
    exclude = ["snapshot"]


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdmin):
    list_display = ["project", "first_disclosed_at", "last_disclosed_at"]
    search_fields = ["project__name", "project__reference"]
    exclude = ["search_text", "search_vector"]


@admin.register(CommentWindow)
class CommentWindowAdmin(ReadOnlyAdmin):
    list_display = ["project", "opens_at", "closes_at", "time_zone", "status"]
    search_fields = ["project__name", "project__reference"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["project", "number", "name", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["project__reference", "name"]
    exclude = ["token_hash"]


@admin.register(CommentReport)
class CommentReportAdmin(ReadOnlyAdmin):
    list_display = ["comment", "created_at"]


@admin.register(CommentAnswer)
class CommentAnswerAdmin(ReadOnlyAdmin):
    list_display = ["comment", "verdict", "answered_at"]
