"""A user finds their way on the site map: provinces and towns are drawn from the shipped
layers, a search finds a city and jumps there, typed coordinates place the point, and the next
step is one click. In English and in Arabic (right to left), axe-core clean."""

import pytest
from playwright.sync_api import expect

from assessments.loader import load_catalogue, load_ruleset
from assessments.services import project_create
from knowledge.choices import PublicationStatus
from knowledge.models import Country
from tests.e2e.conftest import ARTIFACTS
from tests.factories import PASSWORD


@pytest.fixture
def kz_project(db, acme, alice):
    kz = Country.objects.create(iso2="KZ", name="Kazakhstan", status=PublicationStatus.PUBLISHED, region="Central Asia")
    load_ruleset()
    load_catalogue()
    return project_create(organisation=acme, created_by=alice, name="Steppe Solar", host_country=kz, sector="solar")


@pytest.mark.django_db(transaction=True)
def test_a_user_finds_a_town_types_coordinates_and_goes_on(page, browser_login, kz_project, alice, assert_accessible):
    browser_login(alice.email, PASSWORD)
    page.goto(f"/workspace/projects/{kz_project.pk}/site/")
    expect(page.locator(".place-label").first).to_be_visible()
    page.get_by_label("Find a place").fill("Караганд")
    page.get_by_role("button", name="Karagandy").first.click()
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Karagandy")
    page.get_by_label("Latitude").fill("49.8")
    page.get_by_label("Longitude").fill("73.1")
    page.get_by_label("Longitude").blur()
    assert '"Point"' in page.locator("#id_geojson").input_value()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site_map_en.png"), full_page=True)
    page.get_by_role("button", name="Save and screen the site").click()
    expect(page.locator(".messages")).to_contain_text("Site saved")
    assert_accessible(page)
    page.get_by_role("link", name="Next step: answer the screening questions").click()
    page.wait_for_url("**/questionnaire/")

    page.goto(f"/workspace/projects/{kz_project.pk}/site/")
    page.get_by_role("button", name="العربيّة").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.locator("#place-search").fill("قراغندا")
    page.locator("#place-search").press("Enter")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Karagandy")
    page.screenshot(path=str(ARTIFACTS / "site_map_ar.png"), full_page=True)
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_the_map_shows_provinces_at_country_scale(page, browser_login, kz_project, alice):
    browser_login(alice.email, PASSWORD)
    page.goto(f"/workspace/projects/{kz_project.pk}/site/")
    page.get_by_role("button", name="Zoom in").click()
    expect(page.locator(".admin1-label", has_text="Akmola")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "site_map_country_en.png"), full_page=False)
