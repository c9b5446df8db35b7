"""Writes of a project's own fields and questionnaire answers, and the checks every write of a
project shares (row lock, editability). Business rules on the fields live here, once, so the
page, the API and the admin refuse the same input with the same message."""

import pycountry
from django.db import transaction
from django.utils.translation import gettext as _
from shapely.geometry import shape

from assessments.choices import CapacityUnit
from assessments.models import Project
from assessments.permissions import can_edit_project
from assessments.rules import geometry
from assessments.rules.questionnaire import clean_answers
from portal.audit import audit_log
from portal.choices import OrganisationKind, Sector
from portal.errors import ConflictError, PermissionDeniedError, ServiceError
from portal.models import User
from portal.text import clean_name

PROJECT_FIELDS = [
    "name",
    "host_country",
    "sector",
    "capacity",
    "capacity_unit",
    "investment",
    "currency",
    "construction_start",
    "operation_start",
    "local_partner",
    "description",
]
# China is the investor's home country here: projects are investments abroad.
HOME_COUNTRY = "CN"
KNOWN_CURRENCIES = frozenset(c.alpha_3 for c in pycountry.currencies)


def lock_project(project: Project) -> Project:
    """The project row, locked for the rest of the transaction (two members may act at once)."""
    return (
        Project.objects.select_for_update(of=("self",))
        .select_related("organisation", "host_country")
        .get(pk=project.pk)
    )


def ensure_editable(project: Project, user) -> None:
    if not can_edit_project(user, project):
        if not project.is_editable:
            raise ConflictError(
                _("This project is %(status)s and can no longer be changed.") % {"status": project.get_status_display()}
            )
        raise PermissionDeniedError(_("You are not a member of this project's enterprise."))


def _snapshot(project: Project) -> dict:
    return {f: getattr(project, f if f != "host_country" else "host_country_id") for f in PROJECT_FIELDS}


def _clean_names(fields: dict) -> dict:
    """Names lose bidi controls and zero-width characters (portal/text.py)."""
    return {k: clean_name(v) if k in ("name", "local_partner") and isinstance(v, str) else v for k, v in fields.items()}


def validate_project_fields(values: dict) -> None:
    """The rules on a project's fields, given the values it would have after the write."""
    country = values.get("host_country")
    if country is not None and getattr(country, "iso2", None) == HOME_COUNTRY:
        raise ServiceError(
            _("Projects are investments abroad: choose the host country, not China."), field="host_country"
        )
    start, operation = values.get("construction_start"), values.get("operation_start")
    if start and operation and operation < start:
        raise ServiceError(_("Operation cannot start before construction."), field="operation_start")
    # The forms and serializers offer only these; a service caller (import, demo, shell) must too,
    # or the stored value breaks every later edit of the project.
    sector, unit = values.get("sector") or "", values.get("capacity_unit") or ""
    if sector and sector not in Sector.values:
        raise ServiceError(_("“%(value)s” is not a sector the portal knows.") % {"value": sector[:30]}, field="sector")
    if unit and unit not in CapacityUnit.values:
        raise ServiceError(
            _("“%(value)s” is not a capacity unit the portal knows.") % {"value": unit[:20]}, field="capacity_unit"
        )
    capacity = values.get("capacity")
    if capacity is not None:
        if capacity <= 0:
            raise ServiceError(_("The capacity must be greater than zero."), field="capacity")
        if not values.get("capacity_unit"):
            raise ServiceError(_("Give the unit of the capacity."), field="capacity_unit")
    investment = values.get("investment")
    if investment is not None and investment < 0:
        raise ServiceError(_("The investment cannot be negative."), field="investment")
    currency = values.get("currency") or ""
    if currency and currency not in KNOWN_CURRENCIES:
        raise ServiceError(
            _("“%(code)s” is not an ISO 4217 currency code.") % {"code": currency[:10]}, field="currency"
        )
    if investment is not None and not currency:
        raise ServiceError(_("Give the currency of the investment."), field="currency")


@transaction.atomic
def project_create(*, organisation, created_by: User, **fields) -> Project:
    """Start a draft. Only enterprises have projects."""
    if organisation.kind != OrganisationKind.ENTERPRISE:
        raise PermissionDeniedError(_("Only enterprises register projects."))
    if not organisation.memberships.filter(user=created_by).exists():
        raise PermissionDeniedError(_("You are not a member of this enterprise."))
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise ServiceError(_("These fields cannot be changed here: %(f)s") % {"f": ", ".join(sorted(unknown))})
    fields = _clean_names(fields)
    validate_project_fields(fields)
    project = Project.objects.create(organisation=organisation, created_by=created_by, **fields)
    audit_log(actor=created_by, action="project.created", target=project, after=_snapshot(project))
    return project


@transaction.atomic
def project_update(*, project: Project, updated_by: User, **fields) -> Project:
    project = lock_project(project)
    ensure_editable(project, updated_by)
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise ServiceError(_("These fields cannot be changed here: %(f)s") % {"f": ", ".join(sorted(unknown))})
    fields = _clean_names(fields)
    if "host_country" in fields and fields["host_country"] is None and project.host_country_id:
        raise ServiceError(_("A project needs its host country; choose another one instead."), field="host_country")
    validate_project_fields({**{f: getattr(project, f) for f in PROJECT_FIELDS}, **fields})
    before = _snapshot(project)
    country_changed = "host_country" in fields and fields["host_country"] != project.host_country
    for name, value in fields.items():
        setattr(project, name, value)
    if country_changed and project.site:
        # A site drawn in the old country cannot stand for the new one.
        try:
            geometry.validate_site(shape(project.site), country_iso2=project.host_country.iso2)
        except ServiceError:
            project.site, project.site_area_km2 = None, None
            fields = {**fields, "site": None, "site_area_km2": None}
    project.full_clean(exclude=["site", "answers", "status", "category", "created_by", "organisation"])
    project.save(update_fields=[*fields, "updated_at"])
    audit_log(actor=updated_by, action="project.updated", target=project, before=before, after=_snapshot(project))
    return project


@transaction.atomic
def project_set_answers(*, project: Project, answers: dict, updated_by: User) -> Project:
    project = lock_project(project)
    ensure_editable(project, updated_by)
    before = project.answers
    project.answers = clean_answers(answers)
    project.save(update_fields=["answers", "updated_at"])
    audit_log(actor=updated_by, action="project.answered", target=project, before=before, after=project.answers)
    return project
