from django.middleware.http import ConditionalGetMiddleware
from django.urls import path
from django.utils.decorators import decorator_from_middleware
from rest_framework.routers import SimpleRouter

from assessments.api import views
from assessments.api.views import credit as credit_views
from assessments.api.views import disclosure as disclosure_views
from assessments.api.views import rating as rating_views
from assessments.api.views import report, reports, review
from portal.public_cache import cache_records

# ETag on every public disclosure GET; a client with a matching If-None-Match gets 304.
conditional = decorator_from_middleware(ConditionalGetMiddleware)


def public(view):
    """A public disclosure read: from the records cache for anonymous readers (stale the moment
    a record changes, see portal/public_cache.py), with an ETag for everyone."""
    return conditional(cache_records(view))


router = SimpleRouter()
router.register("projects", views.ProjectViewSet, basename="project")

urlpatterns = [
    path(
        "credit/enterprises/<str:registration_number>/", credit_views.CreditProfileApi.as_view(), name="credit-profile"
    ),
    path(
        "credit/enterprises/<str:registration_number>/profile.pdf",
        credit_views.CreditProfilePdfApi.as_view(),
        name="credit-profile-pdf",
    ),
    path("credit/bulk/", credit_views.CreditBulkApi.as_view(), name="credit-bulk"),
    path("credit/webhooks/", credit_views.WebhookSubscribeApi.as_view(), name="credit-webhooks"),
    path("disclosures/", public(disclosure_views.DisclosureListApi.as_view()), name="disclosure-list"),
    path(
        "disclosures/<str:reference>/",
        public(disclosure_views.DisclosureDetailApi.as_view()),
        name="disclosure-detail",
    ),
    path(
        "disclosures/<str:reference>/snapshots/",
        public(disclosure_views.DisclosureSnapshotsApi.as_view()),
        name="disclosure-snapshots",
    ),
    path(
        "disclosures/<str:reference>/snapshots/<int:number>/",
        public(disclosure_views.DisclosureSnapshotApi.as_view()),
        name="disclosure-snapshot",
    ),
    path(
        "disclosures/<str:reference>/comments/",
        public(disclosure_views.DisclosureCommentsApi.as_view()),
        name="disclosure-comments",
    ),
    path("ratings/", rating_views.RatingListApi.as_view(), name="rating-list"),
    path("projects/<int:pk>/site/", views.ProjectSiteApi.as_view(), name="project-site"),
    path("projects/<int:pk>/answers/", views.ProjectAnswersApi.as_view(), name="project-answers"),
    path("projects/<int:pk>/screening/", views.ProjectScreeningApi.as_view(), name="project-screening"),
    path("projects/<int:pk>/risks/", views.ProjectRisksApi.as_view(), name="project-risks"),
    path("projects/<int:pk>/measures/", views.ProjectMeasuresApi.as_view(), name="project-measures"),
    path(
        "projects/<int:pk>/measures/<int:measure_pk>/answer/", views.MeasureAnswerApi.as_view(), name="measure-answer"
    ),
    path("projects/<int:pk>/documents/", views.ProjectDocumentsApi.as_view(), name="project-documents"),
    path(
        "projects/<int:pk>/documents/<int:version_pk>/download/",
        views.DocumentDownloadApi.as_view(),
        name="document-download",
    ),
    path("projects/<int:pk>/submit/", views.ProjectSubmitApi.as_view(), name="project-submit"),
    path("projects/<int:pk>/withdraw/", views.ProjectWithdrawApi.as_view(), name="project-withdraw"),
    path("projects/<int:pk>/reports/", report.ProjectReportsApi.as_view(), name="project-reports"),
    path("projects/<int:pk>/reports/<int:artefact_pk>/", report.ProjectReportApi.as_view(), name="project-report"),
    path(
        "projects/<int:pk>/reports/<int:artefact_pk>/download/",
        report.ProjectReportDownloadApi.as_view(),
        name="project-report-download",
    ),
    path(
        "projects/<int:pk>/performance-reports/", reports.PerformanceReportListApi.as_view(), name="performance-reports"
    ),
    path(
        "projects/<int:pk>/performance-reports/<int:report_pk>/",
        reports.PerformanceReportApi.as_view(),
        name="performance-report",
    ),
    path(
        "projects/<int:pk>/performance-reports/<int:report_pk>/readings/import/",
        reports.PerformanceReportImportApi.as_view(),
        name="performance-report-import",
    ),
    path(
        "projects/<int:pk>/performance-reports/<int:report_pk>/submit/",
        reports.PerformanceReportSubmitApi.as_view(),
        name="performance-report-submit",
    ),
    path("projects/<int:pk>/review/", review.EnterpriseReviewApi.as_view(), name="project-review"),
    path(
        "projects/<int:pk>/requests/<int:request_pk>/answer/", review.RequestAnswerApi.as_view(), name="request-answer"
    ),
    # The regulator's side: /api/v1/review/…
    path("review/queue/", review.ReviewQueueApi.as_view(), name="review-queue"),
    path("review/projects/<int:pk>/", review.ReviewProjectApi.as_view(), name="review-project"),
    path("review/projects/<int:pk>/versions/<int:number>/", review.ReviewVersionApi.as_view(), name="review-version"),
    path("review/projects/<int:pk>/claim/", review.ReviewClaimApi.as_view(), name="review-claim"),
    path("review/projects/<int:pk>/assign/", review.ReviewAssignApi.as_view(), name="review-assign"),
    path("review/projects/<int:pk>/notes/", review.ReviewNoteApi.as_view(), name="review-notes"),
    path("review/projects/<int:pk>/requests/", review.ReviewRequestApi.as_view(), name="review-requests"),
    path("review/projects/<int:pk>/decision/", review.ReviewDecisionApi.as_view(), name="review-decision"),
    path("review/projects/<int:pk>/category/", review.ReviewCategoryApi.as_view(), name="review-category"),
    *router.urls,
]
