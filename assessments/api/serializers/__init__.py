"""Serializers of the project-assessment API, one module per area."""

from assessments.api.serializers.documents import DocumentUploadInputSerializer, DocumentVersionSerializer
from assessments.api.serializers.lists import MeasureAnswerInputSerializer, MeasureSerializer, RiskSerializer
from assessments.api.serializers.projects import (
    AnswersInputSerializer,
    ProjectInputSerializer,
    ProjectSerializer,
    WithdrawInputSerializer,
)
from assessments.api.serializers.screening import ScreeningSerializer
from assessments.api.serializers.site import SiteInputSerializer

__all__ = [
    "AnswersInputSerializer",
    "DocumentUploadInputSerializer",
    "DocumentVersionSerializer",
    "MeasureAnswerInputSerializer",
    "MeasureSerializer",
    "ProjectInputSerializer",
    "ProjectSerializer",
    "RiskSerializer",
    "ScreeningSerializer",
    "SiteInputSerializer",
    "WithdrawInputSerializer",
]
