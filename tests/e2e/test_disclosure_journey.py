"""A member of the public finds a project on the register (list and map), reads it, comments
and confirms by the emailed link; the regulator publishes the comment, the enterprise answers;
the public sees both and downloads the disclosure PDF. axe-core is clean on the register and
the project page in English and in Arabic; screenshots go to tests/artifacts."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from assessments import services
from assessments.services import disclosure as ds
from assessments.services import review as rs

# The assessment tests' fixtures, imported so pytest finds them here too.
from tests.assessments.conftest import complete_project, kazakhstan, project, rules  # noqa: F401
from tests.e2e.conftest import ARTIFACTS
from tests.factories import PASSWORD


@pytest.fixture
def consulting_live(project, alice, rita):  # noqa: F811 - the imported fixture
    complete_project(project, alice)
    submitted = services.project_submit(project=project, submitted_by=alice)
    rs.review_change_category(project=submitted, changed_by=rita, category="B", reason="Grazing land of two villages.")
    ds.consultation_open(project=submitted, opened_by=rita)
    submitted.refresh_from_db()
    return submitted


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"disclosure_{name}.png"), full_page=True)


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


@pytest.mark.django_db(transaction=True)
def test_public_comments_regulator_publishes_enterprise_answers_public_reads_and_downloads(
    page, browser_login, consulting_live, alice, rita, assert_accessible
):
    project = consulting_live  # noqa: F811 - the consulting project, not the fixture
    mail.outbox.clear()

    # The public: the register, its map, the project page.
    page.goto("/disclosure/?window=open")
    expect(page.locator("table.register")).to_contain_text(project.reference)
    marker = page.locator("#register-map path.leaflet-interactive").first
    expect(marker).to_be_visible()
    assert_accessible(page)
    shot(page, "1_register")
    marker.click()  # the map's popup names the project and links its page
    popup = page.locator(".leaflet-popup-content a")
    expect(popup).to_contain_text(project.reference)
    popup.click()
    expect(page.locator(".window-status")).to_contain_text("Comments are open.")
    assert_accessible(page)
    page.get_by_label("Your name").fill("Aigerim")
    page.get_by_label("Organisation (optional)").fill("Steppe Herders Union")
    page.get_by_label("Email").fill("aigerim@public.test")
    page.get_by_label("Your comment").fill("Keep the livestock track to the river open in spring.")
    page.get_by_role("button", name="Send the comment").click()
    expect(page.locator("h1")).to_have_text("Comment received")
    link = re.search(r"https?://\S+/disclosure/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link[link.index("/disclosure/") :])
    page.get_by_role("button", name="Confirm my comment").click()
    expect(page.locator("main")).to_contain_text("Your comment is confirmed")

    # The regulator publishes it.
    browser_login(rita.email, PASSWORD)
    page.goto("/review/moderation/")
    expect(page.locator("main")).to_contain_text("Keep the livestock track")
    assert_accessible(page)
    shot(page, "2_moderation")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("Comment published")
    log_out(page)

    # The enterprise answers it.
    browser_login(alice.email, PASSWORD)
    page.goto(f"/workspace/projects/{project.pk}/comments/")
    assert_accessible(page)
    shot(page, "3_enterprise_answers")
    page.get_by_label("Partly adopted").check()
    page.get_by_label("Reason").fill("A 30 m livestock corridor stays open along the track.")
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.locator(".messages")).to_contain_text("Answer published")
    log_out(page)

    # The public sees both, side by side, and downloads the PDF.
    page.goto(f"/disclosure/{project.reference}/")
    pair = page.locator("article.comment-pair").first
    expect(pair).to_contain_text("Keep the livestock track")
    expect(pair).to_contain_text("Partly adopted")
    expect(pair).to_contain_text("A 30 m livestock corridor")
    expect(page.locator("main")).not_to_contain_text("aigerim@public.test")
    assert_accessible(page)
    shot(page, "4_project_en")
    response = page.request.get(f"/disclosure/{project.reference}/disclosure.pdf")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"

    # Arabic, right to left: the register and the project page.
    page.locator(".lang-switch button[value='ar']").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)
    shot(page, "5_project_ar")
    page.goto("/disclosure/")
    expect(page.locator("table.register")).to_contain_text(project.reference)
    assert_accessible(page)
    shot(page, "6_register_ar")
