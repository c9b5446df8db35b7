"""An enterprise user drafts a project, draws its site, answers the questionnaire, sees the
category and factors, answers the risk and control lists, uploads an EIA report and submits."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfWriter

from assessments.loader import load_catalogue, load_ruleset
from knowledge.choices import PublicationStatus
from knowledge.models import Country, CountryRisk
from tests.e2e.conftest import ARTIFACTS
from tests.factories import PASSWORD


@pytest.fixture
def setup(db):
    kz = Country.objects.create(iso2="KZ", name="Kazakhstan", status=PublicationStatus.PUBLISHED, region="Central Asia")
    CountryRisk.objects.create(country=kz, dimension="water", level="high", justification="Withdrawals are high.")
    load_ruleset()
    load_catalogue()


def _pdf(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "EIA report.pdf"
    buf = io.BytesIO()
    writer.write(buf)
    path.write_bytes(buf.getvalue())
    return path


@pytest.mark.django_db(transaction=True)
def test_an_enterprise_drafts_screens_answers_uploads_and_submits(
    page, browser_login, setup, alice, tmp_path, assert_accessible
):
    browser_login(alice.email, PASSWORD)

    page.get_by_role("link", name="Projects").first.click()
    page.get_by_role("link", name="Register a new project").click()
    page.locator("#id_name").fill("Karaganda Solar Park")
    page.locator("#id_host_country").select_option(label="Kazakhstan")
    page.locator("#id_sector").select_option("solar")
    page.locator("#id_capacity").fill("40")
    page.locator("#id_capacity_unit").select_option("MW")
    page.locator("#id_investment").fill("36000000")
    page.locator("#id_currency").select_option("USD")
    page.locator("#id_construction_start").fill("2027-04-01")
    page.locator("#id_operation_start").fill("2028-03-01")
    page.locator("#id_description").fill("A 40 MW photovoltaic park on degraded steppe.")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/site/")

    # Draw a polygon: four clicks around the middle of the map (the map is fitted to Kazakhstan).
    page.get_by_role("button", name="Polygon").click()
    page.locator("#site-map").scroll_into_view_if_needed()
    box = page.locator("#site-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for dx, dy in [(0, 0), (6, 0), (6, 5), (0, 5)]:
        page.mouse.click(cx + dx, cy + dy)
    assert '"Polygon"' in page.locator("#id_geojson").input_value()
    page.get_by_role("button", name="Save and screen the site").click()
    expect(page.locator(".messages")).to_contain_text("Site saved")
    assert_accessible(page)

    page.get_by_role("link", name="Questionnaire").click()
    for fieldset in page.locator("fieldset").all():
        radio = fieldset.get_by_label("No", exact=True)
        if radio.count():
            radio.check()
    for number in page.locator("input[type=number]").all():
        number.fill("0")
    page.get_by_role("button", name="Save answers").click()
    page.wait_for_url("**/screening/")
    page.get_by_role("button", name="Run the screening").click()
    expect(page.locator(".category-big")).to_contain_text("Category C")
    expect(page.locator("table")).to_contain_text("Solar farms generate renewable electricity")
    assert_accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "project_screening_result.png"), full_page=True)

    page.get_by_role("link", name="Risks and measures").click()
    expect(page.locator("table.risks")).to_be_visible()
    # One form answers every measure: an alternative for the first, the rest accepted at once.
    first = page.locator("fieldset.measure").first
    first.get_by_label("Propose an alternative").check()
    first.locator("summary", has_text="Alternative and reason").click()
    first.locator("textarea[name$=alternative]").fill("Robotic dry cleaning of panels")
    first.locator("textarea[name$=reason]").fill("No fresh water on the site")
    first.locator("input[name$=owner]").fill("HSE manager")
    page.get_by_role("button", name="Accept all proposed measures still awaiting an answer").click()
    expect(page.locator(".messages")).to_contain_text("answers saved")
    expect(page.locator("body")).not_to_contain_text("await your answer.")
    expect(page.locator("body")).to_contain_text("Robotic dry cleaning of panels")
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / "project_risk_and_measure_lists.png"), full_page=True)

    page.get_by_role("link", name="Documents").first.click()
    page.locator("#id_kind").select_option("eia_report")
    page.locator("#id_file").set_input_files(str(_pdf(tmp_path)))
    page.get_by_role("button", name="Upload").last.click()
    expect(page.locator(".messages")).to_contain_text("Uploaded EIA report.pdf (version 1)")
    assert_accessible(page)

    page.get_by_role("link", name="Karaganda Solar Park").first.click()
    expect(page.locator("body")).to_contain_text("Everything needed for this category is here.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("Submitted for review")
    expect(page.locator(".project-head")).to_contain_text("Submitted")
