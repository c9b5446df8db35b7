"""Reads of regulator review, scoped to the reviewer's jurisdiction (out of scope is None, the
caller answers 404) or to the enterprise's own projects (never an internal note)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, Q, QuerySet

from assessments.models import (
    Condition,
    Decision,
    DocumentVersion,
    InformationRequest,
    Project,
    RequestAttachment,
    ReviewNote,
    ReviewPeriod,
    SubmissionVersion,
)
from assessments.rules.versions import diff_snapshots
from assessments.selectors.design import compliance_matrix_for_project
from assessments.selectors.projects import project_list_for_user
from assessments.selectors.screening import screening_latest
from assessments.workflow import REQUEST_OPEN
from portal.audit import audit_trail_for
from portal.choices import AUTHORITY_ROLES, OrganisationKind, Role
from portal.models import Jurisdiction, Membership, User
from portal.selectors import as_id

# --- Scope ---------------------------------------------------------------------------------


def _jurisdiction_q(user) -> Q | None:
    """A filter on projects for the user's authorities' jurisdiction rows, or None (no scope)."""
    if not user.is_authenticated:
        return None
    rows = Jurisdiction.objects.filter(
        organisation__kind=OrganisationKind.AUTHORITY,
        organisation__memberships__user=user,
        organisation__memberships__role__in=AUTHORITY_ROLES,
    ).values_list("country", "sector")
    q = None
    for country, sector in set(rows):
        row = Q(host_country__iso2=country) if not sector else Q(host_country__iso2=country, sector=sector)
        q = row if q is None else q | row
    return q


def review_project_list_for_user(*, user) -> QuerySet[Project]:
    """Projects submitted at least once in the user's jurisdiction (a draft is never seen)."""
    q = _jurisdiction_q(user)
    if q is None:
        return Project.objects.none()
    return (
        Project.objects.filter(q, reference__isnull=False)
        .select_related("host_country", "organisation", "review", "review__reviewer")
        .order_by("review__due_at", "id")
    )


def review_project_none() -> QuerySet[Project]:
    """An empty queryset that tells the API schema the model behind the queue."""
    return Project.objects.none()


def review_get_for_project(project: Project):
    """The project's review row (clock and reviewer), or None before the first submission."""
    from assessments.models import Review

    return Review.objects.select_related("reviewer").filter(project=project).first()


def review_project_get_for_user(*, user, pk) -> Project | None:
    pk = as_id(pk)
    if pk is None:
        return None
    return review_project_list_for_user(user=user).filter(pk=pk).first()


def review_queue_for_user(*, user, params=None):
    """The queue page and API: the scoped projects through the shared FilterSet."""
    from assessments.filters import ReviewQueueFilter

    return ReviewQueueFilter(params or {}, queryset=review_project_list_for_user(user=user), user=user)


def reviewer_list_for_project(*, project: Project) -> QuerySet[User]:
    """Who may be assigned: reviewers and lead reviewers of an authority covering the project."""
    return (
        User.objects.filter(
            Q(memberships__organisation__jurisdictions__sector="")
            | Q(memberships__organisation__jurisdictions__sector=project.sector),
            memberships__organisation__kind=OrganisationKind.AUTHORITY,
            memberships__organisation__jurisdictions__country=project.host_country.iso2,
            memberships__role__in=[Role.REVIEWER, Role.LEAD_REVIEWER],
            is_active=True,
        )
        .distinct()
        .order_by("email")
    )


def review_authority_memberships(*, user) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, organisation__kind=OrganisationKind.AUTHORITY)
        .select_related("organisation")
        .prefetch_related("organisation__jurisdictions")
    )


# --- Versions ------------------------------------------------------------------------------


def _jsonable(data):
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def submission_snapshot(project: Project) -> dict:
    """Everything the regulator reviews, as the enterprise submitted it (JSON-safe)."""
    screening = screening_latest(project)
    fields = ["name", "sector", "capacity", "capacity_unit", "investment", "currency"]
    fields += ["construction_start", "operation_start", "local_partner", "description", "category"]
    data = {
        "project": {
            **{name: getattr(project, name) for name in fields},
            "host_country": project.host_country.iso2 if project.host_country_id else "",
            "enterprise": project.organisation.name,
        },
        "answers": dict(project.answers),
        "site": {
            "geometry": json.dumps(project.site, sort_keys=True) if project.site else "",
            "area_km2": project.site_area_km2,
            "sensitive_areas": [
                f"{r.area.name}: {r.relation}, {r.distance_m} m"
                for r in project.site_results.select_related("area").order_by("distance_m", "area__name")
            ],
        },
        "screening": {
            "category": screening.category,
            "points": screening.points,
            "rules_version": screening.ruleset_version,
            "factors": [f.get("explanation", f.get("code", "")) for f in screening.factors],
            "lights": screening.lights,
        }
        if screening
        else {},
        "risks": [
            {
                "key": r.code,
                "label": r.title,
                "dimension": r.dimension,
                "likelihood": r.likelihood,
                "severity": r.severity,
                "rating": r.rating,
            }
            for r in project.risks.filter(active=True).order_by("code")
        ],
        "measures": [
            {
                "key": m.code,
                "label": m.title,
                "phase": m.phase,
                "response": m.response,
                "alternative": m.alternative,
                "reason": m.reason,
                "owner": m.owner,
                "due_date": m.due_date,
            }
            for m in project.measures.filter(active=True).order_by("code")
        ],
        "design_values": [
            {
                "key": f"{d.medium}|{d.parameter}|{d.averaging}",
                "label": f"{d.parameter} ({d.get_medium_display()}{', ' + d.averaging if d.averaging else ''})",
                "value": d.value,
                "unit": d.unit,
                "conditions": d.conditions,
            }
            for d in project.design_values.all()
        ],
        "compliance": [
            {
                "key": f"{row.design.medium}|{row.design.parameter}|{row.design.averaging}",
                "label": row.design.parameter,
                "design": f"{row.design.value.normalize()} {row.design.unit}",
                "governing": (
                    f"{row.governing.converted.value} {row.governing.converted.unit} ({row.governing.source}: "
                    f"{row.governing.limit.instrument})"
                    if row.governing and row.governing.converted.value is not None
                    else ""
                ),
                "verdict": row.verdict,
            }
            for row in compliance_matrix_for_project(project=project)
        ],
        "documents": [
            {
                "key": v.document_id,
                "label": v.document.title,
                "kind": v.document.kind,
                "visibility": v.document.visibility,
                "version": v.number,
                "file": v.original_name,
                "size": v.size,
                "sha256": v.sha256,
                "version_id": v.pk,
            }
            for v in _latest_document_versions(project)
        ],
    }
    return _jsonable(data)


def _latest_document_versions(project: Project):
    latest = {}
    for v in DocumentVersion.objects.filter(document__project=project).select_related("document"):
        if v.document_id not in latest or v.number > latest[v.document_id].number:
            latest[v.document_id] = v
    return sorted(latest.values(), key=lambda v: (v.document.kind, v.document.title, v.document_id))


def version_list_for_project(*, project: Project) -> QuerySet[SubmissionVersion]:
    return project.versions.select_related("submitted_by")


def version_get_for_project(*, project: Project, number) -> SubmissionVersion | None:
    number = as_id(number)
    if number is None:
        return None
    return project.versions.filter(number=number).first()


def version_latest(project: Project) -> SubmissionVersion | None:
    return project.versions.first()


def version_diff(*, old: SubmissionVersion, new: SubmissionVersion):
    """What changed from version ``old`` to version ``new``, section by section."""
    return diff_snapshots(old.snapshot, new.snapshot)


# --- Requests, notes, decisions --------------------------------------------------------------


def request_list_for_project(*, project: Project) -> QuerySet[InformationRequest]:
    return project.information_requests.select_related(
        "asked_by", "answered_by", "version", "answered_by_version"
    ).prefetch_related("attachments")


def request_open_list_for_project(*, project: Project) -> QuerySet[InformationRequest]:
    return request_list_for_project(project=project).filter(status__in=REQUEST_OPEN)


def request_get_for_project(*, project: Project, pk) -> InformationRequest | None:
    pk = as_id(pk)
    if pk is None:
        return None
    return project.information_requests.filter(pk=pk).first()


def request_attachment_get(*, project: Project, request_pk, pk) -> RequestAttachment | None:
    """A file of one of the project's requests (another project's is None, i.e. 404)."""
    request_pk, pk = as_id(request_pk), as_id(pk)
    if request_pk is None or pk is None:
        return None
    return RequestAttachment.objects.filter(pk=pk, request_id=request_pk, request__project=project).first()


def note_list_for_reviewers(*, project: Project) -> QuerySet[ReviewNote]:
    """Internal notes. Only the review workspace (page and API) calls this; the enterprise's
    pages and serializers have no path to it."""
    return project.review_notes.select_related("author")


def decision_list_for_project(*, project: Project) -> QuerySet[Decision]:
    return project.decisions.select_related("decided_by", "version").prefetch_related(
        Prefetch("conditions", queryset=Condition.objects.select_related("measure"))
    )


def decision_latest(project: Project) -> Decision | None:
    return decision_list_for_project(project=project).first()


def review_trail(project: Project):
    """The project's trail as a timeline, oldest first (the audit events on the project)."""
    return list(audit_trail_for(project).order_by("created_at", "id"))


def review_period_list_public() -> QuerySet[ReviewPeriod]:
    return ReviewPeriod.objects.all()


def review_period_days(category: str) -> int:
    period = ReviewPeriod.objects.filter(category=category or "A").first()
    # Without a configured period the longest statutory one (category A) applies.
    return period.days if period else 60


# --- Enterprise side -------------------------------------------------------------------------


def enterprise_review_for_user(*, user, pk) -> Project | None:
    """The enterprise's own submitted project (another enterprise's is None, i.e. 404)."""
    pk = as_id(pk)
    if pk is None:
        return None
    return project_list_for_user(user=user).filter(pk=pk).select_related("review").first()


def review_dashboard_for(*, user) -> dict:
    """The authority dashboard panel: how many files wait, are mine, are overdue (three counts)."""
    from django.utils import timezone

    from assessments.choices import ProjectStatus

    scoped = review_project_list_for_user(user=user)
    active = scoped.filter(status__in=[ProjectStatus.SUBMITTED, ProjectStatus.UNDER_REVIEW])
    return {
        "waiting": active.filter(review__reviewer__isnull=True).count(),
        "mine": scoped.filter(review__reviewer=user, status__in=[ProjectStatus.UNDER_REVIEW]).count(),
        "overdue": active.filter(review__paused_since__isnull=True, review__due_at__lt=timezone.now()).count(),
    }
