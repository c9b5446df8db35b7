"""Models of project assessment, one module per area (the app label and model names stay)."""

from assessments.models.alerts import AlertSubscription
from assessments.models.blacklist import BlacklistCase, BlacklistEntry, BlacklistEvidence
from assessments.models.comments import Comment, CommentAnswer, CommentAttachment, CommentReport
from assessments.models.credit import CreditQuery, WebhookDelivery, WebhookSubscription
from assessments.models.design import DesignValue
from assessments.models.disclosure import CommentWindow, Disclosure, RegisterEntry
from assessments.models.documents import Document, DocumentVersion, document_upload_to
from assessments.models.lists import ControlMeasure, HazardTemplate, MeasureTemplate, RiskItem
from assessments.models.performance import Finding, FollowUpAction, PerformanceReview
from assessments.models.projects import Project
from assessments.models.rating import Incident, Rating
from assessments.models.reports import (
    ChangeAlert,
    ChangeFlag,
    MonitoringReading,
    PerformanceReport,
    ReportCheck,
    ReportIncident,
    ReportItem,
)
from assessments.models.review import (
    CategoryChange,
    Condition,
    Decision,
    InformationRequest,
    RequestAttachment,
    Review,
    ReviewNote,
    ReviewPeriod,
    SubmissionVersion,
)
from assessments.models.screening import Screening, ScreeningRule, ScreeningRuleSet
from assessments.models.site import SensitiveArea, SensitiveAreaKind, SiteScreeningResult

__all__ = [
    "AlertSubscription",
    "Comment",
    "CommentAnswer",
    "CommentAttachment",
    "CommentReport",
    "CommentWindow",
    "Disclosure",
    "RegisterEntry",
    "ChangeAlert",
    "ChangeFlag",
    "Finding",
    "FollowUpAction",
    "MonitoringReading",
    "PerformanceReport",
    "PerformanceReview",
    "ReportCheck",
    "ReportIncident",
    "ReportItem",
    "BlacklistCase",
    "BlacklistEntry",
    "CategoryChange",
    "Condition",
    "BlacklistEvidence",
    "CreditQuery",
    "ControlMeasure",
    "Decision",
    "DesignValue",
    "Document",
    "DocumentVersion",
    "HazardTemplate",
    "InformationRequest",
    "RequestAttachment",
    "MeasureTemplate",
    "Project",
    "Review",
    "ReviewNote",
    "ReviewPeriod",
    "Incident",
    "MeasureTemplate",
    "Project",
    "Rating",
    "RiskItem",
    "Screening",
    "ScreeningRule",
    "ScreeningRuleSet",
    "SensitiveArea",
    "SensitiveAreaKind",
    "SiteScreeningResult",
    "SubmissionVersion",
    "WebhookDelivery",
    "WebhookSubscription",
    "document_upload_to",
]
