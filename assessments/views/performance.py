"""Regulators' performance review pages (``/review/performance/…``): filed reports of the
jurisdiction, a project's reports and change alerts, and one report with its findings, follow-up
actions and the conclusion (lead reviewers only). Out of jurisdiction is a 404."""

import datetime as dt

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from assessments.choices import FindingVerdict
from assessments.permissions import can_decide_project, can_review_project
from assessments.rules import performance as criteria
from assessments.selectors import performance as sel
from assessments.selectors import reports as report_sel
from assessments.services import changes as alert_services
from assessments.services import performance as services
from assessments.views.review import AuthorityMixin, ReviewProjectMixin


class PerformanceQueueView(AuthorityMixin, View):
    def get(self, request):
        return render(
            request,
            "assessments/performance/queue.html",
            {"reports": sel.performance_queue_for_user(user=request.user)},
        )


class PerformanceProjectView(ReviewProjectMixin, View):
    def get(self, request, pk):
        return render(
            request,
            "assessments/performance/project.html",
            {
                "project": self.project,
                "reports": report_sel.report_list_for_project(project=self.project),
                "flags": report_sel.change_flag_list_for_project(project=self.project),
            },
        )

    def post(self, request, pk):
        flag = (
            report_sel.change_flag_list_for_project(project=self.project)
            .filter(pk=request.POST.get("flag") or 0)
            .first()
        )
        if flag is None:
            raise Http404(_("No such change alert for this project."))
        alert_services.change_flag_acknowledge(flag=flag, acknowledged_by=request.user)
        return redirect("review:performance-project", pk=self.project.pk)


class PerformanceReportView(ReviewProjectMixin, View):
    def dispatch(self, request, *args, **kwargs):
        self._report_pk = kwargs.get("report_pk")
        return super().dispatch(request, *args, **kwargs)

    def _report(self):
        report = report_sel.report_get_for_regulator(
            user=self.request.user, project_pk=self.project.pk, pk=self._report_pk
        )
        if report is None:
            raise Http404(_("No such filed report in your jurisdiction."))
        return report

    def _context(self, report, **extra):
        review = sel.performance_review_for_report(report)
        findings = {}
        if review is not None:
            for f in review.findings.all():
                key = ("condition", f.condition_id) if f.condition_id else ("measure", f.measure_id)
                findings[key] = f
        conditions = [(c, findings.get(("condition", c.pk))) for c in report_sel.conditions_for_project(self.project)]
        measures = [(m, findings.get(("measure", m.pk))) for m in report_sel.measures_for_project(self.project)]
        user = self.request.user
        return {
            "project": self.project,
            "report": report,
            "review": review,
            "conditions": conditions,
            "measures": measures,
            "verdicts": FindingVerdict.choices,
            "can_record": can_review_project(user, self.project),
            "can_conclude": can_decide_project(user, self.project),
            "criteria": criteria.CRITERIA,
            "criteria_version": criteria.VERSION,
            **extra,
        }

    def render_error(self, exc):
        return render(
            self.request, "assessments/performance/report.html", self._context(self._report(), error=exc.message)
        )

    def get(self, request, pk, report_pk):
        return render(request, "assessments/performance/report.html", self._context(self._report()))

    def post(self, request, pk, report_pk):
        report = self._report()
        data = request.POST
        if data.get("action") == "conclude":
            services.performance_review_conclude(report=report, concluded_by=request.user)
        else:
            findings = {}
            for key in data:
                kind, _sep, item_pk = key.partition("-")
                if kind in ("condition", "measure") and item_pk.isdigit() and data.get(key):
                    findings[(kind, int(item_pk))] = (data.get(key), data.get(f"note-{key}", ""))
            actions = []
            for i in range(3):
                text = data.get(f"action-{i}", "").strip()
                if text:
                    try:
                        due = dt.date.fromisoformat(data.get(f"due-{i}", ""))
                    except ValueError:
                        due = None
                    actions.append({"text": text, "due_date": due})
            services.performance_review_record(
                report=report,
                reviewer=request.user,
                findings=findings,
                actions=actions,
                summary=data.get("summary", ""),
            )
        return redirect("review:performance-report", pk=self.project.pk, report_pk=report.pk)
