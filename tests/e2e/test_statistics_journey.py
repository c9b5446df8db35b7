"""A reader opens /statistics/ from the footer, reads the charts and tables, downloads a CSV,
then switches to Arabic: the page mirrors right to left and axe-core is clean in both."""

import csv
import io

import pytest
from playwright.sync_api import expect

# The statistics tests' fixtures, imported so pytest finds them here too.
from tests.assessments.test_statistics import countries, periods, portfolio  # noqa: F401
from tests.e2e.conftest import ARTIFACTS


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"statistics_{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_a_reader_reads_the_statistics_in_english_and_arabic(page, portfolio, assert_accessible):  # noqa: F811
    page.goto("/")
    page.locator("footer").get_by_role("link", name="Statistics").click()
    expect(page.locator("h1")).to_have_text("Statistics")
    expect(page.get_by_role("img", name="Projects by host country")).to_be_visible()
    table = page.get_by_role("table", name="Data table: Projects by host country")
    expect(table.get_by_role("row", name="Kazakhstan 4")).to_be_visible()
    expect(page.get_by_text("Drafts are the enterprise's own unfinished work")).to_be_visible()
    assert_accessible(page)
    shot(page, "1_en")

    with page.expect_download() as info:
        page.get_by_role("link", name="Download “Projects by host country” as CSV").click()
    rows = list(csv.reader(io.StringIO(open(info.value.path(), encoding="utf-8-sig").read())))  # noqa: PTH123, SIM115
    assert rows == [["Host country", "Projects"], ["Kazakhstan", "4"], ["Pakistan", "2"]]

    page.get_by_role("button", name="العربيّة").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("svg.stat-chart").first).to_have_attribute("direction", "rtl")
    expect(page.get_by_text("باكستان").first).to_be_visible()
    assert_accessible(page)
    # The bars grow from the right: a bar's right edge is at the chart's right padding.
    box = page.locator("#country svg rect").first.bounding_box()
    svg = page.locator("#country svg").bounding_box()
    assert box["x"] + box["width"] > svg["x"] + svg["width"] * 0.9
    shot(page, "2_ar")
