"""Reads of a project's risk and control-measure lists and of the catalogue."""

from django.db.models import QuerySet

from assessments.models import ControlMeasure, HazardTemplate, MeasureTemplate, Project, RiskItem
from portal.selectors import as_id


def risk_list_for_project(*, project: Project) -> QuerySet[RiskItem]:
    return project.risks.filter(active=True).prefetch_related("measures")


def measure_list_for_project(*, project: Project) -> QuerySet[ControlMeasure]:
    return project.measures.filter(active=True).prefetch_related("risks", "references")


def measure_get_for_project(*, project: Project, pk) -> ControlMeasure | None:
    pk = as_id(pk)
    if pk is None:
        return None
    return project.measures.filter(pk=pk, active=True).first()


def hazard_list_for_sector(*, sector: str) -> list[HazardTemplate]:
    return [h for h in HazardTemplate.objects.all() if "*" in h.sectors or sector in h.sectors]


def measure_template_list_treating(*, hazard_codes) -> QuerySet[MeasureTemplate]:
    return MeasureTemplate.objects.filter(treats__code__in=hazard_codes).distinct().prefetch_related("treats")
