"""Reads of performance reports: the enterprise's own (scoped through its projects: another
enterprise's report is a 404), the regulator's (scoped to its jurisdiction), the public
compliance history, and the barometer's inputs from reports."""

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from assessments.choices import CheckVerdict, ProjectStatus, ReportStatus
from assessments.models import (
    ChangeFlag,
    Condition,
    ControlMeasure,
    MonitoringReading,
    PerformanceReport,
    Project,
    ReportCheck,
    ReportIncident,
    ReportItem,
)
from assessments.rules.schedule import quarters_back
from assessments.selectors.design import _jurisdictions
from assessments.selectors.projects import project_get_for_user
from assessments.selectors.review import review_project_get_for_user
from knowledge.selectors import limit_list_for_jurisdictions
from portal.selectors import as_id

APPROVED = (ProjectStatus.APPROVED, ProjectStatus.APPROVED_WITH_CONDITIONS)
FILED = (ReportStatus.SUBMITTED, ReportStatus.REVIEWED)


def operating_project_list(*, today: dt.date | None = None) -> QuerySet[Project]:
    """Approved projects in operation (operation started by ``today``): the ones that report."""
    today = today or timezone.localdate()
    return Project.objects.filter(
        status__in=APPROVED, operation_start__isnull=False, operation_start__lte=today
    ).select_related("organisation", "host_country")


def is_operating(project: Project, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return project.status in APPROVED and project.operation_start is not None and project.operation_start <= today


def report_list_for_project(*, project: Project) -> QuerySet[PerformanceReport]:
    return (
        PerformanceReport.objects.filter(project=project)
        .annotate(
            n_readings=Count("readings", distinct=True),
            n_exceeded=Count("checks", filter=Q(checks__verdict=CheckVerdict.EXCEEDED), distinct=True),
            n_incidents=Count("incidents", distinct=True),
        )
        .order_by("-period_start")
    )


def _detail(qs):
    return qs.select_related(
        "project", "project__host_country", "project__organisation", "submitted_by"
    ).prefetch_related(
        Prefetch(
            "checks",
            queryset=ReportCheck.objects.select_related("governing_limit__instrument", "china_limit__instrument"),
        ),
        Prefetch("incidents", queryset=ReportIncident.objects.order_by("occurred_on", "id")),
        Prefetch("items", queryset=ReportItem.objects.select_related("measure", "condition", "evidence")),
    )


def report_get_for_user(*, user, project_pk, pk) -> PerformanceReport | None:
    """One report of one of the user's enterprise's projects, or None (the caller answers 404)."""
    project = project_get_for_user(user=user, pk=project_pk)
    pk = as_id(pk)
    if project is None or pk is None:
        return None
    return _detail(PerformanceReport.objects.filter(project=project, pk=pk)).first()


def report_get_for_regulator(*, user, project_pk, pk) -> PerformanceReport | None:
    """A filed report of a project in the regulator's jurisdiction, or None (404)."""
    project = review_project_get_for_user(user=user, pk=project_pk)
    pk = as_id(pk)
    if project is None or pk is None:
        return None
    return _detail(PerformanceReport.objects.filter(project=project, pk=pk, status__in=FILED)).first()


def report_readings(report: PerformanceReport) -> QuerySet[MonitoringReading]:
    return report.readings.order_by("point", "parameter", "sampled_at", "id")


def report_limits_for(project: Project) -> list:
    """The candidate limits of the project's jurisdictions (host, IFC, China), instrument loaded."""
    return list(limit_list_for_jurisdictions(jurisdictions=_jurisdictions(project)).select_related("instrument"))


def conditions_for_project(project: Project) -> QuerySet[Condition]:
    """The conditions of the project's approval (the latest decision that set any)."""
    return Condition.objects.filter(decision__project=project).select_related("measure").order_by("decision", "number")


def measures_for_project(project: Project) -> QuerySet[ControlMeasure]:
    return ControlMeasure.objects.filter(project=project, active=True).order_by("phase", "title")


def report_list_for_regulator_project(*, project: Project) -> QuerySet[PerformanceReport]:
    return report_list_for_project(project=project).filter(status__in=FILED)


def change_flag_list_for_project(*, project: Project) -> QuerySet[ChangeFlag]:
    return (
        ChangeFlag.objects.filter(project=project)
        .select_related("alert", "condition", "report")
        .order_by("acknowledged_at", "-alert__created_at")
    )


# --- barometer inputs ------------------------------------------------------------------------------


def report_rating_inputs(*, organisation, today: dt.date, since: dt.date) -> dict:
    """Exceedances in filed reports of the window, overdue reports, conditions due and fulfilled."""
    exceedances = ReportCheck.objects.filter(
        report__project__organisation=organisation,
        report__status__in=FILED,
        report__period_end__gte=since,
        verdict=CheckVerdict.EXCEEDED,
    ).count()
    overdue = PerformanceReport.objects.filter(
        project__organisation=organisation, status=ReportStatus.OPEN, due_date__lt=today
    ).count()
    due, fulfilled = _conditions_due_and_fulfilled(organisation, today)
    return {
        "exceedances": exceedances,
        "overdue_reports": overdue,
        "conditions_due": due,
        "conditions_fulfilled": fulfilled,
    }


def _conditions_due_and_fulfilled(organisation, today: dt.date) -> tuple[int, int]:
    """Conditions of operating projects that are due (their date passed, or recurring) and how
    many of them the latest word says are fulfilled: a concluded performance review's finding
    when there is one, else the latest filed report's status."""
    from assessments.models import Finding

    conditions = list(
        Condition.objects.filter(
            decision__project__organisation=organisation,
            decision__project__status__in=APPROVED,
            decision__project__operation_start__lte=today,
        ).filter(Q(due_date__lte=today) | ~Q(recurrence=""))
    )
    if not conditions:
        return 0, 0
    ids = [c.pk for c in conditions]
    review_word = {}
    for f in (
        Finding.objects.filter(condition_id__in=ids, review__status="concluded")
        .order_by("review__concluded_at", "id")
        .values("condition_id", "verdict")
    ):
        review_word[f["condition_id"]] = f["verdict"] == "met"
    report_word = {}
    for item in (
        ReportItem.objects.filter(condition_id__in=ids, report__status__in=FILED)
        .order_by("report__period_start", "id")
        .values("condition_id", "status")
    ):
        report_word[item["condition_id"]] = item["status"] == "done"
    fulfilled = sum(1 for c in conditions if review_word.get(c.pk, report_word.get(c.pk, False)))
    return len(conditions), fulfilled


# --- public compliance page --------------------------------------------------------------------------


def compliance_project_get_public(*, org_pk, reference: str) -> Project | None:
    """An approved project of the enterprise, by its reference, for the public compliance page."""
    org_pk = as_id(org_pk)
    if org_pk is None or not reference or len(reference) > 20:
        return None
    return (
        Project.objects.filter(organisation_id=org_pk, reference=reference, status__in=APPROVED)
        .select_related("organisation", "host_country")
        .first()
    )


def compliance_project_list_public(*, organisation) -> QuerySet[Project]:
    return Project.objects.filter(organisation=organisation, status__in=APPROVED, reference__isnull=False).order_by(
        "name"
    )


def compliance_project_list_all_public() -> QuerySet[Project]:
    """Every project with a public compliance page (the sitemap)."""
    return Project.objects.filter(status__in=APPROVED, reference__isnull=False).order_by("reference")


def compliance_history(*, project: Project, today: dt.date | None = None, quarters: int = 12) -> list[dict]:
    """The last ``quarters`` calendar quarters, newest first: for each, the reports covering it
    (filed or missing), exceedances and incidents. Three queries whatever the history."""
    today = today or timezone.localdate()
    rows = quarters_back(today, quarters)
    earliest = rows[-1][0]
    reports = list(
        PerformanceReport.objects.filter(project=project, period_end__gte=earliest).annotate(
            n_exceeded=Count("checks", filter=Q(checks__verdict=CheckVerdict.EXCEEDED), distinct=True),
        )
    )
    incidents = list(
        ReportIncident.objects.filter(report__project=project, report__status__in=FILED, occurred_on__gte=earliest)
    )
    out = []
    for start, end in rows:
        covering = [r for r in reports if r.period_start <= end and r.period_end >= start]
        operating = project.operation_start is not None and project.operation_start <= end
        filed = [r for r in covering if r.status in FILED]
        out.append(
            {
                "start": start,
                "end": end,
                "label": f"{start.year} Q{(start.month - 1) // 3 + 1}",
                "operating": operating,
                "due": bool(covering) and all(r.due_date < today for r in covering),
                "filed": bool(covering) and len(filed) == len(covering),
                "missing": [r for r in covering if r.status == ReportStatus.OPEN and r.due_date < today],
                "pending": [r for r in covering if r.status == ReportStatus.OPEN and r.due_date >= today],
                "exceedances": sum(r.n_exceeded for r in filed),
                "incidents": sum(1 for i in incidents if start <= i.occurred_on <= end),
            }
        )
    return out


def compliance_series(*, project: Project, since: dt.date) -> list[dict]:
    """Per point × parameter × averaging period: the checked values of filed reports over time
    against the governing limit of each report (a chart and a table per series)."""
    checks = (
        ReportCheck.objects.filter(report__project=project, report__status__in=FILED, report__period_end__gte=since)
        .exclude(verdict=CheckVerdict.NO_LIMIT)
        .select_related("report", "governing_limit__instrument")
        .order_by("point", "parameter", "period", "report__period_start")
    )
    series: dict = {}
    for c in checks:
        key = (c.point, c.parameter, c.medium, c.period)
        s = series.setdefault(
            key,
            {
                "point": c.point,
                "parameter": c.parameter,
                "medium": c.medium,
                "period": c.period,
                "unit": c.unit,
                "rows": [],
            },
        )
        s["rows"].append(
            {
                "label": c.report.label,
                "start": c.report.period_start,
                "value": c.worst_value,
                "limit": c.governing_value,
                "instrument": str(c.governing_limit.instrument) if c.governing_limit_id else "",
                "verdict": c.verdict,
                "verdict_label": c.get_verdict_display(),
            }
        )
    return list(series.values())
