"""Regulators' performance review of a filed report (issue 15.3): findings per condition and
measure, a score from the documented criteria (``assessments.rules.performance``) and follow-up
actions with due dates. A concluded review's score feeds the barometer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.choices import FindingVerdict, FollowUpStatus, PerformanceReviewStatus


class PerformanceReview(models.Model):
    report = models.OneToOneField(
        "assessments.PerformanceReport", on_delete=models.PROTECT, related_name="performance_review"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PerformanceReviewStatus.choices, default=PerformanceReviewStatus.DRAFT
    )
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(_("summary"), blank=True, max_length=4000)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    score_details = models.JSONField(default=list, blank=True)
    criteria_version = models.CharField(_("criteria"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    concluded_at = models.DateTimeField(_("concluded"), null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("performance review")
        verbose_name_plural = _("performance reviews")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="concluded") | models.Q(score__isnull=False, score__lte=100),
                name="assessments_performancereview_concluded_has_score",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report}: {self.score if self.score is not None else '—'}"


class Finding(models.Model):
    review = models.ForeignKey(PerformanceReview, on_delete=models.CASCADE, related_name="findings")
    condition = models.ForeignKey("assessments.Condition", on_delete=models.PROTECT, null=True, blank=True)
    measure = models.ForeignKey("assessments.ControlMeasure", on_delete=models.PROTECT, null=True, blank=True)
    verdict = models.CharField(_("finding"), max_length=14, choices=FindingVerdict.choices)
    note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        # Conditions first (in their number order), then measures, on every database.
        ordering = [models.F("condition").asc(nulls_last=True), "measure", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(measure__isnull=True, condition__isnull=False)
                | models.Q(measure__isnull=False, condition__isnull=True),
                name="assessments_finding_measure_or_condition",
            ),
            models.UniqueConstraint(fields=["review", "measure"], name="assessments_finding_one_per_measure"),
            models.UniqueConstraint(fields=["review", "condition"], name="assessments_finding_one_per_condition"),
        ]

    def __str__(self) -> str:
        return f"{self.condition or self.measure}: {self.verdict}"


class FollowUpAction(models.Model):
    review = models.ForeignKey(PerformanceReview, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(_("action"), max_length=2000)
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=6, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.text[:60]} ({self.due_date})"
