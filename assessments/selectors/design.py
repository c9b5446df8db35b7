"""Reads of design values and their compliance matrix."""

from django.db.models import QuerySet

from assessments.models import DesignValue, Project
from portal.selectors import as_id


def design_value_list_for_project(*, project: Project) -> QuerySet[DesignValue]:
    return project.design_values.all()


def design_value_get_for_project(*, project: Project, pk) -> DesignValue | None:
    pk = as_id(pk)
    if pk is None:
        return None
    return project.design_values.filter(pk=pk).first()


def compliance_matrix_for_project(*, project: Project):
    """Each design value against the limits that apply (rules in ``assessments.rules.compliance``)."""
    from assessments.rules.compliance import compliance_matrix

    return compliance_matrix(project)
