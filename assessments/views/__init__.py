"""Pages of project assessment, one module per area."""

from assessments.views.design import ProjectDesignView
from assessments.views.documents import DocumentDownloadView, ProjectDocumentsView
from assessments.views.lists import ProjectRisksView
from assessments.views.projects import (
    ProjectCreateView,
    ProjectDetailView,
    ProjectEditView,
    ProjectListView,
    ProjectSubmitView,
    ProjectWithdrawView,
)
from assessments.views.review import (
    DecisionLetterView,
    ProjectReviewView,
    RequestAnswerView,
    RequestAttachmentView,
    ReviewAssignView,
    ReviewCategoryView,
    ReviewClaimView,
    ReviewDecideView,
    ReviewDecisionLetterView,
    ReviewDocumentDownloadView,
    ReviewHomeView,
    ReviewNoteView,
    ReviewQueueView,
    ReviewRequestAttachmentView,
    ReviewRequestView,
    ReviewWorkspaceView,
    ServiceStandardsView,
)
from assessments.views.screening import ProjectQuestionnaireView, ProjectScreeningView
from assessments.views.site import ProjectSiteView, SiteAreasGeoJsonView

__all__ = [
    "DecisionLetterView",
    "ReviewDecisionLetterView",
    "RequestAttachmentView",
    "ReviewRequestAttachmentView",
    "ProjectReviewView",
    "RequestAnswerView",
    "ReviewAssignView",
    "ReviewCategoryView",
    "ReviewClaimView",
    "ReviewDecideView",
    "ReviewDocumentDownloadView",
    "ReviewHomeView",
    "ReviewNoteView",
    "ReviewQueueView",
    "ReviewRequestView",
    "ReviewWorkspaceView",
    "ServiceStandardsView",
    "DocumentDownloadView",
    "ProjectCreateView",
    "ProjectDesignView",
    "ProjectDetailView",
    "ProjectDocumentsView",
    "ProjectEditView",
    "ProjectListView",
    "ProjectQuestionnaireView",
    "ProjectRisksView",
    "ProjectScreeningView",
    "ProjectSiteView",
    "ProjectSubmitView",
    "ProjectWithdrawView",
    "SiteAreasGeoJsonView",
]
