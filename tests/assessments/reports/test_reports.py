"""Performance reports: the schedule, CSV import all or nothing, filing and the barometer,
change alerts, and who may see what (another enterprise's report is a 404)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import ChangeFlag, Incident, MonitoringReading, PerformanceReport, Rating
from assessments.services import reports as services
from knowledge import services as knowledge_services
from portal.errors import ConflictError, PermissionDeniedError, ServiceError
from portal.models import Notification
from tests.assessments.reports.helpers import (
    complete_items,
    csv_file,
    day_of_hours,
    ended_report,
    previous_quarter,
)

pytestmark = pytest.mark.django_db


def test_it_schedules_quarterly_reports_for_category_a(operating):
    start, end = previous_quarter()
    reports = list(PerformanceReport.objects.filter(project=operating).order_by("period_start"))
    assert [(r.period_start, r.frequency) for r in reports][0] == (start, "quarterly")
    assert reports[0].period_end == end
    assert reports[0].due_date == end + dt.timedelta(days=30)
    assert len(reports) == 2  # the ended quarter and the current one


def test_it_schedules_yearly_reports_for_category_c(operating):
    from assessments.models import Project
    from assessments.services.reports import report_schedule_run

    PerformanceReport.objects.filter(project=operating).delete()
    Project.objects.filter(pk=operating.pk).update(category="C")
    report_schedule_run()
    reports = PerformanceReport.objects.filter(project=operating)
    assert {r.frequency for r in reports} == {"yearly"}
    assert all(r.period_end.month == 12 and r.period_end.day == 31 for r in reports)


def test_it_reminds_then_marks_overdue_once(operating, alice, rita):
    report = ended_report(operating)
    # The fixture ran the job today; replay the report's life from three days before its due date.
    PerformanceReport.objects.filter(pk=report.pk).update(reminded_at=None, overdue_marked_at=None)
    Notification.objects.all().delete()
    services.report_schedule_run(today=report.due_date - dt.timedelta(days=3))
    assert Notification.objects.filter(user=alice, title__contains="is due on").count() == 1
    services.report_schedule_run(today=report.due_date + dt.timedelta(days=1))
    services.report_schedule_run(today=report.due_date + dt.timedelta(days=2))
    report.refresh_from_db()
    assert report.overdue_marked_at is not None
    assert Notification.objects.filter(user=alice, title__contains="overdue").count() == 1
    assert Notification.objects.filter(user=rita, title__contains="overdue").count() == 1
    assert Notification.objects.filter(user=alice, title__contains="is due on").count() == 1


def test_an_overdue_report_lowers_the_rating(operating):
    from assessments.services.rating import rating_recompute

    rating = rating_recompute(organisation=operating.organisation, trigger="test")
    assert "overdue_reports" in {r["code"] for r in rating.reasons}
    assert rating.colour == "yellow"


def test_csv_with_one_bad_row_imports_nothing_and_names_it(operating, alice):
    report = ended_report(operating)
    start = report.period_start
    rows = day_of_hours(start, 90)
    rows[1] = rows[1].replace(",90,", ",ninety,")  # line 3 of the file (the header is line 1)
    with pytest.raises(ServiceError) as caught:
        services.readings_import_csv(report=report, imported_by=alice, file=csv_file(rows))
    assert "Row 3, column “value”" in caught.value.message
    assert any("Row 3, column “value”" in d for d in caught.value.details)
    assert MonitoringReading.objects.filter(report=report).count() == 0


def test_csv_errors_name_every_bad_row_and_column(operating, alice):
    report = ended_report(operating)
    rows = day_of_hours(report.period_start, 90)[:3]
    rows[0] = rows[0].replace("air_emissions", "smoke")
    rows[2] = rows[2].replace(report.period_start.isoformat(), (report.period_end + dt.timedelta(days=1)).isoformat())
    with pytest.raises(ServiceError) as caught:
        services.readings_import_csv(report=report, imported_by=alice, file=csv_file(rows))
    assert any(d.startswith("Row 2, column “medium”") for d in caught.value.details)
    assert any(d.startswith("Row 4, column “sampled_at”") for d in caught.value.details)
    assert not MonitoringReading.objects.exists()


def test_csv_missing_columns_are_named(operating, alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = ended_report(operating)
    bad = SimpleUploadedFile("m.csv", b"point,parameter\nStack 1,SO2\n", content_type="text/csv")
    with pytest.raises(ServiceError, match="missing: medium, sampled_at"):
        services.readings_import_csv(report=report, imported_by=alice, file=bad)


def test_a_good_csv_is_imported(operating, alice):
    report = ended_report(operating)
    n = services.readings_import_csv(
        report=report, imported_by=alice, file=csv_file(day_of_hours(report.period_start, 90))
    )
    assert n == 24
    assert report.readings.count() == 24


def _file_with_exceedance(report, alice, *, incident=True):
    services.readings_import_csv(
        report=report,
        imported_by=alice,
        file=csv_file(
            day_of_hours(report.period_start, 120) + day_of_hours(report.period_start + dt.timedelta(days=1), 80)
        ),
    )
    if incident:
        services.report_incident_add(
            report=report,
            added_by=alice,
            occurred_on=report.period_start + dt.timedelta(days=5),
            kind="spill",
            severity="serious",
            description="Diesel spill at the generator yard.",
            response="Contained with sand; soil removed.",
        )
    complete_items(report, alice)
    return services.report_submit(report=report, submitted_by=alice)


def test_filing_checks_against_the_limits_and_feeds_the_barometer(operating, alice, test_limits):
    report = _file_with_exceedance(ended_report(operating), alice)
    (check,) = report.checks.all()
    assert (check.verdict, check.period, check.windows, check.exceeded_windows) == ("exceeded", "24h", 2, 1)
    assert check.governing_limit == test_limits["kz"]
    assert check.china_limit == test_limits["cn"]
    assert check.stricter == "china" and check.exceeds_china
    assert str(check.exceedance_percent) == "20.0"
    assert Incident.objects.filter(project=operating, severity="serious").count() == 1
    rating = Rating.objects.get(organisation=operating.organisation, current=True)
    codes = {r["code"] for r in rating.reasons}
    assert {"serious_incidents", "some_exceedances"} <= codes
    assert rating.colour == "yellow"
    assert rating.trigger == "report.submitted"


def test_a_filed_report_is_frozen(operating, alice):
    report = _file_with_exceedance(ended_report(operating), alice, incident=False)
    with pytest.raises(ConflictError):
        services.reading_add(
            report=report,
            added_by=alice,
            point="Stack 1",
            parameter="SO2",
            medium="air_emissions",
            sampled_at=report.period_start.isoformat(),
            averaging="1-hour",
            value="1",
            unit="mg/Nm³",
        )


def test_a_report_cannot_be_filed_before_its_period_ends(operating, alice):
    current = PerformanceReport.objects.filter(project=operating).order_by("-period_start").first()
    complete_items(current, alice)
    with pytest.raises(ConflictError, match="file the report after it ends"):
        services.report_submit(report=current, submitted_by=alice)


def test_filing_needs_every_measure_and_condition(operating, alice):
    with pytest.raises(ServiceError, match="missing"):
        services.report_submit(report=ended_report(operating), submitted_by=alice)


def test_a_plain_member_cannot_file(operating, bob):
    report = ended_report(operating)
    with pytest.raises(PermissionDeniedError):
        services.report_submit(report=report, submitted_by=bob)


def test_another_enterprise_cannot_edit(operating, charlie):
    with pytest.raises(PermissionDeniedError):
        services.report_update(report=ended_report(operating), updated_by=charlie, summary="x")


# --- change alerts ---------------------------------------------------------------------------------


def test_amending_a_limit_flags_the_projects_and_reports_that_relied_on_it(operating, alice, rita, eddie, test_limits):
    report = _file_with_exceedance(ended_report(operating), alice, incident=False)
    limit = test_limits["kz"]
    before = knowledge_services.limit_snapshot(limit)
    limit.value = Decimal(80)
    limit.save()
    Notification.objects.all().delete()
    knowledge_services.limit_change_announce(limit=limit, before=before, actor=eddie)
    flag = ChangeFlag.objects.get(project=operating, report=report)
    assert flag.relied_through == "report"
    assert flag.alert.kind == "limit_changed"
    assert flag.alert.changes == [{"field": "value", "before": "100", "after": "80"}]
    for user in (alice, rita):
        notice = Notification.objects.get(user=user)
        assert "relied on it" in notice.title
        assert "100 → 80" in notice.body


def test_a_limit_nobody_relied_on_raises_no_alert(operating, eddie):
    from knowledge.models import Instrument
    from tests.assessments.reports.helpers import _limit

    other = Instrument.objects.create(
        key="unused",
        jurisdiction="PK",
        type="standard",
        title="Unused",
        source_url="https://example.org/u",
        status="published",
    )
    limit = _limit(other, 10)
    before = knowledge_services.limit_snapshot(limit)
    limit.value = Decimal(5)
    limit.save()
    knowledge_services.limit_change_announce(limit=limit, before=before, actor=eddie)
    assert not ChangeFlag.objects.exists()


def test_repealing_an_instrument_in_the_admin_flags_the_project(operating, alice, sam, login, test_limits):
    _file_with_exceedance(ended_report(operating), alice, incident=False)
    from knowledge.models import Instrument

    instrument = test_limits["kz_instrument"]
    client = login(sam)
    url = reverse("admin:knowledge_instrument_change", args=[instrument.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update({"repealed": "2026-06-01", "legal_status": "repealed", "sectors": [], "topics": []})
    # The inline formsets as the page rendered them (management forms and rows unchanged).
    for formset in page.context["inline_admin_formsets"]:
        fs = formset.formset
        for key, value in fs.management_form.initial.items():
            data[f"{fs.prefix}-{key}"] = value
        for i, f in enumerate(fs.forms):
            for name, field in f.fields.items():
                value = f.initial.get(name, field.initial)
                if value is not None:
                    data[f"{fs.prefix}-{i}-{name}"] = getattr(value, "pk", value)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert Instrument.objects.get(pk=instrument.pk).legal_status == "repealed"
    flag = ChangeFlag.objects.get(project=operating)
    assert flag.alert.kind == "repealed"
    assert {"field": "legal_status", "before": "in_force", "after": "repealed"} in flag.alert.changes


# --- pages and API: who sees what --------------------------------------------------------------------


def test_the_enterprise_sees_its_report_page(operating, alice, login):
    report = ended_report(operating)
    response = login(alice).get(reverse("assessments:report-detail", args=[operating.pk, report.pk]))
    assert response.status_code == 200
    assert "Monitored values against the applicable limits" in response.content.decode()


def test_another_enterprises_report_is_a_404(operating, charlie, login):
    report = ended_report(operating)
    client = login(charlie)
    assert client.get(reverse("assessments:report-detail", args=[operating.pk, report.pk])).status_code == 404
    assert client.get(reverse("assessments:report-list", args=[operating.pk])).status_code == 404
    api = reverse("assessments-api:performance-report", args=[operating.pk, report.pk])
    assert client.get(api).status_code == 404


def test_anonymous_is_sent_to_log_in(operating, client):
    report = ended_report(operating)
    response = client.get(reverse("assessments:report-detail", args=[operating.pk, report.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.get(reverse("assessments-api:performance-reports", args=[operating.pk])).status_code in (401, 403)


def test_the_api_lists_and_imports(operating, alice, login):
    report = ended_report(operating)
    client = login(alice)
    listed = client.get(reverse("assessments-api:performance-reports", args=[operating.pk])).json()
    assert [r["id"] for r in listed][-1] == report.pk
    url = reverse("assessments-api:performance-report-import", args=[operating.pk, report.pk])
    rows = day_of_hours(report.period_start, 90)
    rows[4] = rows[4].replace("mg/Nm³", "")
    bad = client.post(url, {"file": csv_file(rows)})
    assert bad.status_code == 400
    assert "Row 6, column “unit”" in bad.json()["detail"]
    good = client.post(url, {"file": csv_file(day_of_hours(report.period_start, 90))})
    assert good.status_code == 201 and good.json() == {"imported": 24}


def test_the_page_import_shows_the_bad_row(operating, alice, login):
    report = ended_report(operating)
    rows = day_of_hours(report.period_start, 90)
    rows[0] = rows[0].replace("T00:00", "T25:00")
    response = login(alice).post(
        reverse("assessments:report-detail", args=[operating.pk, report.pk]),
        {"action": "import", "file": csv_file(rows)},
    )
    assert response.status_code == 400
    assert "Row 2, column “sampled_at”" in response.content.decode()
    assert not MonitoringReading.objects.exists()


def test_the_public_compliance_page(operating, alice, client):
    _file_with_exceedance(ended_report(operating), alice)
    url = reverse("barometer:compliance", args=[operating.organisation_id, operating.reference])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<svg class="chart"') == 1
    assert "The last 12 quarters" in html
    assert ">filed<" in html
    start, _end = previous_quarter()
    assert f"{start.year} Q{(start.month - 1) // 3 + 1}" in html
    # The public page never shows internal notes or raw enum values.
    assert "air_emissions" not in html and "cannot_judge" not in html


def test_the_public_compliance_page_of_a_draft_is_a_404(project, client, acme):
    assert client.get(reverse("barometer:compliance", args=[acme.pk, "GBR-2026-99999"])).status_code == 404


def test_the_compliance_history_query_count_does_not_grow(operating, alice, client, django_assert_max_num_queries):
    _file_with_exceedance(ended_report(operating), alice, incident=False)
    url = reverse("barometer:compliance", args=[operating.organisation_id, operating.reference])
    client.get(url)
    with django_assert_max_num_queries(25):
        assert client.get(url).status_code == 200


def test_evidence_goes_through_the_upload_checks(operating, alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assessments.selectors import reports as sel
    from tests.factories import pdf_bytes

    report = ended_report(operating)
    condition = sel.conditions_for_project(operating).first()
    item = services.report_item_set(
        report=report,
        updated_by=alice,
        status="done",
        condition=condition,
        evidence=SimpleUploadedFile("stack-log.pdf", pdf_bytes(), content_type="application/pdf"),
    )
    version = item.evidence.versions.get()
    assert item.evidence.visibility == "regulators" and len(version.sha256) == 64
    disguised = SimpleUploadedFile("log.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")
    with pytest.raises(ServiceError):
        services.report_item_set(
            report=report, updated_by=alice, status="done", condition=condition, evidence=disguised
        )


def test_it_refuses_what_does_not_add_up(operating, alice):
    report = ended_report(operating)
    with pytest.raises(ServiceError, match="More grievances resolved than received"):
        services.report_update(report=report, updated_by=alice, grievances_received=1, grievances_resolved=2)
    with pytest.raises(ServiceError, match="fall in the report period"):
        services.report_incident_add(
            report=report,
            added_by=alice,
            occurred_on=report.period_end + dt.timedelta(days=1),
            kind="spill",
            severity="minor",
            description="x",
            response="y",
        )
    with pytest.raises(ServiceError, match="Choose the severity"):
        services.report_incident_add(
            report=report,
            added_by=alice,
            occurred_on=report.period_start,
            kind="spill",
            severity="catastrophic",
            description="x",
            response="y",
        )


def test_the_sitemap_lists_the_compliance_page(operating, client):
    body = client.get("/sitemap.xml").content.decode()
    assert reverse("barometer:compliance", args=[operating.organisation_id, operating.reference]) in body
