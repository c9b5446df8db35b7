"""A regulator opens a blacklist case against an enterprise with evidence; the enterprise reads
the notice and responds; the lead reviewer lists it with reasons; the public blacklist shows the
entry and the financial institution's credit API says the enterprise is blacklisted. axe-core is
clean on the public blacklist and on both sides of the case."""

import pytest
from playwright.sync_api import expect
from rest_framework.test import APIClient

from assessments.models import BlacklistCase

# The assessment tests' fixtures, imported so pytest finds them here too.
from tests.assessments.conftest import complete_project, kazakhstan, project, rules, submitted  # noqa: F401
from tests.e2e.conftest import ARTIFACTS
from tests.factories import PASSWORD


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"blacklist_{name}.png"), full_page=True)


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_open_a_case_respond_list_and_see_it_public_and_in_the_credit_api(
    page,
    browser_login,
    submitted,  # noqa: F811 - the imported fixture: Acme's project in Rita's jurisdiction
    acme,
    alice,
    rita,
    fiona,
    assert_accessible,
):
    # The regulator opens the case.
    browser_login(rita.email, PASSWORD)
    page.goto("/review/blacklist/")
    page.get_by_label("Enterprise").select_option(label=acme.name)
    page.get_by_label("Ground").select_option("falsified_data")
    page.get_by_label("Evidence").fill("Monitoring data for Q2 copied from Q1, line for line.")
    page.get_by_role("button", name="Open the case and notify the enterprise").click()
    expect(page.locator("h1")).to_contain_text(acme.name)
    assert_accessible(page)
    shot(page, "1_opened")
    case = BlacklistCase.objects.get(organisation=acme)
    log_out(page)

    # The enterprise reads the notice and responds.
    browser_login(alice.email, PASSWORD)
    page.goto(f"/workspace/blacklist/{case.pk}/")
    expect(page.locator("body")).to_contain_text("copied from Q1")
    page.get_by_label("Your response").fill("A template error; the raw logger files are attached to the report.")
    page.get_by_role("button", name="Send response").click()
    expect(page.locator("body")).to_contain_text("A template error")
    assert_accessible(page)
    shot(page, "2_responded")
    log_out(page)

    # The lead reviewer lists the enterprise with reasons.
    browser_login(rita.email, PASSWORD)
    page.goto(f"/review/blacklist/{case.pk}/")
    expect(page.locator("body")).to_contain_text("A template error")
    page.get_by_label("Reasons").fill("The logger files do not match the reported values either.")
    page.get_by_label("Listed until").fill("2028-12-31")
    page.get_by_role("button", name="List the enterprise").click()
    expect(page.locator("body")).to_contain_text("do not match the reported values")
    shot(page, "3_listed")
    log_out(page)

    # The public blacklist shows the entry, with its ground and dates.
    page.goto("/blacklist/")
    expect(page.locator("main")).to_contain_text(acme.name)
    expect(page.locator("main")).to_contain_text("2028-12-31")
    assert_accessible(page)
    shot(page, "4_public")

    # The bank's credit API says so.
    api = APIClient()
    api.force_authenticate(fiona)
    profile = api.get(f"/api/v1/credit/enterprises/{acme.registration_number}/").json()
    assert profile["blacklisted"] is True
    assert profile["blacklist_history"][0]["ground"] == "falsified_data"
