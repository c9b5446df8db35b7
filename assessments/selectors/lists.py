"""Reads of a project's risk and control-measure lists and of the catalogue."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from assessments.choices import Phase
from assessments.models import ControlMeasure, HazardTemplate, MeasureTemplate, Project, RiskItem
from portal.selectors import as_id


def risk_list_for_project(*, project: Project) -> QuerySet[RiskItem]:
    return project.risks.filter(active=True).prefetch_related("measures")


PHASE_ORDER = Case(
    *(When(phase=phase, then=Value(i)) for i, phase in enumerate(Phase.values)),
    default=Value(len(Phase.values)),
    output_field=IntegerField(),
)


def measure_list_for_project(*, project: Project) -> QuerySet[ControlMeasure]:
    """The action plan in the order work happens: design, construction, operation, closure."""
    return (
        project.measures.filter(active=True)
        .annotate(phase_order=PHASE_ORDER)
        .order_by("phase_order", "proposed_by_enterprise", "code")
        .prefetch_related("risks", "references")
    )


def measure_get_for_project(*, project: Project, pk) -> ControlMeasure | None:
    pk = as_id(pk)
    if pk is None:
        return None
    return project.measures.filter(pk=pk, active=True).first()


def hazard_list_for_sector(*, sector: str) -> list[HazardTemplate]:
    return [h for h in HazardTemplate.objects.all() if "*" in h.sectors or sector in h.sectors]


def measure_template_list_treating(*, hazard_codes) -> QuerySet[MeasureTemplate]:
    return MeasureTemplate.objects.filter(treats__code__in=hazard_codes).distinct().prefetch_related("treats")
