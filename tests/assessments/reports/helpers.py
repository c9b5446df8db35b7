"""Helpers of the performance-report tests (the fixtures are in this folder's conftest)."""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessments.models import PerformanceReport
from knowledge.models import StandardLimit


def previous_quarter(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    today = today or timezone.localdate()
    first = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = first - dt.timedelta(days=1)
    return dt.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1), end


def _limit(instrument, value, **kw):
    fields = {
        "parameter": "SO2",
        "medium": "air_emissions",
        "value": Decimal(value),
        "unit": "mg/Nm³",
        "averaging": "24-hour",
        "conditions": "6% O2",
        "o2_ref_percent": Decimal(6),
        "ref_temperature_k": Decimal("273.15"),
        "ref_pressure_kpa": Decimal("101.325"),
        "grade_scope": "general",
        "source_type": "any",
        "fuel": "any",
        "airshed": "any",
        "plant_age": "any",
        "source_url": "https://example.org/test-limit",
    }
    fields.update(kw)
    return StandardLimit.objects.create(instrument=instrument, **fields)


def quarter_report(project, start: dt.date, **fields) -> PerformanceReport:
    """A quarterly report of ``project`` for the quarter from ``start``, made directly."""
    return PerformanceReport.objects.create(
        project=project,
        frequency="quarterly",
        period_start=start,
        period_end=start + dt.timedelta(days=80),
        due_date=start + dt.timedelta(days=110),
        **fields,
    )


def ended_report(project) -> PerformanceReport:
    start, _end = previous_quarter()
    return PerformanceReport.objects.get(project=project, period_start=start)


def csv_file(rows: list[str], name: str = "monitoring.csv") -> SimpleUploadedFile:
    header = "point,parameter,medium,sampled_at,averaging,value,unit,conditions"
    return SimpleUploadedFile(name, ("\n".join([header, *rows]) + "\n").encode(), content_type="text/csv")


def day_of_hours(day: dt.date, value, *, point="Stack 1") -> list[str]:
    return [
        f"{point},SO2,air_emissions,{day.isoformat()}T{h:02d}:00,1-hour,{value},mg/Nm³,6% O2 0 °C dry gas"
        for h in range(24)
    ]


def complete_items(report, user):
    """Every condition and measure of the report's project given a status (filing needs it)."""
    from assessments.selectors import reports as sel
    from assessments.services import reports as services

    for c in sel.conditions_for_project(report.project):
        services.report_item_set(report=report, updated_by=user, status="in_progress", condition=c)
    for m in sel.measures_for_project(report.project):
        services.report_item_set(report=report, updated_by=user, status="done", measure=m)
