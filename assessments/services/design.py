"""Writes of design values (emission, effluent and noise values the enterprise declares)."""

from django.db import transaction
from django.utils.translation import gettext as _

from assessments.models import DesignValue, Project
from assessments.services.projects import ensure_editable, lock_project
from portal.audit import audit_log
from portal.errors import ConflictError, ServiceError
from portal.models import User


@transaction.atomic
def design_value_add(*, project: Project, added_by: User, **fields) -> DesignValue:
    project = lock_project(project)
    ensure_editable(project, added_by)
    if fields.get("value") is not None and fields["value"] < 0:
        raise ServiceError(_("A design value cannot be negative."), field="value")
    if project.design_values.filter(
        parameter__iexact=fields["parameter"], medium=fields["medium"], averaging=fields.get("averaging", "")
    ).exists():
        raise ConflictError(_("This parameter already has a design value for this medium and period."))
    value = DesignValue.objects.create(project=project, **fields)
    audit_log(
        actor=added_by,
        action="design_value.added",
        target=project,
        after={"parameter": value.parameter, "value": value.value, "unit": value.unit},
    )
    return value


@transaction.atomic
def design_value_remove(*, value: DesignValue, removed_by: User) -> None:
    project = lock_project(value.project)
    ensure_editable(project, removed_by)
    audit_log(
        actor=removed_by,
        action="design_value.removed",
        target=project,
        before={"parameter": value.parameter, "value": value.value},
    )
    value.delete()
