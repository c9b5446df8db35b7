"""Text caps and clean names in the workspace (issue 9, "Also"): a 9.5 MB description made
every project list 9 MB; names could carry bidi controls and zero-width characters."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from assessments.models import Project

HUGE = "x" * (9_500_000)


@pytest.mark.django_db
def test_the_page_refuses_a_9_mb_description_with_a_clear_message(alice, login, kazakhstan):
    response = login(alice).post(
        reverse("assessments:project-create"),
        {"name": "Huge", "host_country": kazakhstan.pk, "sector": "solar", "description": HUGE},
    )
    assert response.status_code in (200, 400)
    assert "Ensure this value has at most 20000 characters" in response.content.decode()
    assert not Project.objects.filter(name="Huge").exists()


@pytest.mark.django_db
def test_the_api_refuses_a_9_mb_description_with_a_clear_message(alice, kazakhstan):
    api = APIClient()
    api.force_authenticate(alice)
    response = api.post(
        "/api/v1/projects/",
        {"name": "Huge", "host_country": "KZ", "sector": "solar", "description": HUGE},
        format="json",
    )
    assert response.status_code == 400
    assert "no more than 20000 characters" in response.json()["description"][0]
    assert not Project.objects.filter(name="Huge").exists()


@pytest.mark.django_db
def test_project_names_lose_bidi_controls_and_zero_width_characters(alice, kazakhstan):
    api = APIClient()
    api.force_authenticate(alice)
    response = api.post(
        "/api/v1/projects/",
        {"name": "Steppe\u200b Solar\u202e RTL", "host_country": "KZ", "sector": "solar"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["name"] == "Steppe Solar RTL"
    patched = api.patch(f"/api/v1/projects/{response.json()['id']}/", {"name": "\u2066Renamed\u2069"}, format="json")
    assert patched.json()["name"] == "Renamed"


@pytest.mark.django_db
def test_document_titles_are_clean(alice, login, project):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assessments.services import document_upload
    from tests.assessments.test_access import pdf_bytes

    pdf = SimpleUploadedFile("report.pdf", pdf_bytes(), "application/pdf")
    version = document_upload(
        project=project, uploaded_by=alice, file=pdf, kind="eia_report", title="EIA\u202e fdp.exe"
    )
    assert version.document.title == "EIA fdp.exe"
