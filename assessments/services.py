"""Writes of project assessment: drafting, site screening, screening, risk and measure lists,
design values, documents and submission. Atomic, audited, row-locked where two people can act."""

from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django_fsm import can_proceed
from shapely.geometry import shape

from assessments import geometry
from assessments.choices import DocumentKind, MeasureResponse
from assessments.models import (
    ControlMeasure,
    DesignValue,
    Document,
    DocumentVersion,
    HazardTemplate,
    MeasureTemplate,
    Project,
    RiskItem,
    Screening,
    SensitiveArea,
    SensitiveAreaKind,
    SiteScreeningResult,
)
from assessments.permissions import can_edit_project, can_submit_project
from assessments.questionnaire import BOOL_QUESTIONS, QUESTION_CODES, QUESTIONS
from assessments.screening import Facts, screen
from assessments.selectors import blacklist_entry_active_for, ruleset_get_active
from assessments.uploads import check_upload
from knowledge.choices import RiskDimension, RiskLevel
from knowledge.models import Instrument
from portal.audit import audit_log
from portal.choices import NotificationKind, OrganisationKind
from portal.errors import ServiceError
from portal.models import User
from portal.services import notification_send

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


def _lock(project: Project) -> Project:
    return (
        Project.objects.select_for_update(of=("self",))
        .select_related("organisation", "host_country")
        .get(pk=project.pk)
    )


def _ensure_editable(project: Project, user) -> None:
    if not can_edit_project(user, project):
        if not project.is_editable:
            raise ServiceError(
                _("This project is %(status)s and can no longer be changed.")
                % {"status": project.get_status_display()},
                status=409,
            )
        raise ServiceError(_("You are not a member of this project's enterprise."), status=403)


def _snapshot(project: Project) -> dict:
    return {f: getattr(project, f if f != "host_country" else "host_country_id") for f in PROJECT_FIELDS}


@transaction.atomic
def project_create(*, organisation, created_by: User, **fields) -> Project:
    """Start a draft. Only enterprises (not blacklisted ones) have projects."""
    if organisation.kind != OrganisationKind.ENTERPRISE:
        raise ServiceError(_("Only enterprises register projects."), status=403)
    if not organisation.memberships.filter(user=created_by).exists():
        raise ServiceError(_("You are not a member of this enterprise."), status=403)
    project = Project.objects.create(organisation=organisation, created_by=created_by, **fields)
    audit_log(actor=created_by, action="project.created", target=project, after=_snapshot(project))
    return project


@transaction.atomic
def project_update(*, project: Project, updated_by: User, **fields) -> Project:
    project = _lock(project)
    _ensure_editable(project, updated_by)
    unknown = set(fields) - set(PROJECT_FIELDS)
    if unknown:
        raise ServiceError(_("These fields cannot be changed here: %(f)s") % {"f": ", ".join(sorted(unknown))})
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
def project_set_site(*, project: Project, site_text: str, fmt: str, updated_by: User) -> Project:
    """Set the site from GeoJSON or KML text after validating it against the host country."""
    project = _lock(project)
    _ensure_editable(project, updated_by)
    if project.host_country is None:
        raise ServiceError(_("Choose the host country before the site."))
    geom = geometry.parse_kml(site_text) if fmt == "kml" else geometry.parse_geojson(site_text)
    geometry.validate_site(geom, country_iso2=project.host_country.iso2)
    before = project.site
    project.site = geometry.as_geojson(geom)
    area = geometry.area_km2(geom) if geom.geom_type in ("Polygon", "MultiPolygon") else 0
    project.site_area_km2 = Decimal(str(round(area, 3)))
    project.save(update_fields=["site", "site_area_km2", "updated_at"])
    audit_log(
        actor=updated_by,
        action="project.site_set",
        target=project,
        before={"site": before},
        after={"site": project.site},
    )
    site_screen(project=project)
    return project


def _clean_answers(answers: dict) -> dict:
    clean = {}
    for q in QUESTIONS:
        if q.code not in answers or answers[q.code] in (None, ""):
            continue
        value = answers[q.code]
        if q.code in BOOL_QUESTIONS:
            if not isinstance(value, bool):
                raise ServiceError(_("Answer “%(q)s” with yes or no.") % {"q": q.label})
            clean[q.code] = value
        else:
            try:
                number = Decimal(str(value))
            except ArithmeticError as exc:
                raise ServiceError(_("Answer “%(q)s” with a number.") % {"q": q.label}) from exc
            if number < 0:
                raise ServiceError(_("“%(q)s” cannot be negative.") % {"q": q.label})
            clean[q.code] = float(number)
    unknown = set(answers) - QUESTION_CODES
    if unknown:
        raise ServiceError(_("Unknown questions: %(codes)s") % {"codes": ", ".join(sorted(unknown))})
    return clean


@transaction.atomic
def project_set_answers(*, project: Project, answers: dict, updated_by: User) -> Project:
    project = _lock(project)
    _ensure_editable(project, updated_by)
    before = project.answers
    project.answers = _clean_answers(answers)
    project.save(update_fields=["answers", "updated_at"])
    audit_log(actor=updated_by, action="project.answered", target=project, before=before, after=project.answers)
    return project


# --- site screening ----------------------------------------------------------------------------


def site_screen(*, project: Project) -> list[SiteScreeningResult]:
    """Distances from the site to every sensitive area near it (inside, within buffer)."""
    project.site_results.all().delete()
    if not project.site:
        return []
    site = shape(project.site)
    lat0 = site.centroid.y
    buffers = dict(SensitiveAreaKind.objects.values_list("code", "buffer_m"))
    reach = max(buffers.values(), default=5000)
    # Cheap bounding-box pre-filter, then exact distances with shapely.
    minx, miny, maxx, maxy = site.bounds
    pad = reach / 100_000 + 0.05
    candidates = SensitiveArea.objects.filter(
        min_lon__lte=maxx + pad, max_lon__gte=minx - pad, min_lat__lte=maxy + pad, max_lat__gte=miny - pad
    )
    results = []
    for area in candidates:
        geom = shape(area.geometry)
        buffer_m = buffers.get(area.type, 0)
        if site.intersects(geom):
            relation, distance = "inside", 0
        else:
            distance = geometry.distance_m(site, geom, lat0)
            if distance > buffer_m:
                continue
            relation = "buffer"
        results.append(
            SiteScreeningResult(
                project=project, area=area, relation=relation, distance_m=round(distance), buffer_m=buffer_m
            )
        )
    SiteScreeningResult.objects.bulk_create(results)
    return results


# --- screening -----------------------------------------------------------------------------------


def project_facts(project: Project) -> Facts:
    risks = dict(project.host_country.risks.values_list("dimension", "level")) if project.host_country else {}
    site = [
        {"type": r.area.type, "relation": r.relation, "name": r.area.name, "distance_m": r.distance_m}
        for r in project.site_results.select_related("area").order_by("distance_m", "area__name")
    ]
    return Facts(
        sector=project.sector,
        capacity=project.capacity,
        capacity_unit=project.capacity_unit,
        answers=project.answers,
        country_risk=risks,
        site=site,
    )


def screening_missing(project: Project) -> list[str]:
    missing = []
    if not project.host_country:
        missing.append(_("the host country"))
    if not project.sector:
        missing.append(_("the sector"))
    if not project.site:
        missing.append(_("the site"))
    unanswered = [q for q in QUESTIONS if q.code not in project.answers]
    if unanswered:
        missing.append(_("answers to %(n)s screening questions") % {"n": len(unanswered)})
    return missing


@transaction.atomic
def project_screen(*, project: Project, screened_by: User) -> Screening:
    """Screen the project with the active rule set, record it for good, regenerate the lists."""
    project = _lock(project)
    _ensure_editable(project, screened_by)
    missing = screening_missing(project)
    if missing:
        raise ServiceError(_("Screening needs %(missing)s.") % {"missing": ", ".join(missing)})
    ruleset = ruleset_get_active()
    if ruleset is None:
        raise ServiceError(_("No screening rule set is active; ask the portal staff."), status=409)
    site_screen(project=project)
    facts = project_facts(project)
    result = screen(facts, ruleset, list(ruleset.rules.all()))
    screening = Screening.objects.create(
        project=project,
        ruleset=ruleset,
        ruleset_version=ruleset.version,
        category=result.category,
        points=result.points,
        factors=result.factors,
        lights=result.lights,
        inputs=facts.as_dict(),
        site_results=facts.site,
        created_by=screened_by,
    )
    before = project.category
    project.category = result.category
    project.save(update_fields=["category", "updated_at"])
    audit_log(
        actor=screened_by,
        action="project.screened",
        target=project,
        before={"category": before},
        after={"category": result.category, "points": result.points, "ruleset": ruleset.version},
    )
    lists_generate(project=project, facts=facts)
    return screening


def screening_is_current(project: Project) -> bool:
    latest = project.screenings.first()
    return latest is not None and latest.inputs == project_facts(project).as_dict()


# --- risk and control-measure lists ---------------------------------------------------------------


def _amplify(hazard: HazardTemplate, facts: Facts) -> tuple[int, int, list[str]]:
    likelihood, severity, why = hazard.likelihood, hazard.severity, []
    level = facts.country_risk.get(hazard.dimension)
    if level in ("high", "very_high"):
        likelihood += 1
        why.append(
            _("host country %(dim)s risk %(level)s")
            % {"dim": RiskDimension(hazard.dimension).label, "level": RiskLevel(level).label}
        )
    if level == "very_high":
        severity += 1
    for hit in facts.site:
        if hit["type"] in hazard.site_amplifiers:
            severity += 2 if hit["relation"] == "inside" else 1
            why.append(_("site near %(name)s") % {"name": hit["name"]})
            break
    return min(likelihood, 5), min(severity, 5), why


def lists_generate(*, project: Project, facts: Facts | None = None) -> tuple[int, int]:
    """(Re)build the risk and measure lists from the catalogue, keeping the enterprise's
    answers on every item that still applies; items that no longer apply are deactivated."""
    facts = facts or project_facts(project)
    hazards = [h for h in HazardTemplate.objects.all() if "*" in h.sectors or project.sector in h.sectors]
    existing = {r.code: r for r in project.risks.all()}
    keep = set()
    for hazard in hazards:
        likelihood, severity, why = _amplify(hazard, facts)
        values = {
            "dimension": hazard.dimension,
            "title": hazard.title,
            "description": hazard.description,
            "likelihood": likelihood,
            "severity": severity,
            "rating": likelihood * severity,
            "amplified_by": why,
            "active": True,
        }
        item = existing.get(hazard.code)
        if item is None:
            item = RiskItem.objects.create(project=project, code=hazard.code, **values)
        else:
            for k, v in values.items():
                setattr(item, k, v)
            item.save()
        existing[hazard.code] = item
        keep.add(hazard.code)
    project.risks.exclude(code__in=keep).update(active=False)
    risks_by_code = {code: existing[code] for code in keep}
    measures = MeasureTemplate.objects.filter(treats__code__in=keep).distinct().prefetch_related("treats")
    current = {m.code: m for m in project.measures.filter(proposed_by_enterprise=False)}
    keep_measures = set()
    for template in measures:
        measure = current.get(template.code)
        if measure is None:
            measure = ControlMeasure.objects.create(
                project=project,
                code=template.code,
                title=template.title,
                description=template.description,
                phase=template.phase,
                evidence_expected=template.evidence,
            )
        elif not measure.active:
            measure.active = True
            measure.save(update_fields=["active"])
        measure.risks.set([risks_by_code[h.code] for h in template.treats.all() if h.code in risks_by_code])
        measure.references.set(Instrument.objects.filter(key__in=template.references))
        keep_measures.add(template.code)
    project.measures.filter(proposed_by_enterprise=False).exclude(code__in=keep_measures).update(active=False)
    return len(keep), len(keep_measures)


@transaction.atomic
def measure_answer(
    *,
    measure: ControlMeasure,
    answered_by: User,
    response: str,
    alternative: str = "",
    reason: str = "",
    owner: str = "",
    due_date=None,
) -> ControlMeasure:
    """The enterprise accepts a measure or proposes an alternative (with a reason)."""
    measure = (
        ControlMeasure.objects.select_for_update(of=("self",))
        .select_related("project__organisation")
        .get(pk=measure.pk)
    )
    _ensure_editable(measure.project, answered_by)
    if response not in (MeasureResponse.ACCEPTED, MeasureResponse.ALTERNATIVE):
        raise ServiceError(_("Accept the measure or propose an alternative."))
    if response == MeasureResponse.ALTERNATIVE and not (alternative.strip() and reason.strip()):
        raise ServiceError(_("An alternative needs the measure you propose and the reason for it."))
    before = {"response": measure.response, "alternative": measure.alternative, "owner": measure.owner}
    measure.response = response
    measure.alternative = alternative.strip() if response == MeasureResponse.ALTERNATIVE else ""
    measure.reason = reason.strip() if response == MeasureResponse.ALTERNATIVE else ""
    measure.owner = owner.strip()
    measure.due_date = due_date
    measure.save(update_fields=["response", "alternative", "reason", "owner", "due_date"])
    audit_log(
        actor=answered_by,
        action="measure.answered",
        target=measure,
        before=before,
        after={"response": response, "alternative": measure.alternative, "owner": measure.owner},
    )
    return measure


@transaction.atomic
def measure_add(
    *,
    project: Project,
    added_by: User,
    title: str,
    description: str,
    phase: str,
    risk_ids: list[int],
    owner: str = "",
    due_date=None,
) -> ControlMeasure:
    project = _lock(project)
    _ensure_editable(project, added_by)
    number = project.measures.filter(proposed_by_enterprise=True).count() + 1
    measure = ControlMeasure.objects.create(
        project=project,
        code=f"own-{number}",
        title=title.strip(),
        description=description.strip(),
        phase=phase,
        proposed_by_enterprise=True,
        response=MeasureResponse.ACCEPTED,
        owner=owner,
        due_date=due_date,
    )
    measure.risks.set(project.risks.filter(pk__in=risk_ids, active=True))
    audit_log(actor=added_by, action="measure.added", target=measure, after={"title": measure.title, "phase": phase})
    return measure


# --- design values --------------------------------------------------------------------------------


@transaction.atomic
def design_value_add(*, project: Project, added_by: User, **fields) -> DesignValue:
    project = _lock(project)
    _ensure_editable(project, added_by)
    if project.design_values.filter(
        parameter__iexact=fields["parameter"], medium=fields["medium"], averaging=fields.get("averaging", "")
    ).exists():
        raise ServiceError(_("This parameter already has a design value for this medium and period."), status=409)
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
    project = _lock(value.project)
    _ensure_editable(project, removed_by)
    audit_log(
        actor=removed_by,
        action="design_value.removed",
        target=project,
        before={"parameter": value.parameter, "value": value.value},
    )
    value.delete()


# --- documents ------------------------------------------------------------------------------------


@transaction.atomic
def document_upload(
    *,
    project: Project,
    uploaded_by: User,
    file,
    kind: str = "",
    title: str = "",
    visibility: str = "",
    document: Document | None = None,
) -> DocumentVersion:
    """Store a checked upload as a new document or as the next version of ``document``."""
    project = _lock(project)
    _ensure_editable(project, uploaded_by)
    checked = check_upload(file, max_bytes=settings.UPLOAD_MAX_BYTES)
    if document is None:
        if kind not in DocumentKind.values:
            raise ServiceError(_("Choose the kind of document."))
        document = Document.objects.create(
            project=project, kind=kind, title=(title or checked.name)[:255], visibility=visibility or "regulators"
        )
    else:
        document = Document.objects.select_for_update().get(pk=document.pk, project=project)
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    file.name = checked.name
    version = DocumentVersion.objects.create(
        document=document,
        number=number,
        file=file,
        original_name=checked.name,
        size=checked.size,
        sha256=checked.sha256,
        mime=checked.mime,
        uploaded_by=uploaded_by,
    )
    audit_log(
        actor=uploaded_by,
        action="document.uploaded",
        target=document,
        after={"version": number, "sha256": checked.sha256, "size": checked.size, "name": checked.name},
    )
    return version


# --- submission ------------------------------------------------------------------------------------

REQUIRED_DOCUMENTS = {
    "A": [DocumentKind.EIA_REPORT, DocumentKind.MANAGEMENT_PLAN],
    "B": [DocumentKind.SIMPLIFIED],
    "C": [],
}


def completeness(project: Project) -> list[str]:
    """What is still missing before this project can be submitted, in words."""
    missing = []
    for name in ("name", "host_country", "sector", "description"):
        if not getattr(project, name):
            missing.append(_("Fill in %(field)s.") % {"field": Project._meta.get_field(name).verbose_name})
    if project.capacity is None or not project.capacity_unit:
        missing.append(_("Give the capacity and its unit."))
    if not project.construction_start or not project.operation_start:
        missing.append(_("Give the construction and operation start dates."))
    if not project.site:
        missing.append(_("Draw or upload the site."))
    unanswered = [q for q in QUESTIONS if q.code not in project.answers]
    if unanswered:
        missing.append(_("Answer the %(n)s remaining screening questions.") % {"n": len(unanswered)})
    if not project.screenings.exists():
        missing.append(_("Run the screening."))
    elif not screening_is_current(project):
        missing.append(_("The project changed since it was screened: run the screening again."))
    if project.category:
        kinds = set(project.documents.filter(versions__isnull=False).values_list("kind", flat=True))
        accepted = {DocumentKind.SIMPLIFIED, DocumentKind.EIA_REPORT} if project.category == "B" else None
        for kind in REQUIRED_DOCUMENTS[project.category]:
            if kind in kinds or (accepted and kinds & accepted):
                continue
            missing.append(
                _("Category %(cat)s needs a document of kind “%(kind)s”.")
                % {"cat": project.category, "kind": DocumentKind(kind).label}
            )
    pending = project.measures.filter(active=True, response=MeasureResponse.PENDING).count()
    if pending:
        missing.append(_("Answer the %(n)s control measures still awaiting your answer.") % {"n": pending})
    return missing


@transaction.atomic
def project_submit(*, project: Project, submitted_by: User) -> Project:
    """Send the project for review. The blacklist check lives here so page, API and admin agree."""
    project = _lock(project)
    if not can_submit_project(submitted_by, project):
        raise ServiceError(_("Only the enterprise's owners and administrators can submit projects."), status=403)
    if not can_proceed(project.submit):
        raise ServiceError(
            _("A project that is %(status)s cannot be submitted.") % {"status": project.get_status_display()},
            status=409,
        )
    entry = blacklist_entry_active_for(organisation=project.organisation)
    if entry is not None:
        raise ServiceError(
            _("This enterprise is blacklisted since %(date)s and cannot submit projects: %(reason)s")
            % {"date": entry.starts_on, "reason": entry.reason},
            status=403,
        )
    missing = completeness(project)
    if missing:
        raise ServiceError(_("The project is not complete: ") + " ".join(missing))
    before = project.status
    project.submit()
    project.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_log(
        actor=submitted_by,
        action="project.submitted",
        target=project,
        before={"status": before},
        after={"status": project.status, "category": project.category},
    )
    reviewers = User.objects.filter(
        memberships__organisation__kind=OrganisationKind.AUTHORITY,
        memberships__organisation__jurisdictions__country=project.host_country.iso2,
    ).distinct()
    notification_send(
        users=list(reviewers),
        kind=NotificationKind.SYSTEM,
        title=_("New project submitted: %(name)s (category %(cat)s)") % {"name": project.name, "cat": project.category},
        body=_("%(org)s submitted %(name)s in %(country)s for review.")
        % {"org": project.organisation.name, "name": project.name, "country": project.host_country.name},
    )
    return project
