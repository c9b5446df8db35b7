"""Project-assessment API: the caller's organisation's projects only; everything else is a 404."""

from assessments.api.views.documents import DocumentDownloadApi, ProjectDocumentsApi
from assessments.api.views.lists import MeasureAnswerApi, ProjectMeasuresApi, ProjectRisksApi
from assessments.api.views.projects import ProjectAnswersApi, ProjectSubmitApi, ProjectViewSet, ProjectWithdrawApi
from assessments.api.views.screening import ProjectScreeningApi
from assessments.api.views.site import ProjectSiteApi

__all__ = [
    "DocumentDownloadApi",
    "MeasureAnswerApi",
    "ProjectAnswersApi",
    "ProjectDocumentsApi",
    "ProjectMeasuresApi",
    "ProjectRisksApi",
    "ProjectScreeningApi",
    "ProjectSiteApi",
    "ProjectSubmitApi",
    "ProjectViewSet",
    "ProjectWithdrawApi",
]
