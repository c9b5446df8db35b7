from django.urls import path

from assessments import views
from assessments.views import blacklist as bl_views
from assessments.views import comments as comment_views
from assessments.views import performance as perf_views

app_name = "review"

urlpatterns = [
    path("", views.ReviewQueueView.as_view(), name="home"),
    path("projects/<int:pk>/", views.ReviewWorkspaceView.as_view(), name="project"),
    path("projects/<int:pk>/claim/", views.ReviewClaimView.as_view(), name="project-claim"),
    path("projects/<int:pk>/assign/", views.ReviewAssignView.as_view(), name="project-assign"),
    path("projects/<int:pk>/notes/", views.ReviewNoteView.as_view(), name="project-note"),
    path("projects/<int:pk>/requests/", views.ReviewRequestView.as_view(), name="project-request"),
    path("projects/<int:pk>/category/", views.ReviewCategoryView.as_view(), name="project-category"),
    path("projects/<int:pk>/decision/", views.ReviewDecideView.as_view(), name="project-decide"),
    path(
        "projects/<int:pk>/requests/<int:request_pk>/files/<int:attachment_pk>/",
        views.ReviewRequestAttachmentView.as_view(),
        name="request-attachment",
    ),
    path("projects/<int:pk>/letter/", views.ReviewDecisionLetterView.as_view(), name="decision-letter"),
    path(
        "projects/<int:pk>/documents/<int:version_pk>/download/",
        views.ReviewDocumentDownloadView.as_view(),
        name="document-download",
    ),
    path("projects/<int:pk>/consultation/", comment_views.ConsultationOpenView.as_view(), name="project-consultation"),
    path("moderation/", comment_views.ModerationQueueView.as_view(), name="moderation"),
    path("moderation/<int:pk>/<str:action>/", comment_views.ModerationActionView.as_view(), name="moderation-action"),
    path("performance/", perf_views.PerformanceQueueView.as_view(), name="performance-home"),
    path("performance/projects/<int:pk>/", perf_views.PerformanceProjectView.as_view(), name="performance-project"),
    path(
        "performance/projects/<int:pk>/reports/<int:report_pk>/",
        perf_views.PerformanceReportView.as_view(),
        name="performance-report",
    ),
    path("blacklist/", bl_views.ReviewCaseListView.as_view(), name="blacklist-list"),
    path("blacklist/<int:pk>/", bl_views.ReviewCaseView.as_view(), name="blacklist-case"),
    path("enterprises/<int:pk>/", bl_views.ReviewEnterpriseActionView.as_view(), name="enterprise-action"),
]
