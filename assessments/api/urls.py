from django.urls import path
from rest_framework.routers import SimpleRouter

from assessments.api import views
from assessments.api.views import report

router = SimpleRouter()
router.register("projects", views.ProjectViewSet, basename="project")

urlpatterns = [
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
    *router.urls,
]
