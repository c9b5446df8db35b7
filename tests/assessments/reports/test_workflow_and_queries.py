"""The report and review status machines (every pair), a change flagged through a condition's
control measure, and list pages whose query counts do not grow with rows."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.choices import PerformanceReviewStatus, ReportStatus
from assessments.models import ChangeFlag, PerformanceReport
from assessments.workflow import PERFORMANCE_REPORT, PERFORMANCE_REVIEW
from knowledge import services as knowledge_services
from tests.assessments.reports.helpers import quarter_report

REPORT_ALLOWED = {(ReportStatus.OPEN, ReportStatus.SUBMITTED), (ReportStatus.SUBMITTED, ReportStatus.REVIEWED)}
REVIEW_ALLOWED = {(PerformanceReviewStatus.DRAFT, PerformanceReviewStatus.CONCLUDED)}


@pytest.mark.parametrize(("src", "dst"), list(itertools.product(ReportStatus.values, repeat=2)))
def test_report_moves(src, dst):
    assert PERFORMANCE_REPORT.allows(src, dst) == ((src, dst) in REPORT_ALLOWED)


@pytest.mark.parametrize(("src", "dst"), list(itertools.product(PerformanceReviewStatus.values, repeat=2)))
def test_review_moves(src, dst):
    assert PERFORMANCE_REVIEW.allows(src, dst) == ((src, dst) in REVIEW_ALLOWED)


@pytest.mark.django_db
def test_amending_an_instrument_a_condition_relies_on_flags_the_condition(operating, eddie, test_limits, alice):
    from assessments.selectors.reports import conditions_for_project
    from portal.models import Notification

    instrument = test_limits["kz_instrument"]
    condition = conditions_for_project(operating).first()
    condition.measure.references.add(instrument)
    before = {"amended": "", "repealed": "", "legal_status": "in_force", "in_force": ""}
    instrument.amended = "2026-05-01"
    instrument.legal_status = "amended"
    instrument.save()
    knowledge_services.instrument_change_announce(instrument=instrument, before=before, actor=eddie)
    flag = ChangeFlag.objects.get(condition=condition)
    assert flag.project == operating and flag.relied_through == "condition"
    assert flag.alert.kind == "amended"
    body = Notification.objects.filter(user=alice, title__contains="relied on it").first().body
    assert "last amended: — → 2026-05-01" in body


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _more_reports(project, n):
    first = PerformanceReport.objects.filter(project=project).order_by("period_start").first().period_start
    for i in range(1, n + 1):
        quarter_report(project, first - dt.timedelta(days=400 * i), status="submitted")


@pytest.mark.django_db
def test_report_lists_do_not_grow_with_rows(operating, alice, rita, login, client):
    pages = [
        (login(alice), reverse("assessments:report-list", args=[operating.pk])),
        (login(alice), reverse("assessments-api:performance-reports", args=[operating.pk])),
        (login(rita), reverse("review:performance-home")),
        (login(rita), reverse("review:performance-project", args=[operating.pk])),
        (client, reverse("barometer:compliance", args=[operating.organisation_id, operating.reference])),
    ]
    _more_reports(operating, 1)
    few = [_queries(c, url) for c, url in pages]
    count_before = PerformanceReport.objects.filter(project=operating).count()
    for i in range(10):
        start = dt.date(2000 + i, 1, 1)
        PerformanceReport.objects.create(
            project=operating,
            frequency="quarterly",
            period_start=start,
            period_end=start + dt.timedelta(days=80),
            due_date=start + dt.timedelta(days=110),
            status="submitted",
        )
    assert PerformanceReport.objects.filter(project=operating).count() == count_before + 10
    many = [_queries(c, url) for c, url in pages]
    assert few == many
