"""Reads of public disclosure and participation: the register (one row per disclosed project,
filtered by the shared ``DisclosureFilter``), a project's public page, its timeline of
snapshots, its published comments with their answers, the moderators' queue (scoped to their
jurisdiction: out of scope is a 404) and the enterprise's comments to answer.

Public reads never return an email, an address, a rejected or unconfirmed comment, or a
rejection reason: the public selectors ``only()`` what pages and the API show.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, IntegerField, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from assessments.choices import CommentStatus
from assessments.models import Comment, CommentAttachment, CommentWindow, Disclosure, Project, RegisterEntry
from assessments.models.comments import token_hash
from portal.selectors import as_id

PUBLIC_COMMENT_FIELDS = (
    "id",
    "project_id",
    "number",
    "name",
    "organisation_name",
    "organisation_id",
    "country",
    "public_body",
    "status",
    "published_at",
    "redacted",
)


def _count(model_filter: Q) -> Subquery:
    rows = (
        Comment.objects.filter(model_filter, project=OuterRef("project"))
        .order_by()
        .values("project")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def register_entry_list_public() -> QuerySet[RegisterEntry]:
    """Every disclosed project, with what the register shows, in a constant number of queries
    (counts of published and unanswered comments are subqueries, never a loop)."""
    published = Q(status=CommentStatus.PUBLISHED)
    return (
        RegisterEntry.objects.select_related(
            "project", "project__host_country", "project__organisation", "project__comment_window", "latest"
        )
        .defer("search_text", "latest__snapshot")
        .annotate(
            published_count=_count(published),
            unanswered_count=_count(published & Q(answer__isnull=True)),
        )
    )


def register_filter(*, params=None):
    """The register's FilterSet (page, exports and API alike)."""
    from assessments.filters import DisclosureFilter

    return DisclosureFilter(params or {}, queryset=register_entry_list_public())


def register_entry_get_public(*, reference: str) -> RegisterEntry | None:
    return (
        RegisterEntry.objects.select_related(
            "project", "project__host_country", "project__organisation", "project__comment_window", "latest"
        )
        .defer("search_text")
        .filter(project__reference=reference)
        .first()
    )


def disclosure_list_for_project(*, project: Project) -> QuerySet[Disclosure]:
    """The timeline: every snapshot, oldest first (without their bodies)."""
    return project.disclosures.defer("snapshot").order_by("number")


def disclosure_get_public(*, project: Project, number) -> Disclosure | None:
    number = as_id(number)
    if number is None:
        return None
    return project.disclosures.filter(number=number).first()


def comment_list_public(*, project: Project) -> QuerySet[Comment]:
    """Published comments, with the answer beside each and their attachments' names."""
    return (
        Comment.objects.filter(project=project, status=CommentStatus.PUBLISHED)
        .select_related("answer", "organisation")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=CommentAttachment.objects.only("id", "comment_id", "original_name", "size", "mime"),
            )
        )
        .only(
            *PUBLIC_COMMENT_FIELDS,
            "answer__verdict",
            "answer__reason",
            "answer__answered_at",
            "answer__comment_id",
            "organisation__name",
        )
        .order_by("number")
    )


def comment_token_known(token: str) -> bool:
    """Whether an emailed confirmation link names a comment (confirmed or not)."""
    return bool(token) and Comment.objects.filter(token_hash=token_hash(token)).exists()


def comment_get_public(*, project: Project, number) -> Comment | None:
    number = as_id(number)
    if number is None:
        return None
    return Comment.objects.filter(project=project, number=number, status=CommentStatus.PUBLISHED).first()


def comment_counts_for_project(*, project: Project) -> dict:
    rows = dict(
        Comment.objects.filter(project=project)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    unanswered = Comment.objects.filter(project=project, status=CommentStatus.PUBLISHED, answer__isnull=True).count()
    return {
        "published": rows.get(CommentStatus.PUBLISHED, 0),
        "awaiting": rows.get(CommentStatus.PENDING, 0) + rows.get(CommentStatus.HIDDEN, 0),
        "unanswered": unanswered,
    }


def attachment_get_public(*, project: Project, pk) -> CommentAttachment | None:
    pk = as_id(pk)
    if pk is None:
        return None
    return CommentAttachment.objects.filter(
        pk=pk, comment__project=project, comment__status=CommentStatus.PUBLISHED
    ).first()


def document_version_get_public(*, entry: RegisterEntry, pk):
    """A document version only if the latest snapshot lists it (what the public was shown)."""
    from assessments.models import DocumentVersion

    pk = as_id(pk)
    listed = {d["version_id"] for d in entry.latest.for_language("en").get("documents", [])}
    if pk is None or pk not in listed:
        return None
    return DocumentVersion.objects.filter(pk=pk, document__project=entry.project).first()


def register_map_points(*, params=None) -> list[dict]:
    """The sites of the filtered register as points (capped: the map is an overview)."""
    qs = register_filter(params=params).qs.filter(lon__isnull=False)
    return [
        {"reference": ref, "name": name, "lon": lon, "lat": lat, "country": country}
        for ref, name, lon, lat, country in qs.values_list(
            "project__reference", "project__name", "lon", "lat", "project__host_country__iso2"
        )[:2000]
    ]


# --- moderators and enterprises --------------------------------------------------------------


def moderation_queue_for_user(*, user) -> QuerySet[Comment]:
    """Confirmed comments waiting for a moderator (and hidden ones) in the user's jurisdiction."""
    from assessments.selectors.review import review_project_list_for_user

    return (
        Comment.objects.filter(
            project__in=review_project_list_for_user(user=user).values("pk"),
            status__in=[CommentStatus.PENDING, CommentStatus.HIDDEN],
        )
        .select_related("project", "organisation")
        .prefetch_related("attachments")
        .annotate(report_count=Count("reports"))
        .order_by("confirmed_at", "id")
    )


def comment_get_for_moderator(*, user, pk) -> Comment | None:
    from assessments.selectors.review import review_project_list_for_user

    pk = as_id(pk)
    if pk is None:
        return None
    return (
        Comment.objects.filter(pk=pk, project__in=review_project_list_for_user(user=user).values("pk"))
        .select_related("project", "project__host_country")
        .first()
    )


def comment_list_for_enterprise(*, project: Project) -> QuerySet[Comment]:
    """The enterprise's view: its project's published comments and their answers."""
    return comment_list_public(project=project)


def comment_get_for_enterprise(*, project: Project, pk) -> Comment | None:
    pk = as_id(pk)
    if pk is None:
        return None
    return (
        Comment.objects.filter(pk=pk, project=project, status=CommentStatus.PUBLISHED).select_related("project").first()
    )


def disclosure_list_recent(*, kinds=None) -> QuerySet[Disclosure]:
    """Newest snapshots first, for the feeds."""
    qs = Disclosure.objects.select_related("project").order_by("-published_at", "-id")
    return qs.filter(kind__in=kinds) if kinds else qs


def window_list_recent():
    """Windows that have opened, newest first, for the feed."""
    from django.utils import timezone

    from assessments.models import CommentWindow

    return CommentWindow.objects.filter(opens_at__lte=timezone.now()).select_related("project").order_by("-opens_at")


def project_is_disclosed(project: Project) -> bool:
    return RegisterEntry.objects.filter(project=project).exists()


def records_next_change_at():
    """The next time the public pages made from records change with no write: a comment window
    opening or closing, or the next midnight (blacklist periods, due dates and "days left" are
    counted in days). The public cache's ``records`` scope expires then."""
    now = timezone.now()
    local = timezone.localtime(now)
    times = [
        timezone.make_aware(dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time.min), local.tzinfo),
        *CommentWindow.objects.filter(opens_at__gt=now).aggregate(t=Min("opens_at")).values(),
        *CommentWindow.objects.filter(closes_at__gt=now).aggregate(t=Min("closes_at")).values(),
    ]
    return min(t for t in times if t is not None)
