"""Performance-report pages: the enterprise's schedule and report (readings, CSV import,
incidents, implementation status with evidence, grievances, filing), and the public compliance
page of a project (``/enterprises/<id>/compliance/<reference>/``).

Thin adapters: parse, fetch through scoped selectors (another enterprise's report is a 404),
call a service; ``ServiceErrorMixin`` maps the typed errors.
"""

import datetime as dt

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from assessments.choices import IncidentKind, IncidentSeverity, ItemStatus, ReportStatus
from assessments.selectors import rating as rating_sel
from assessments.selectors import reports as sel
from assessments.services import changes as alert_services
from assessments.services import reports as services
from assessments.views.base import ProjectMixin
from assessments.views.charts import series_chart
from knowledge.choices import Medium
from portal.choices import MANAGING_ROLES


def _date(value: str):
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return None


class ReportListView(ProjectMixin, View):
    template = "assessments/reports/list.html"

    def page_context(self, **extra):
        return self.context(
            reports=sel.report_list_for_project(project=self.project),
            operating=sel.is_operating(self.project),
            flags=sel.change_flag_list_for_project(project=self.project),
            today=timezone.localdate(),
            **extra,
        )

    def get(self, request, pk):
        return self.render_page()

    def post(self, request, pk):
        flag = sel.change_flag_list_for_project(project=self.project).filter(pk=request.POST.get("flag") or 0).first()
        if flag is None:
            raise Http404(_("No such change alert for this project."))
        alert_services.change_flag_acknowledge(flag=flag, acknowledged_by=request.user)
        return redirect("assessments:report-list", pk=self.project.pk)


class ReportDetailView(ProjectMixin, View):
    """One report: everything the enterprise enters, each form posting an ``action``."""

    template = "assessments/reports/detail.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.require_enterprise(request)
            self.report = sel.report_get_for_user(user=request.user, project_pk=kwargs["pk"], pk=kwargs["report_pk"])
            if self.report is None:
                raise Http404(_("No such report in your enterprise."))
        return super().dispatch(request, *args, **kwargs)

    def page_context(self, **extra):
        report = self.report
        items = {(i.measure_id, i.condition_id): i for i in report.items.all()}
        measures = [(m, items.get((m.pk, None))) for m in sel.measures_for_project(self.project)]
        conditions = [(c, items.get((None, c.pk))) for c in sel.conditions_for_project(self.project)]
        role = self.membership.role if self.membership else None
        return self.context(
            report=report,
            editable=report.status == ReportStatus.OPEN,
            can_file=role in MANAGING_ROLES,
            readings=sel.report_readings(report)[:500],
            reading_count=report.readings.count(),
            checks=report.checks.all(),
            incidents=report.incidents.all(),
            measures=measures,
            conditions=conditions,
            review=getattr(report, "performance_review", None),
            media=Medium.choices,
            kinds=IncidentKind.choices,
            severities=IncidentSeverity.choices,
            statuses=ItemStatus.choices,
            csv_columns=services.CSV_COLUMNS,
            **extra,
        )

    def render_error(self, exc):
        return self.render_page(error=exc.message, error_details=exc.details)

    def get(self, request, pk, report_pk):
        return self.render_page()

    def post(self, request, pk, report_pk):
        report, user, data = self.report, request.user, request.POST
        action = data.get("action", "")
        if action == "details":
            services.report_update(
                report=report,
                updated_by=user,
                summary=data.get("summary", ""),
                grievances_received=data.get("grievances_received") or 0,
                grievances_resolved=data.get("grievances_resolved") or 0,
                grievances_summary=data.get("grievances_summary", ""),
            )
        elif action == "reading":
            services.reading_add(
                report=report,
                added_by=user,
                **{k: data.get(k, "") for k in services.CSV_COLUMNS},
            )
        elif action == "remove_reading":
            services.reading_remove(report=report, removed_by=user, reading_id=_int(data.get("reading")))
        elif action == "import":
            upload = request.FILES.get("file")
            if upload is None:
                return self.render_page(status=400, error=_("Choose a CSV file to upload."))
            n = services.readings_import_csv(report=report, imported_by=user, file=upload)
            return self.render_page(message=_("%(n)s readings imported.") % {"n": n})
        elif action == "incident":
            services.report_incident_add(
                report=report,
                added_by=user,
                occurred_on=_date(data.get("occurred_on", "")),
                kind=data.get("kind", ""),
                severity=data.get("severity", ""),
                description=data.get("description", ""),
                response=data.get("response", ""),
            )
        elif action == "item":
            kind, _sep, item_pk = data.get("item", "").partition(":")
            target = None
            if kind == "measure":
                target = sel.measures_for_project(self.project).filter(pk=_int(item_pk)).first()
            elif kind == "condition":
                target = sel.conditions_for_project(self.project).filter(pk=_int(item_pk)).first()
            if target is None:
                raise Http404(_("No such measure or condition in this project."))
            services.report_item_set(
                report=report,
                updated_by=user,
                status=data.get("status", ""),
                note=data.get("note", ""),
                evidence=request.FILES.get("evidence"),
                **{kind: target},
            )
        elif action == "check":
            services.report_preview_checks(report=report, checked_by=user)
        elif action == "submit":
            services.report_submit(report=report, submitted_by=user)
        else:
            return self.render_page(status=400, error=_("Unknown action."))
        return redirect("assessments:report-detail", pk=self.project.pk, report_pk=report.pk)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class CompliancePublicView(View):
    """The public compliance page of an approved project: the last 12 quarters and a chart per
    parameter of reported values against the governing limit."""

    def get(self, request, pk, reference):
        project = sel.compliance_project_get_public(org_pk=pk, reference=reference)
        if project is None:
            raise Http404(_("No such project."))
        today = timezone.localdate()
        history = sel.compliance_history(project=project, today=today)
        series = sel.compliance_series(project=project, since=history[-1]["start"])
        for i, s in enumerate(series):
            s["id"] = f"series-{i}"
            s["chart"] = series_chart(s)
        return render(
            request,
            "assessments/reports/compliance_public.html",
            {
                "project": project,
                "org": project.organisation,
                "history": history,
                "series": series,
                "current": rating_sel.rating_current_for(organisation=project.organisation),
            },
        )
