"""Periodic environmental performance reports of operating projects (issue 15.1), and the change
alerts raised when an instrument or limit they relied on changes in the knowledge base (15.2).

A report row exists for every period of the project's schedule from the moment the period starts
(the beat job creates it); the enterprise fills it and files it once. What was checked against
which limit is kept per report (``ReportCheck``) so a later change of that limit can be traced
back to every report that relied on it.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.choices import (
    ChangeKind,
    CheckVerdict,
    IncidentKind,
    IncidentSeverity,
    ItemStatus,
    ReportFrequency,
    ReportStatus,
)
from knowledge.choices import Medium
from portal.text import TEXT_MAX_LENGTH


class PerformanceReport(models.Model):
    """One period's report of one operating project."""

    project = models.ForeignKey("assessments.Project", on_delete=models.PROTECT, related_name="performance_reports")
    frequency = models.CharField(_("frequency"), max_length=10, choices=ReportFrequency.choices)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_date = models.DateField(_("due"), db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.OPEN, db_index=True
    )
    grievances_received = models.PositiveIntegerField(_("community grievances received"), default=0)
    grievances_resolved = models.PositiveIntegerField(_("community grievances resolved"), default=0)
    grievances_summary = models.TextField(_("grievances: what was raised and done"), blank=True, max_length=4000)
    summary = models.TextField(_("summary of the period"), blank=True, max_length=TEXT_MAX_LENGTH)
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_marked_at = models.DateTimeField(_("marked overdue"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("filed"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("performance report")
        verbose_name_plural = _("performance reports")
        ordering = ["project", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period_start"], name="assessments_performancereport_one_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(grievances_resolved__lte=models.F("grievances_received")),
                name="assessments_performancereport_resolved_not_above_received",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="assessments_performancereport_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.label}"

    @property
    def label(self) -> str:
        if self.frequency == ReportFrequency.QUARTERLY:
            return f"{self.period_start.year} Q{(self.period_start.month - 1) // 3 + 1}"
        return str(self.period_start.year)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        from django.utils import timezone

        return self.status == ReportStatus.OPEN and self.due_date < (today or timezone.localdate())


class MonitoringReading(models.Model):
    """One monitored value as the enterprise reported it (typed in or imported from CSV)."""

    report = models.ForeignKey(PerformanceReport, on_delete=models.CASCADE, related_name="readings")
    point = models.CharField(_("monitoring point"), max_length=60)
    parameter = models.CharField(_("parameter"), max_length=60)
    medium = models.CharField(_("medium"), max_length=20, choices=Medium.choices)
    sampled_at = models.DateTimeField(_("start of the averaging period"))
    averaging = models.CharField(_("averaging period"), max_length=60)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=10)
    unit = models.CharField(_("unit"), max_length=30)
    conditions = models.CharField(_("reference conditions"), max_length=120, blank=True)
    source_row = models.PositiveIntegerField(_("CSV row"), null=True, blank=True)

    class Meta:
        verbose_name = _("monitoring reading")
        verbose_name_plural = _("monitoring readings")
        ordering = ["point", "parameter", "sampled_at", "id"]
        indexes = [models.Index(fields=["report", "parameter", "point"], name="assessments_reading_group")]

    def __str__(self) -> str:
        return f"{self.point} {self.parameter} {self.value} {self.unit} @ {self.sampled_at:%Y-%m-%d %H:%M}"


class ReportCheck(models.Model):
    """The automatic check of one point × parameter against the limits of one averaging period
    (rules in ``assessments.rules.exceedance``). The limits it relied on are kept as foreign keys
    so a change alert can find this report again."""

    report = models.ForeignKey(PerformanceReport, on_delete=models.CASCADE, related_name="checks")
    point = models.CharField(_("monitoring point"), max_length=60)
    parameter = models.CharField(_("parameter"), max_length=60)
    medium = models.CharField(_("medium"), max_length=20, choices=Medium.choices)
    period = models.CharField(_("averaging period of the limit"), max_length=20, blank=True)
    verdict = models.CharField(_("verdict"), max_length=14, choices=CheckVerdict.choices)
    windows = models.PositiveIntegerField(_("periods judged"), default=0)
    exceeded_windows = models.PositiveIntegerField(_("periods above the limit"), default=0)
    worst_value = models.DecimalField(_("highest value"), max_digits=22, decimal_places=10, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    governing_limit = models.ForeignKey(
        "knowledge.StandardLimit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    governing_value = models.DecimalField(_("governing limit"), max_digits=22, decimal_places=10, null=True, blank=True)
    governing_source = models.CharField(_("governing limit from"), max_length=8, blank=True)
    china_limit = models.ForeignKey(
        "knowledge.StandardLimit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    china_value = models.DecimalField(_("China's limit"), max_digits=22, decimal_places=10, null=True, blank=True)
    # Which of the governing limit and China's national standard is stricter: "governing",
    # "china", "equal", or "" when they cannot be compared.
    stricter = models.CharField(_("stricter"), max_length=10, blank=True)
    exceeds_china = models.BooleanField(_("above China's standard"), default=False)
    exceedance_percent = models.DecimalField(
        _("exceedance (%)"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    notes = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("limit check")
        verbose_name_plural = _("limit checks")
        ordering = ["point", "parameter", "period", "id"]

    def __str__(self) -> str:
        return f"{self.point} {self.parameter} {self.period}: {self.verdict}"


class ReportIncident(models.Model):
    """An incident the enterprise reports; filing the report records it on the barometer."""

    report = models.ForeignKey(PerformanceReport, on_delete=models.CASCADE, related_name="incidents")
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=14, choices=IncidentKind.choices)
    severity = models.CharField(_("severity"), max_length=10, choices=IncidentSeverity.choices)
    description = models.TextField(_("description"), max_length=4000)
    response = models.TextField(_("response"), max_length=4000)
    incident = models.OneToOneField(
        "assessments.Incident", on_delete=models.PROTECT, null=True, blank=True, related_name="report_incident"
    )

    class Meta:
        verbose_name = _("reported incident")
        verbose_name_plural = _("reported incidents")
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.kind} ({self.severity})"


class ReportItem(models.Model):
    """The status in the period of one control measure or one decision condition, with evidence."""

    report = models.ForeignKey(PerformanceReport, on_delete=models.CASCADE, related_name="items")
    measure = models.ForeignKey(
        "assessments.ControlMeasure", on_delete=models.PROTECT, null=True, blank=True, related_name="report_items"
    )
    condition = models.ForeignKey(
        "assessments.Condition", on_delete=models.PROTECT, null=True, blank=True, related_name="report_items"
    )
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    evidence = models.ForeignKey(
        "assessments.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("implementation status")
        verbose_name_plural = _("implementation status")
        ordering = [models.F("condition").asc(nulls_last=True), "measure", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(measure__isnull=True, condition__isnull=False)
                | models.Q(measure__isnull=False, condition__isnull=True),
                name="assessments_reportitem_measure_or_condition",
            ),
            models.UniqueConstraint(fields=["report", "measure"], name="assessments_reportitem_one_per_measure"),
            models.UniqueConstraint(fields=["report", "condition"], name="assessments_reportitem_one_per_condition"),
        ]

    def __str__(self) -> str:
        return f"{self.condition or self.measure}: {self.status}"


class ChangeAlert(models.Model):
    """An amendment or repeal of an instrument, or a change of one of its limits, as seen by the
    projects that relied on it. ``changes`` lists ``{"field", "before", "after"}``."""

    instrument = models.ForeignKey(
        "knowledge.Instrument", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    instrument_label = models.CharField(_("instrument"), max_length=500)
    limit = models.ForeignKey(
        "knowledge.StandardLimit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    limit_label = models.CharField(_("limit"), max_length=255, blank=True)
    kind = models.CharField(_("change"), max_length=14, choices=ChangeKind.choices)
    changes = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("change alert")
        verbose_name_plural = _("change alerts")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.instrument_label}: {self.kind}"


class ChangeFlag(models.Model):
    """One project (and, where it applies, one condition or report of it) that relied on what
    an alert changed; the enterprise or the regulator acknowledges it once they have looked."""

    alert = models.ForeignKey(ChangeAlert, on_delete=models.CASCADE, related_name="flags")
    project = models.ForeignKey("assessments.Project", on_delete=models.PROTECT, related_name="change_flags")
    condition = models.ForeignKey(
        "assessments.Condition", on_delete=models.PROTECT, null=True, blank=True, related_name="change_flags"
    )
    report = models.ForeignKey(
        PerformanceReport, on_delete=models.PROTECT, null=True, blank=True, related_name="change_flags"
    )
    relied_through = models.CharField(_("relied on it through"), max_length=20)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("change flag")
        verbose_name_plural = _("change flags")
        ordering = ["-alert__created_at", "id"]

    def __str__(self) -> str:
        return f"{self.alert} → {self.project}"
