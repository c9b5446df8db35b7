"""An enterprise files a quarterly performance report with an exceedance (CSV import) and an
incident; the lead reviewer records findings and concludes the review; the barometer turns
yellow and the public enterprise page gives the reasons; the public compliance page shows the
quarter and its chart, in English and in Arabic. axe-core is clean on every page."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import PerformanceReport, Rating

# The assessment tests' fixtures, imported so pytest finds them here too.
from tests.assessments.conftest import complete_project, kazakhstan, project, rules, submitted  # noqa: F401
from tests.assessments.reports.conftest import operating, test_limits  # noqa: F401
from tests.assessments.reports.helpers import day_of_hours, ended_report
from tests.e2e.conftest import ARTIFACTS
from tests.factories import PASSWORD


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"performance_{name}.png"), full_page=True)


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_file_a_report_review_it_and_see_the_barometer_turn_yellow(
    page,
    browser_login,
    operating,  # noqa: F811 - the imported fixture
    alice,
    rita,
    assert_accessible,
    tmp_path,  # noqa: F811
):
    report = ended_report(operating)
    csv = tmp_path / "monitoring.csv"
    header = "point,parameter,medium,sampled_at,averaging,value,unit,conditions"
    second_day = report.period_start + dt.timedelta(days=1)
    rows = day_of_hours(report.period_start, 120) + day_of_hours(second_day, 80)
    csv.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")

    # The enterprise: schedule → the ended quarter's report.
    browser_login(alice.email, PASSWORD)
    page.goto(f"/workspace/projects/{operating.pk}/reports/")
    expect(page.locator("table")).to_contain_text(report.label)
    assert_accessible(page)
    page.get_by_role("link", name=report.label).click()
    expect(page.locator("h2").first).to_contain_text(report.label)
    assert_accessible(page)

    # Monitoring data from CSV, then the automatic check finds the exceedance.
    page.get_by_label("Import a CSV file").set_input_files(str(csv))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("[role=status]")).to_contain_text("48 readings imported")
    page.get_by_role("button", name="Check the readings now").click()
    expect(page.locator("table.checks")).to_contain_text("Limit exceeded")
    expect(page.locator("table.checks")).to_contain_text("1 of 2 periods; up to 20% above")

    # An incident of the period.
    page.get_by_text("Report an incident").click()
    page.get_by_label("Date").fill((report.period_start + dt.timedelta(days=10)).isoformat())
    page.get_by_label("Kind").select_option("spill")
    page.get_by_label("Severity").select_option("serious")
    page.get_by_label("What happened").fill("Diesel spill at the generator yard.")
    page.get_by_label("How the enterprise responded").fill("Contained with sand; soil removed and treated.")
    page.get_by_role("button", name="Add the incident").click()
    expect(page.locator("#incidents-h + p")).to_contain_text("Diesel spill")

    # Every condition and measure: its status in the period.
    forms = page.locator("form.inline")
    for i in range(forms.count()):
        page.locator("form.inline").nth(i).locator("button[type=submit]").click()
        page.wait_for_load_state()
    expect(page.locator(".item-status").first).not_to_contain_text("status not given yet")

    page.get_by_label("Grievances received in the period").fill("3")
    page.get_by_label("Grievances resolved in the period").fill("2")
    page.get_by_role("button", name="Save", exact=True).last.click()
    assert_accessible(page)
    shot(page, "1_report_before_filing")
    page.get_by_role("button", name="File this report").click()
    expect(page.locator("p.report-status")).to_contain_text("Filed")
    assert PerformanceReport.objects.get(pk=report.pk).status == "submitted"
    log_out(page)

    # The lead reviewer: the queue → the report → findings and a follow-up action → conclude.
    browser_login(rita.email, PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Review").click()
    page.get_by_role("navigation", name="Review areas").get_by_role("link", name="Performance review").click()
    expect(page.locator("table")).to_contain_text(operating.name)
    assert_accessible(page)
    page.get_by_role("link", name=operating.name).click()
    expect(page.locator("table.checks")).to_contain_text("Limit exceeded")
    for select in page.locator("select[name^='condition-'], select[name^='measure-']").all():
        select.select_option("partly")
    page.locator("input[name='action-0']").fill("Install a second SO2 analyser.")
    page.locator("input[name='due-0']").fill((timezone.localdate() + dt.timedelta(days=45)).isoformat())
    page.get_by_role("button", name="Save the findings").click()
    assert_accessible(page)
    page.get_by_role("button", name="Conclude the review").click()
    expect(page.locator("#find-h + p")).to_contain_text("Score")
    assert_accessible(page)
    shot(page, "2_review_concluded")
    log_out(page)

    # The public: the enterprise page shows yellow and why.
    rating = Rating.objects.get(organisation=operating.organisation, current=True)
    assert rating.colour == "yellow"
    page.goto(f"/enterprises/{operating.organisation_id}/")
    expect(page.locator(".rating").first).to_have_text("Yellow")
    body = page.locator("main")
    expect(body).to_contain_text("1 serious incident not yet corrected.")
    expect(body).to_contain_text("1 exceedance of a limit.")
    expect(body).to_contain_text("Performance review score")
    assert_accessible(page)
    shot(page, "3_enterprise_yellow")

    # The public compliance page: the quarter filed, its exceedance and incident, the chart.
    page.get_by_role("link", name=operating.name).click()
    history = page.locator("table.history")
    expect(history.locator("tr", has_text=report.label)).to_contain_text("filed")
    expect(page.locator("svg.chart")).to_have_count(1)
    expect(page.locator("svg.chart title").first).to_contain_text("SO2")
    assert_accessible(page)
    shot(page, "4_compliance")
    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": page.url}])
    page.reload()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)
    shot(page, "5_compliance_ar")
