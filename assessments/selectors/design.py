"""Reads of design values and their compliance matrix."""

from django.db.models import QuerySet

from assessments.models import DesignValue, Project
from knowledge.selectors import design_parameter_options, limit_list_for_jurisdictions
from portal.selectors import as_id


def design_value_list_for_project(*, project: Project) -> QuerySet[DesignValue]:
    return project.design_values.all()


def design_value_get_for_project(*, project: Project, pk) -> DesignValue | None:
    pk = as_id(pk)
    if pk is None:
        return None
    return project.design_values.filter(pk=pk).first()


def _jurisdictions(project: Project) -> list[str]:
    host = project.host_country.iso2 if project.host_country_id else ""
    return [j for j in (host, "IFC", "CN") if j]


def design_options_for_project(*, project: Project):
    """The parameters, media, units and averaging periods the knowledge base holds limits for in
    the project's jurisdictions (the design-value form offers these, before the user types)."""
    return design_parameter_options(jurisdictions=_jurisdictions(project), sector=project.sector or "")


def compliance_matrix_for_project(*, project: Project):
    """Each design value against the limits that apply (rules in ``assessments.rules.compliance``)."""
    from assessments.rules.compliance import compliance_matrix

    return compliance_matrix(project, limits=limit_list_for_jurisdictions(jurisdictions=_jurisdictions(project)))
