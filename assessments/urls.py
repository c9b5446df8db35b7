from django.urls import path

from assessments import views
from assessments.views import comments as comment_views
from assessments.views import report as report_views
from assessments.views import reports as perf_views

app_name = "assessments"

urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project-list"),
    path("new/", views.ProjectCreateView.as_view(), name="project-create"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("<int:pk>/edit/", views.ProjectEditView.as_view(), name="project-edit"),
    path("<int:pk>/site/", views.ProjectSiteView.as_view(), name="project-site"),
    path("<int:pk>/site/areas.geojson", views.SiteAreasGeoJsonView.as_view(), name="project-site-areas"),
    path("<int:pk>/questionnaire/", views.ProjectQuestionnaireView.as_view(), name="project-questionnaire"),
    path("<int:pk>/screening/", views.ProjectScreeningView.as_view(), name="project-screening"),
    path("<int:pk>/risks/", views.ProjectRisksView.as_view(), name="project-risks"),
    path("<int:pk>/design/", views.ProjectDesignView.as_view(), name="project-design"),
    path("<int:pk>/documents/", views.ProjectDocumentsView.as_view(), name="project-documents"),
    path(
        "<int:pk>/documents/<int:version_pk>/download/", views.DocumentDownloadView.as_view(), name="document-download"
    ),
    path("<int:pk>/submit/", views.ProjectSubmitView.as_view(), name="project-submit"),
    path("<int:pk>/withdraw/", views.ProjectWithdrawView.as_view(), name="project-withdraw"),
    path("<int:pk>/report/", report_views.ProjectReportRequestView.as_view(), name="project-report-request"),
    path("<int:pk>/report/state.json", report_views.ProjectReportStateView.as_view(), name="project-report-state"),
    path(
        "<int:pk>/report/<int:artefact_pk>/download/",
        report_views.ProjectReportDownloadView.as_view(),
        name="project-report-download",
    ),
    path("<int:pk>/review/", views.ProjectReviewView.as_view(), name="project-review"),
    path(
        "<int:pk>/review/requests/<int:request_pk>/files/<int:attachment_pk>/",
        views.RequestAttachmentView.as_view(),
        name="request-attachment",
    ),
    path("<int:pk>/comments/", comment_views.ProjectCommentsView.as_view(), name="project-comments"),
    path(
        "<int:pk>/comments/<int:comment_pk>/answer/",
        comment_views.CommentAnswerView.as_view(),
        name="comment-answer",
    ),
    path("<int:pk>/reports/", perf_views.ReportListView.as_view(), name="report-list"),
    path("<int:pk>/reports/<int:report_pk>/", perf_views.ReportDetailView.as_view(), name="report-detail"),
    path("<int:pk>/review/letter/", views.DecisionLetterView.as_view(), name="decision-letter"),
    path("<int:pk>/requests/<int:request_pk>/answer/", views.RequestAnswerView.as_view(), name="request-answer"),
]
