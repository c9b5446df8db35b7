"""Reads of regulators' performance review: scoped to the reviewer's jurisdiction through the
project (out of scope is None, the caller answers 404), and the score the barometer reads."""

import datetime as dt

from django.db.models import Case, F, Prefetch, QuerySet, Value, When

from assessments.choices import PerformanceReviewStatus, ReportStatus
from assessments.models import Finding, PerformanceReport, PerformanceReview
from assessments.selectors.review import review_project_list_for_user


def performance_queue_for_user(*, user) -> QuerySet[PerformanceReport]:
    """Filed reports of projects in the user's jurisdiction: those waiting for review first, the
    oldest filed first; then the reviewed ones, the latest filed first."""
    return (
        PerformanceReport.objects.filter(
            project__in=review_project_list_for_user(user=user).values("pk"),
            status__in=(ReportStatus.SUBMITTED, ReportStatus.REVIEWED),
        )
        .select_related("project", "project__organisation", "performance_review")
        .annotate(waiting=Case(When(status=ReportStatus.SUBMITTED, then=Value(0)), default=Value(1)))
        .order_by("waiting", Case(When(waiting=0, then=F("submitted_at"))), F("submitted_at").desc(), "id")
    )


def performance_review_for_report(report: PerformanceReport) -> PerformanceReview | None:
    return (
        PerformanceReview.objects.filter(report=report)
        .prefetch_related(
            Prefetch("findings", queryset=Finding.objects.select_related("condition", "measure")), "actions"
        )
        .first()
    )


def review_score_for(*, organisation, since: dt.date) -> int | None:
    """The barometer's review score: of each project's latest concluded review in the window,
    the lowest (the rules list every reason, so the weakest project is the one that shows)."""
    latest: dict[int, int] = {}
    for project_id, score in (
        PerformanceReview.objects.filter(
            report__project__organisation=organisation,
            status=PerformanceReviewStatus.CONCLUDED,
            concluded_at__date__gte=since,
        )
        .order_by("concluded_at", "id")
        .values_list("report__project_id", "score")
    ):
        latest[project_id] = score
    return min(latest.values()) if latest else None
