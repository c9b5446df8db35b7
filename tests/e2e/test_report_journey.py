"""The project page follows a report's state live: queued when the page loads, ready (with
its download link) a moment after a worker finishes, without the page reloading."""

import pytest
from playwright.sync_api import expect

from assessments import services
from assessments.selectors.report import KIND
from knowledge.choices import PublicationStatus
from knowledge.models import Country
from portal.artefacts import artefact_render, artefact_request
from portal.models import Artefact
from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_the_project_page_shows_the_report_becoming_ready_without_reloading(
    page, browser_login, assert_accessible, alice, settings, tmp_path, not_eager
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ARTEFACT_RENDER_QUEUE = "render-e2e-nobody-listens"
    kz = Country.objects.create(iso2="KZ", name="Kazakhstan", status=PublicationStatus.PUBLISHED)
    project = services.project_create(
        organisation=alice.memberships.get().organisation,
        created_by=alice,
        name="Steppe Solar",
        host_country=kz,
        sector="solar",
    )
    artefact = artefact_request(kind=KIND, subject=project, language="en", requested_by=alice)
    assert Artefact.objects.get(pk=artefact.pk).state == "queued"  # the broker has it; no worker

    browser_login(alice.email, PASSWORD)
    page.goto(f"/workspace/projects/{project.pk}/")
    rows = page.locator("[data-report-rows] tr")
    expect(rows.first).to_have_attribute("data-state", "queued")
    page.evaluate("() => { window.__sameDocument = true; }")

    artefact_render(artefact_id=artefact.pk)  # what the worker does

    expect(rows.first).to_have_attribute("data-state", "ready", timeout=20000)
    expect(page.locator("#report [data-report-status]")).to_have_text("The report is ready.")
    link = page.locator("#report").get_by_role("link", name="Download")
    expect(link).to_have_attribute("href", f"/workspace/projects/{project.pk}/report/{artefact.pk}/download/")
    assert page.evaluate("() => window.__sameDocument === true")  # no reload happened
    assert_accessible(page)
