"""Writes of regulators' performance review of a filed report: findings per condition and control
measure and follow-up actions (any reviewer of the jurisdiction), and the conclusion with its
score from the documented criteria (lead reviewers only), which feeds the barometer."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.choices import FindingVerdict, PerformanceReviewStatus, ReportStatus
from assessments.models import Finding, FollowUpAction, PerformanceReport, PerformanceReview
from assessments.permissions import can_decide_project, can_review_project
from assessments.rules import performance as criteria
from assessments.selectors import reports as report_sel
from assessments.services.reports import enterprise_managers, notify
from assessments.workflow import PERFORMANCE_REPORT, PERFORMANCE_REVIEW
from portal.audit import audit_log
from portal.errors import ConflictError, PermissionDeniedError, ServiceError
from portal.models import User

MAX_ACTIONS = 50


def _ensure_reviewer(user, report) -> None:
    if not can_review_project(user, report.project):
        raise PermissionDeniedError(_("Only a reviewer of this project's jurisdiction may review its reports."))


def _locked_review(report: PerformanceReport, user: User) -> PerformanceReview:
    review = PerformanceReview.objects.select_for_update().filter(report=report).first()
    if review is None:
        review = PerformanceReview.objects.create(report=report, started_by=user)
        audit_log(actor=user, action="performance_review.started", target=review)
    if review.status != PerformanceReviewStatus.DRAFT:
        raise ConflictError(_("This performance review is concluded and can no longer be changed."))
    return review


@transaction.atomic
def performance_review_record(
    *,
    report: PerformanceReport,
    reviewer: User,
    findings: dict,
    actions: list[dict] | None = None,
    summary: str = "",
) -> PerformanceReview:
    """Record findings (``{("condition"|"measure", id): (verdict, note)}``), follow-up actions
    (``[{"text", "due_date"}]``, added to those already there) and a summary."""
    report = PerformanceReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    _ensure_reviewer(reviewer, report)
    if report.status not in (ReportStatus.SUBMITTED, ReportStatus.REVIEWED):
        raise ConflictError(_("Only a filed report can be reviewed."))
    review = _locked_review(report, reviewer)
    conditions = {c.pk: c for c in report_sel.conditions_for_project(report.project)}
    measures = {m.pk: m for m in report_sel.measures_for_project(report.project)}
    for (kind, pk), (verdict, note) in findings.items():
        if verdict not in FindingVerdict.values:
            raise ServiceError(_("Choose a finding for every condition and measure."), field="findings")
        note = (note or "").strip()
        if len(note) > 2000:
            raise ServiceError(_("Keep each note under 2,000 characters."), field="findings")
        target = (conditions if kind == "condition" else measures).get(pk)
        if target is None:
            raise ServiceError(_("That condition or measure is not this project's."), field="findings")
        Finding.objects.update_or_create(review=review, **{kind: target}, defaults={"verdict": verdict, "note": note})
    for action in actions or []:
        text = (action.get("text") or "").strip()
        due = action.get("due_date")
        if not text:
            continue
        if len(text) > 2000:
            raise ServiceError(_("Keep each action under 2,000 characters."), field="actions")
        if not isinstance(due, dt.date) or due < timezone.localdate():
            raise ServiceError(_("Give each follow-up action a due date from today on."), field="actions")
        if review.actions.count() >= MAX_ACTIONS:
            raise ServiceError(_("A review holds at most %(n)s actions.") % {"n": MAX_ACTIONS}, field="actions")
        FollowUpAction.objects.create(review=review, text=text, due_date=due)
    summary = (summary or "").strip()
    if len(summary) > 4000:
        raise ServiceError(_("Keep the summary under 4,000 characters."), field="summary")
    review.summary = summary
    review.save(update_fields=["summary"])
    audit_log(
        actor=reviewer,
        action="performance_review.recorded",
        target=review,
        after={"findings": len(findings), "actions": len(actions or [])},
    )
    return review


def score_inputs_for(review: PerformanceReview) -> criteria.ScoreInputs:
    report = review.report
    checks = list(report.checks.all())
    return criteria.ScoreInputs(
        findings=tuple(review.findings.values_list("verdict", flat=True)),
        exceedances=sum(1 for c in checks if c.verdict == "exceeded"),
        exceedances_above_china=sum(1 for c in checks if c.verdict == "exceeded" and c.exceeds_china),
        incidents=tuple(report.incidents.values_list("severity", flat=True)),
        filed_on_time=report.submitted_at is not None
        and timezone.localtime(report.submitted_at).date() <= report.due_date,
    )


@transaction.atomic
def performance_review_conclude(*, report: PerformanceReport, concluded_by: User) -> PerformanceReview:
    """A lead reviewer concludes the review: the score is computed from the criteria and frozen,
    the report is marked reviewed, the enterprise told, and the barometer recomputed."""
    from assessments.services.rating import rating_recompute

    report = (
        PerformanceReport.objects.select_for_update()
        .select_related("project", "project__organisation")
        .get(pk=report.pk)
    )
    if not can_decide_project(concluded_by, report.project):
        raise PermissionDeniedError(_("Only a lead reviewer of this project's jurisdiction concludes a review."))
    review = PerformanceReview.objects.select_for_update().filter(report=report).first()
    if review is None:
        raise ConflictError(_("Record the findings before concluding the review."))
    PERFORMANCE_REVIEW.ensure(review, to=PerformanceReviewStatus.CONCLUDED)
    expected = (
        len(report_sel.conditions_for_project(report.project)) + report_sel.measures_for_project(report.project).count()
    )
    if review.findings.count() < expected:
        raise ServiceError(_("Record a finding for every condition and control measure first."))
    total, lines = criteria.score(score_inputs_for(review))
    review.status = PerformanceReviewStatus.CONCLUDED
    review.score = total
    review.score_details = lines
    review.criteria_version = criteria.VERSION
    review.concluded_at = timezone.now()
    review.concluded_by = concluded_by
    review.save(update_fields=["status", "score", "score_details", "criteria_version", "concluded_at", "concluded_by"])
    PERFORMANCE_REPORT.ensure(report, to=ReportStatus.REVIEWED)
    report.status = ReportStatus.REVIEWED
    report.save(update_fields=["status"])
    audit_log(
        actor=concluded_by,
        action="performance_review.concluded",
        target=review,
        after={"score": total, "criteria": criteria.VERSION},
    )
    ref, label = report.project.reference, report.label
    notify(
        enterprise_managers(report.project),
        url=reverse("assessments:report-detail", args=[report.project_id, report.pk]),
        title=lambda: (
            _("Performance review of %(ref)s %(period)s concluded: score %(score)s of 100")
            % {"ref": ref, "period": label, "score": total}
        ),
        body=lambda: _("The findings and the follow-up actions with their due dates are on the report's page."),
    )
    rating_recompute(
        organisation=report.project.organisation, trigger="performance_review.concluded", actor=concluded_by
    )
    return review
