"""Writes of performance reports: the schedule (the beat job), what the enterprise enters (readings
typed or imported from CSV, incidents, implementation status with evidence, grievances), the
automatic limit checks, and filing, which feeds the barometer."""

import csv
import datetime as dt
import io
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from assessments.choices import (
    DocumentKind,
    IncidentKind,
    IncidentSeverity,
    ItemStatus,
    ReportFrequency,
    ReportStatus,
    Visibility,
)
from assessments.models import (
    Condition,
    ControlMeasure,
    Document,
    Incident,
    MonitoringReading,
    PerformanceReport,
    Project,
    ReportCheck,
    ReportIncident,
    ReportItem,
)
from assessments.rules import exceedance
from assessments.rules.schedule import REMIND_DAYS, frequency_for, periods
from assessments.selectors import reports as sel
from assessments.selectors.review import reviewer_list_for_project
from assessments.services.documents import document_version_add
from assessments.workflow import PERFORMANCE_REPORT
from knowledge.choices import Medium
from portal.audit import audit_log
from portal.choices import MANAGING_ROLES, NotificationKind
from portal.errors import ConflictError, PermissionDeniedError, ServiceError
from portal.models import User
from portal.services import notification_send
from portal.text import clean_name
from portal.uploads import check_text_upload, check_upload

# Limits on what one report may hold, each with its reason.
MAX_READINGS = 20_000  # a year of hourly values of two parameters at one stack
CSV_MAX_BYTES = 2 * 1024 * 1024  # 20,000 rows of about 100 bytes
MAX_ERRORS_LISTED = 50  # enough to fix a file; the count says how many there were
MAX_INCIDENTS = 100
TEXT_LIMIT = 4000

CSV_COLUMNS = ("point", "parameter", "medium", "sampled_at", "averaging", "value", "unit", "conditions")
CSV_REQUIRED = ("point", "parameter", "medium", "sampled_at", "averaging", "value", "unit")


def notify(users, *, url: str, title, body=None, kind: str = NotificationKind.REPORT_DUE) -> None:
    """One notification per user, worded in that user's language (``title``/``body`` are
    callables so gettext runs under each recipient's language)."""
    for user in {u.pk: u for u in users if u.is_active}.values():
        with translation.override(user.preferred_language or "en"):
            notification_send(users=[user], kind=kind, title=str(title()), body=str(body()) if body else "", url=url)


def enterprise_managers(project: Project) -> list[User]:
    return [m.user for m in project.organisation.memberships.select_related("user") if m.role in MANAGING_ROLES]


def _report_url(report: PerformanceReport) -> str:
    return reverse("assessments:report-detail", args=[report.project_id, report.pk])


def _member_role(user, project) -> str | None:
    m = project.organisation.memberships.filter(user=user).only("role").first()
    return m.role if m else None


def _ensure_member(user, report) -> None:
    if _member_role(user, report.project) is None:
        raise PermissionDeniedError(_("Only members of the enterprise may edit its reports."))


def _lock(report: PerformanceReport) -> PerformanceReport:
    return (
        PerformanceReport.objects.select_for_update(of=("self",))
        .select_related("project", "project__host_country")
        .get(pk=report.pk)
    )


def _ensure_open(report: PerformanceReport) -> None:
    if report.status != ReportStatus.OPEN:
        raise ConflictError(_("This report has been filed and can no longer be changed."))


def _text(value, *, field: str, required: str = "", limit: int = TEXT_LIMIT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ServiceError(required, field=field)
    if len(value) > limit:
        raise ServiceError(_("Keep this under %(n)s characters.") % {"n": f"{limit:,}"}, field=field)
    return value


# --- the schedule (Celery beat) -----------------------------------------------------------------


def report_schedule_run(*, today: dt.date | None = None) -> dict:
    """Create the report rows of every period that has started, send reminders before the due
    date and mark overdue reports (telling the enterprise and the regulators once). Idempotent:
    a second run on the same day changes nothing. Ratings of enterprises with a newly overdue
    report are recomputed."""
    from assessments.services.rating import rating_recompute

    today = today or timezone.localdate()
    created = reminded = overdue = 0
    organisations = {}
    for project in sel.operating_project_list(today=today):
        with transaction.atomic():
            created += _ensure_periods(project, today)
            for report in PerformanceReport.objects.select_for_update().filter(
                project=project, status=ReportStatus.OPEN
            ):
                if report.due_date < today and report.overdue_marked_at is None:
                    report.overdue_marked_at = timezone.now()
                    report.save(update_fields=["overdue_marked_at"])
                    audit_log(actor=None, action="performance_report.overdue", target=report)
                    _tell_overdue(report)
                    organisations[project.organisation_id] = project.organisation
                    overdue += 1
                elif (
                    report.due_date >= today
                    and report.period_end < today
                    and report.due_date - dt.timedelta(days=REMIND_DAYS) <= today
                    and report.reminded_at is None
                ):
                    report.reminded_at = timezone.now()
                    report.save(update_fields=["reminded_at"])
                    _tell_due(report)
                    reminded += 1
    for organisation in organisations.values():
        rating_recompute(organisation=organisation, trigger="report.overdue", today=today)
    return {"created": created, "reminded": reminded, "overdue": overdue}


def _ensure_periods(project: Project, today: dt.date) -> int:
    frequency = frequency_for(project.category)
    existing = set(PerformanceReport.objects.filter(project=project).values_list("period_start", flat=True))
    new = [
        PerformanceReport(
            project=project,
            frequency=ReportFrequency(frequency),
            period_start=start,
            period_end=end,
            due_date=due,
        )
        for start, end, due in periods(frequency=frequency, operation_start=project.operation_start, today=today)
        if start not in existing
    ]
    PerformanceReport.objects.bulk_create(new)
    return len(new)


def report_schedule_for_project(*, project: Project, today: dt.date | None = None) -> int:
    """Create the project's due report rows now (a page may call it so a newly approved
    operating project does not wait for the beat job)."""
    today = today or timezone.localdate()
    if not sel.is_operating(project, today):
        return 0
    with transaction.atomic():
        return _ensure_periods(project, today)


def _tell_due(report):
    ref, label, due = report.project.reference or report.project.name, report.label, report.due_date
    notify(
        enterprise_managers(report.project),
        url=_report_url(report),
        title=lambda: (
            _("Performance report %(period)s of %(ref)s is due on %(due)s")
            % {
                "period": label,
                "ref": ref,
                "due": due.isoformat(),
            }
        ),
    )


def _tell_overdue(report):
    ref, label, due = report.project.reference or report.project.name, report.label, report.due_date
    notify(
        enterprise_managers(report.project),
        url=_report_url(report),
        title=lambda: (
            _("Performance report %(period)s of %(ref)s is overdue (it was due on %(due)s)")
            % {"period": label, "ref": ref, "due": due.isoformat()}
        ),
        body=lambda: _("An overdue report lowers the enterprise's environmental rating until it is filed."),
    )
    notify(
        reviewer_list_for_project(project=report.project),
        url=reverse("review:performance-project", args=[report.project_id]),
        title=lambda: _("Performance report %(period)s of %(ref)s is overdue") % {"period": label, "ref": ref},
    )


# --- what the enterprise enters ------------------------------------------------------------------


@transaction.atomic
def report_update(
    *,
    report: PerformanceReport,
    updated_by: User,
    summary: str = "",
    grievances_received=0,
    grievances_resolved=0,
    grievances_summary: str = "",
) -> PerformanceReport:
    """The period's summary and community grievances (received and resolved)."""
    report = _lock(report)
    _ensure_member(updated_by, report)
    _ensure_open(report)
    try:
        received, resolved = int(grievances_received or 0), int(grievances_resolved or 0)
    except (TypeError, ValueError) as exc:
        raise ServiceError(_("Give the number of grievances as a whole number."), field="grievances_received") from exc
    if not (0 <= received <= 100_000 and 0 <= resolved <= 100_000):
        raise ServiceError(_("Give a number between 0 and 100,000."), field="grievances_received")
    if resolved > received:
        raise ServiceError(_("More grievances resolved than received."), field="grievances_resolved")
    report.summary = _text(summary, field="summary")
    report.grievances_received, report.grievances_resolved = received, resolved
    report.grievances_summary = _text(grievances_summary, field="grievances_summary")
    report.save(update_fields=["summary", "grievances_received", "grievances_resolved", "grievances_summary"])
    audit_log(
        actor=updated_by,
        action="performance_report.edited",
        target=report,
        after={"grievances_received": received, "grievances_resolved": resolved},
    )
    return report


def _parse_when(value: str) -> dt.datetime | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        when = parse_datetime(value.replace(" ", "T", 1)) if ("T" in value or " " in value) else None
        if when is None:
            when = dt.datetime.combine(dt.date.fromisoformat(value), dt.time())
    except ValueError:
        return None
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return when


def _clean_reading(report: PerformanceReport, raw: dict) -> tuple[dict, list[tuple[str, str]]]:
    """A reading's fields from text, and the (column, message) of every problem."""
    errors = []
    out = {}
    for column, limit in (("point", 60), ("parameter", 60), ("averaging", 60), ("unit", 30), ("conditions", 120)):
        value = clean_name(str(raw.get(column) or "")).strip()
        if column in CSV_REQUIRED and not value:
            errors.append((column, _("missing")))
        elif len(value) > limit:
            errors.append((column, _("longer than %(n)s characters") % {"n": limit}))
        out[column] = value
    medium = str(raw.get("medium") or "").strip()
    if medium not in Medium.values:
        errors.append(
            (
                "medium",
                _("“%(v)s” is not one of %(list)s") % {"v": medium[:40], "list": ", ".join(Medium.values)},
            )
        )
    out["medium"] = medium
    when = _parse_when(str(raw.get("sampled_at") or ""))
    if when is None:
        errors.append(("sampled_at", _("not a date or date and time (YYYY-MM-DD or YYYY-MM-DDTHH:MM)")))
    elif not (report.period_start <= timezone.localtime(when).date() <= report.period_end):
        errors.append(
            (
                "sampled_at",
                _("%(d)s is outside the report period %(s)s – %(e)s")
                % {"d": timezone.localtime(when).date(), "s": report.period_start, "e": report.period_end},
            )
        )
    out["sampled_at"] = when
    try:
        value = Decimal(str(raw.get("value") or "").strip().replace(",", "."))
        if not value.is_finite() or value < 0 or value >= Decimal("1e10"):
            raise InvalidOperation
        out["value"] = value
    except InvalidOperation:
        errors.append(("value", _("not a number between 0 and 10,000,000,000")))
    return out, errors


@transaction.atomic
def reading_add(*, report: PerformanceReport, added_by: User, **fields) -> MonitoringReading:
    """One monitored value typed in by the enterprise."""
    report = _lock(report)
    _ensure_member(added_by, report)
    _ensure_open(report)
    if report.readings.count() >= MAX_READINGS:
        raise ServiceError(_("A report holds at most %(n)s readings.") % {"n": f"{MAX_READINGS:,}"})
    cleaned, errors = _clean_reading(report, fields)
    if errors:
        column, message = errors[0]
        raise ServiceError(message, field=column, details=[f"{c}: {m}" for c, m in errors])
    reading = MonitoringReading.objects.create(report=report, **cleaned)
    audit_log(actor=added_by, action="monitoring_reading.added", target=report, after={"reading": reading.pk})
    return reading


@transaction.atomic
def readings_import_csv(*, report: PerformanceReport, imported_by: User, file) -> int:
    """Import monitoring data from CSV, all or nothing: one bad row and no row is stored, and the
    error names every bad row (its line in the file) and column."""
    report = _lock(report)
    _ensure_member(imported_by, report)
    _ensure_open(report)
    text, _fmt = check_text_upload(file, extensions={".csv": "csv"}, max_bytes=CSV_MAX_BYTES)
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_REQUIRED if c not in header]
    if missing:
        raise ServiceError(
            _("The first line must name the columns; missing: %(cols)s.") % {"cols": ", ".join(missing)},
            field="file",
        )
    reader.fieldnames = header
    rows, problems = [], []
    existing = report.readings.count()
    for line, raw in enumerate(reader, start=2):
        if not any((v or "").strip() for k, v in raw.items() if k):
            continue
        if existing + len(rows) >= MAX_READINGS:
            raise ServiceError(_("A report holds at most %(n)s readings.") % {"n": f"{MAX_READINGS:,}"}, field="file")
        cleaned, errors = _clean_reading(report, raw)
        problems += [(line, column, message) for column, message in errors]
        rows.append(MonitoringReading(report=report, source_row=line, **cleaned))
    if problems:
        details = [
            _("Row %(row)s, column “%(col)s”: %(msg)s") % {"row": r, "col": c, "msg": m}
            for r, c, m in problems[:MAX_ERRORS_LISTED]
        ]
        bad_rows = len({r for r, _c, _m in problems})
        raise ServiceError(
            _("Nothing was imported: %(n)s row(s) have errors. %(first)s") % {"n": bad_rows, "first": details[0]},
            field="file",
            details=details,
        )
    if not rows:
        raise ServiceError(_("The file has no data rows."), field="file")
    MonitoringReading.objects.bulk_create(rows)
    audit_log(actor=imported_by, action="monitoring_reading.imported", target=report, after={"rows": len(rows)})
    return len(rows)


@transaction.atomic
def reading_remove(*, report: PerformanceReport, removed_by: User, reading_id: int) -> None:
    """Remove a reading from a report not yet filed (a typing mistake)."""
    report = _lock(report)
    _ensure_member(removed_by, report)
    _ensure_open(report)
    deleted, _n = MonitoringReading.objects.filter(report=report, pk=reading_id).delete()
    if not deleted:
        raise ServiceError(_("No such reading in this report."))
    audit_log(actor=removed_by, action="monitoring_reading.removed", target=report, after={"reading": reading_id})


@transaction.atomic
def report_incident_add(
    *, report: PerformanceReport, added_by: User, occurred_on, kind: str, severity: str, description: str, response: str
) -> ReportIncident:
    """An incident of the period as the enterprise reports it (recorded on the barometer when
    the report is filed)."""
    report = _lock(report)
    _ensure_member(added_by, report)
    _ensure_open(report)
    if kind not in IncidentKind.values:
        raise ServiceError(_("Choose the kind of incident."), field="kind")
    if severity not in IncidentSeverity.values:
        raise ServiceError(_("Choose the severity."), field="severity")
    if not isinstance(occurred_on, dt.date):
        raise ServiceError(_("Give the date of the incident."), field="occurred_on")
    if not (report.period_start <= occurred_on <= report.period_end):
        raise ServiceError(_("The incident's date must fall in the report period."), field="occurred_on")
    if report.incidents.count() >= MAX_INCIDENTS:
        raise ServiceError(_("A report holds at most %(n)s incidents.") % {"n": MAX_INCIDENTS})
    incident = ReportIncident.objects.create(
        report=report,
        occurred_on=occurred_on,
        kind=kind,
        severity=severity,
        description=_text(description, field="description", required=_("Describe the incident.")),
        response=_text(response, field="response", required=_("Say how the enterprise responded.")),
    )
    audit_log(actor=added_by, action="report_incident.added", target=report, after={"severity": severity, "kind": kind})
    return incident


def _evidence_document(*, project: Project, file, uploaded_by: User, title: str) -> Document:
    """Store an evidence file through the portal's upload checks (type by content, size, PDF
    structure) as a new document of the project, visible to regulators. Unlike ``document_upload``
    it is taken while the project operates, when its assessment documents are closed."""
    checked = check_upload(file, max_bytes=settings.UPLOAD_MAX_BYTES)
    document = Document.objects.create(
        project=project, kind=DocumentKind.MONITORING, title=clean_name(title)[:255], visibility=Visibility.REGULATORS
    )
    document_version_add(document=document, file=file, uploaded_by=uploaded_by, checked=checked)
    return document


@transaction.atomic
def report_item_set(
    *,
    report: PerformanceReport,
    updated_by: User,
    status: str,
    note: str = "",
    measure: ControlMeasure | None = None,
    condition: Condition | None = None,
    evidence=None,
) -> ReportItem:
    """The period's implementation status of one control measure or one condition, with an
    optional evidence file."""
    report = _lock(report)
    _ensure_member(updated_by, report)
    _ensure_open(report)
    if (measure is None) == (condition is None):
        raise ServiceError(_("Choose a control measure or a condition."))
    if measure is not None and measure.project_id != report.project_id:
        raise ServiceError(_("That measure belongs to another project."))
    if condition is not None and condition.decision.project_id != report.project_id:
        raise ServiceError(_("That condition belongs to another project."))
    if status not in ItemStatus.values:
        raise ServiceError(_("Choose the status."), field="status")
    item, _created = ReportItem.objects.get_or_create(report=report, measure=measure, condition=condition)
    item.status = status
    item.note = _text(note, field="note", limit=2000)
    fields = ["status", "note"]
    if evidence is not None:
        subject = condition or measure
        item.evidence = _evidence_document(
            project=report.project,
            file=evidence,
            uploaded_by=updated_by,
            title=_("Evidence %(period)s: %(item)s") % {"period": report.label, "item": str(subject)[:120]},
        )
        fields.append("evidence")
    item.save(update_fields=fields)
    audit_log(
        actor=updated_by,
        action="report_item.set",
        target=report,
        after={"measure": getattr(measure, "pk", None), "condition": getattr(condition, "pk", None), "status": status},
    )
    return item


# --- checks and filing ----------------------------------------------------------------------------


def report_checks_run(report: PerformanceReport) -> list[ReportCheck]:
    """(Re)compute the report's limit checks from its readings (called inside the caller's
    transaction: on filing, and for the preview of a report not yet filed)."""
    project = report.project
    readings = [_local(r) for r in report.readings.all().order_by("point", "parameter", "sampled_at", "id")]
    results = exceedance.check_readings(
        project=project,
        readings=readings,
        limits=sel.report_limits_for(project),
        design_values=list(project.design_values.all()),
    )
    report.checks.all().delete()
    rows = [
        ReportCheck(
            report=report,
            point=r.point,
            parameter=r.parameter,
            medium=r.medium,
            period=r.period,
            verdict=r.verdict,
            windows=len(r.judged),
            exceeded_windows=r.exceeded_windows,
            worst_value=r.worst_value,
            unit=r.unit,
            governing_limit=r.governing.limit if r.governing else None,
            governing_value=r.governing_value,
            governing_source=r.governing.source if r.governing else "",
            china_limit=r.china.limit if r.china else None,
            china_value=r.china_value,
            stricter=r.stricter,
            exceeds_china=r.exceeds_china,
            exceedance_percent=r.exceedance_percent,
            notes=[str(n) for n in r.notes][:50],
        )
        for r in results
    ]
    return ReportCheck.objects.bulk_create(rows)


def _local(reading):
    reading.sampled_at = timezone.localtime(reading.sampled_at)
    return reading


@transaction.atomic
def report_preview_checks(*, report: PerformanceReport, checked_by: User) -> list[ReportCheck]:
    report = _lock(report)
    _ensure_member(checked_by, report)
    _ensure_open(report)
    return report_checks_run(report)


@transaction.atomic
def report_submit(*, report: PerformanceReport, submitted_by: User, today: dt.date | None = None) -> PerformanceReport:
    """File the report: the checks are run one last time and frozen with it, its incidents are
    recorded on the barometer, the regulators are told and the enterprise's rating recomputed."""
    from assessments.services.rating import rating_recompute

    today = today or timezone.localdate()
    report = _lock(report)
    if _member_role(submitted_by, report.project) not in MANAGING_ROLES:
        raise PermissionDeniedError(_("Only an owner or administrator of the enterprise files reports."))
    PERFORMANCE_REPORT.ensure(report, to=ReportStatus.SUBMITTED)
    if report.period_end >= today:
        raise ConflictError(
            _("The period runs until %(end)s: file the report after it ends.") % {"end": report.period_end.isoformat()}
        )
    measures = set(sel.measures_for_project(report.project).values_list("pk", flat=True))
    conditions = set(sel.conditions_for_project(report.project).values_list("pk", flat=True))
    given = report.items.values_list("measure_id", "condition_id")
    missing = len(measures - {m for m, _c in given if m}) + len(conditions - {c for _m, c in given if c})
    if missing:
        raise ServiceError(
            _("Give the status of every control measure and condition first (%(n)s missing).") % {"n": missing}
        )
    checks = report_checks_run(report)
    for ri in report.incidents.all():
        ri.incident = Incident.objects.create(
            organisation=report.project.organisation,
            project=report.project,
            occurred_on=ri.occurred_on,
            severity=ri.severity,
            description=f"{ri.get_kind_display()}: {ri.description}\n{_('Response')}: {ri.response}",
            recorded_by=submitted_by,
        )
        ri.save(update_fields=["incident"])
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = submitted_by
    report.save(update_fields=["status", "submitted_at", "submitted_by"])
    exceeded = sum(1 for c in checks if c.verdict == "exceeded")
    audit_log(
        actor=submitted_by,
        action="performance_report.submitted",
        target=report,
        before={"status": ReportStatus.OPEN},
        after={"status": report.status, "exceedances": exceeded, "incidents": report.incidents.count()},
    )
    ref, label = report.project.reference or report.project.name, report.label
    notify(
        reviewer_list_for_project(project=report.project),
        url=reverse("review:performance-report", args=[report.project_id, report.pk]),
        title=lambda: _("Performance report %(period)s of %(ref)s filed") % {"period": label, "ref": ref},
        body=lambda: _("%(n)s limit exceedance(s) found by the automatic checks.") % {"n": exceeded},
    )
    rating_recompute(organisation=report.project.organisation, trigger="report.submitted", actor=submitted_by)
    return report
