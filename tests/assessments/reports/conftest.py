"""Fixtures of the performance-report tests: an approved, operating category A project of Acme in
Kazakhstan with one condition, and test limits (values are test values, not quotations)."""

import pytest

from assessments.models import Project
from knowledge.choices import PublicationStatus
from knowledge.models import Instrument
from tests.assessments.reports.helpers import _limit, previous_quarter


@pytest.fixture
def test_limits(db):
    kz = Instrument.objects.create(
        key="test-kz-emission-standard",
        jurisdiction="KZ",
        type="standard",
        title="Test emission standard (KZ)",
        source_url="https://example.org/kz",
        status=PublicationStatus.PUBLISHED,
        legal_status="in_force",
    )
    cn = Instrument.objects.create(
        key="test-cn-emission-standard",
        jurisdiction="CN",
        type="standard",
        title="Test emission standard (CN)",
        source_url="https://example.org/cn",
        status=PublicationStatus.PUBLISHED,
        legal_status="in_force",
    )
    return {"kz": _limit(kz, 100), "cn": _limit(cn, 50), "kz_instrument": kz}


@pytest.fixture
def operating(submitted, rita, alice, test_limits):
    """The submitted solar project, approved with a quarterly condition, in operation since the
    start of the previous quarter, as category A (quarterly reports)."""
    from assessments.services import review as review_services
    from assessments.services.reports import report_schedule_run

    measure = submitted.measures.filter(active=True).first()
    review_services.decision_make(
        project=submitted,
        decided_by=rita,
        outcome="approved_conditions",
        reasons="Approved for the test.",
        conditions=[{"text": "Report stack monitoring every quarter.", "recurrence": "quarterly", "measure": measure}],
    )
    start, _end = previous_quarter()
    Project.objects.filter(pk=submitted.pk).update(category="A", construction_start=start, operation_start=start)
    report_schedule_run()
    return Project.objects.get(pk=submitted.pk)
