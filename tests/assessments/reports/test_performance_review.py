"""Regulators' performance review: the score criteria as a case table, findings by any reviewer of
the jurisdiction, the conclusion by a lead reviewer only, and the score on the barometer."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import PerformanceReport, Rating
from assessments.rules.performance import ScoreInputs, score
from assessments.selectors import reports as sel
from assessments.services import performance as services
from assessments.services import reports as report_services
from portal.errors import ConflictError, PermissionDeniedError, ServiceError
from portal.models import Notification
from tests.assessments.reports.helpers import complete_items, csv_file, day_of_hours, ended_report, quarter_report

SCORE_CASES = [
    ("a clean record", ScoreInputs(findings=("met", "met")), 100),
    ("nothing assessed counts as met", ScoreInputs(findings=("not_assessed",)), 100),
    ("half the obligations partly met", ScoreInputs(findings=("met", "partly")), 85),
    ("every obligation not met", ScoreInputs(findings=("not_met", "not_met")), 40),
    ("one exceedance", ScoreInputs(findings=("met",), exceedances=1), 95),
    ("one exceedance also above China's standard", ScoreInputs(exceedances=1, exceedances_above_china=1), 90),
    ("six exceedances stop at the floor", ScoreInputs(exceedances=6), 75),
    ("a serious incident", ScoreInputs(incidents=("serious",)), 94),
    ("a major and a minor incident stop at the floor", ScoreInputs(incidents=("major", "minor")), 90),
    ("filed late", ScoreInputs(filed_on_time=False), 95),
    (
        "the worst record",
        ScoreInputs(findings=("not_met",), exceedances=5, incidents=("major",), filed_on_time=False),
        0,
    ),
    (
        "partly met, one exceedance, a serious incident",
        ScoreInputs(findings=("partly",), exceedances=1, exceedances_above_china=1, incidents=("serious",)),
        54,
    ),
]


@pytest.mark.parametrize(("name", "inputs", "expected"), SCORE_CASES, ids=[c[0] for c in SCORE_CASES])
def test_it_scores_by_the_documented_criteria(name, inputs, expected):
    total, lines = score(inputs)
    assert total == expected
    assert [line["code"] for line in lines] == ["obligations", "limits", "incidents", "filing"]
    assert sum(line["max"] for line in lines) == 100


@pytest.fixture
def filed(operating, alice):
    report = ended_report(operating)
    report_services.readings_import_csv(
        report=report, imported_by=alice, file=csv_file(day_of_hours(report.period_start, 120))
    )
    report_services.report_incident_add(
        report=report,
        added_by=alice,
        occurred_on=report.period_start + dt.timedelta(days=3),
        kind="discharge",
        severity="serious",
        description="Cooling water discharged above temperature.",
        response="Discharge stopped; pond inspected.",
    )
    complete_items(report, alice)
    return report_services.report_submit(report=report, submitted_by=alice)


def _all_findings(report, verdict="met"):
    findings = {("condition", c.pk): (verdict, "") for c in sel.conditions_for_project(report.project)}
    findings.update({("measure", m.pk): (verdict, "") for m in sel.measures_for_project(report.project)})
    return findings


@pytest.mark.django_db
def test_a_reviewer_records_findings_and_only_a_lead_concludes(filed, ray, rita, alice):
    due = timezone.localdate() + dt.timedelta(days=30)
    services.performance_review_record(
        report=filed,
        reviewer=ray,
        findings=_all_findings(filed, "partly"),
        actions=[{"text": "Install a second SO2 analyser.", "due_date": due}],
        summary="SO2 above the limit on one day.",
    )
    with pytest.raises(PermissionDeniedError):
        services.performance_review_conclude(report=filed, concluded_by=ray)
    review = services.performance_review_conclude(report=filed, concluded_by=rita)
    # partly met 30, one exceedance also above China's 15, a serious incident 4, filing 5 or 0
    on_time = timezone.localdate() <= filed.due_date
    expected = 49 + (5 if on_time else 0)
    assert review.score == expected
    assert review.criteria_version == "perf-v1"
    assert review.actions.get().due_date == due
    assert PerformanceReport.objects.get(pk=filed.pk).status == "reviewed"
    rating = Rating.objects.get(organisation=filed.project.organisation, current=True)
    assert {"code": "low_score", "colour": "yellow", "params": {"score": expected}} in rating.reasons
    assert rating.trigger == "performance_review.concluded"
    assert Notification.objects.filter(user=alice, title__contains=f"score {expected} of 100").exists()
    with pytest.raises(ConflictError):
        services.performance_review_record(report=filed, reviewer=rita, findings={})


@pytest.mark.django_db
def test_a_review_needs_every_finding_before_it_concludes(filed, rita):
    services.performance_review_record(report=filed, reviewer=rita, findings={})
    with pytest.raises(ServiceError, match="every condition"):
        services.performance_review_conclude(report=filed, concluded_by=rita)


@pytest.mark.django_db
def test_a_follow_up_action_needs_a_due_date(filed, rita):
    with pytest.raises(ServiceError, match="due date"):
        services.performance_review_record(report=filed, reviewer=rita, findings={}, actions=[{"text": "Fix it."}])


@pytest.mark.django_db
def test_a_regulator_of_another_country_cannot_review(filed, pat):
    with pytest.raises(PermissionDeniedError):
        services.performance_review_record(report=filed, reviewer=pat, findings={})


# --- pages ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_lead_reviews_on_the_page(filed, rita, login):
    client = login(rita)
    url = reverse("review:performance-report", args=[filed.project_id, filed.pk])
    assert client.get(reverse("review:performance-home")).status_code == 200
    assert client.get(url).status_code == 200
    data = {"action": "record", "summary": "Looked at.", "action-0": "Recalibrate.", "due-0": "2099-01-01"}
    data.update({f"{kind}-{pk}": "met" for (kind, pk) in _all_findings(filed)})
    assert client.post(url, data).status_code == 302
    assert client.post(url, {"action": "conclude"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Score" in page and "Recalibrate." in page


@pytest.mark.django_db
def test_a_plain_reviewer_may_record_but_concluding_is_a_403(filed, ray, login):
    client = login(ray)
    url = reverse("review:performance-report", args=[filed.project_id, filed.pk])
    data = {"action": "record"} | {f"{kind}-{pk}": "met" for (kind, pk) in _all_findings(filed)}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {"action": "conclude"}).status_code == 403


@pytest.mark.django_db
def test_a_regulator_of_another_jurisdiction_gets_a_404(filed, pat, will, login):
    for user in (pat, will):
        client = login(user)
        assert client.get(reverse("review:performance-report", args=[filed.project_id, filed.pk])).status_code == 404
        assert client.get(reverse("review:performance-project", args=[filed.project_id])).status_code == 404
        assert filed.project.name not in client.get(reverse("review:performance-home")).content.decode()


@pytest.mark.django_db
def test_an_enterprise_cannot_open_the_review_pages(filed, alice, login):
    response = login(alice).get(reverse("review:performance-report", args=[filed.project_id, filed.pk]))
    assert response.status_code == 403


@pytest.mark.django_db
def test_an_open_report_is_not_in_review(operating, rita, login):
    report = ended_report(operating)
    response = login(rita).get(reverse("review:performance-report", args=[operating.pk, report.pk]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_queue_lists_what_waits_first_the_oldest_filed_first(operating, rita):
    from assessments.selectors.performance import performance_queue_for_user

    now = timezone.now()
    rows = []
    for quarter, (status, days_ago) in enumerate([("reviewed", 300), ("submitted", 10), ("submitted", 100)]):
        start = dt.date(2024, 1 + 3 * quarter, 1)
        rows.append(quarter_report(operating, start, status=status, submitted_at=now - dt.timedelta(days=days_ago)))
    reviewed, recent, old = rows
    queue = [r.pk for r in performance_queue_for_user(user=rita) if r.pk in {x.pk for x in rows}]
    assert queue == [old.pk, recent.pk, reviewed.pk]
