"""Models of project assessment, one module per area (the app label and model names stay)."""

from assessments.models.blacklist import BlacklistEntry
from assessments.models.design import DesignValue
from assessments.models.documents import Document, DocumentVersion, document_upload_to
from assessments.models.lists import ControlMeasure, HazardTemplate, MeasureTemplate, RiskItem
from assessments.models.projects import Project
from assessments.models.review import (
    CategoryChange,
    Condition,
    Decision,
    InformationRequest,
    Review,
    ReviewNote,
    ReviewPeriod,
    SubmissionVersion,
)
from assessments.models.screening import Screening, ScreeningRule, ScreeningRuleSet
from assessments.models.site import SensitiveArea, SensitiveAreaKind, SiteScreeningResult

__all__ = [
    "BlacklistEntry",
    "CategoryChange",
    "Condition",
    "ControlMeasure",
    "Decision",
    "DesignValue",
    "Document",
    "DocumentVersion",
    "HazardTemplate",
    "InformationRequest",
    "MeasureTemplate",
    "Project",
    "Review",
    "ReviewNote",
    "ReviewPeriod",
    "RiskItem",
    "Screening",
    "ScreeningRule",
    "ScreeningRuleSet",
    "SensitiveArea",
    "SensitiveAreaKind",
    "SiteScreeningResult",
    "SubmissionVersion",
    "document_upload_to",
]
