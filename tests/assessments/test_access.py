"""Isolation from the outside: another enterprise gets 404 for everything of Acme's, by id,
on pages and API; a plain member drafts but cannot submit; API clients cannot set status,
category or organisation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from assessments.models import Project
from assessments.services import document_upload, project_set_site
from tests.assessments.conftest import KZ_POINT
from tests.factories import pdf_bytes


@pytest.fixture
def document(project, alice):
    return document_upload(
        project=project,
        uploaded_by=alice,
        kind="eia_report",
        title="EIA",
        file=SimpleUploadedFile("eia.pdf", pdf_bytes(), content_type="application/pdf"),
    )


def project_urls(project):
    names = [
        "project-detail",
        "project-edit",
        "project-site",
        "project-questionnaire",
        "project-screening",
        "project-risks",
        "project-design",
        "project-documents",
    ]
    return [reverse(f"assessments:{n}", args=[project.pk]) for n in names]


@pytest.mark.django_db
def test_another_enterprise_gets_404_on_every_project_page(login, charlie, project):
    client = login(charlie)
    for url in project_urls(project):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("assessments:project-submit", args=[project.pk])).status_code == 404
    assert client.post(reverse("assessments:project-edit", args=[project.pk]), {"name": "Hijacked"}).status_code == 404
    project.refresh_from_db()
    assert project.name == "Steppe Solar 20 MW"


@pytest.mark.django_db
def test_another_enterprise_cannot_download_a_document_by_id(login, charlie, alice, project, document):
    url = reverse("assessments:document-download", args=[project.pk, document.pk])
    assert login(alice).get(url).status_code == 200
    assert login(charlie).get(url).status_code == 404
    api = APIClient()
    api.force_authenticate(charlie)
    assert api.get(f"/api/v1/projects/{project.pk}/documents/{document.pk}/download/").status_code == 404
    assert api.get(f"/api/v1/projects/{project.pk}/documents/").status_code == 404


@pytest.mark.django_db
def test_another_enterprise_gets_404_on_the_api(charlie, project):
    api = APIClient()
    api.force_authenticate(charlie)
    assert api.get("/api/v1/projects/").json()["results"] == []
    for suffix in ["", "screening/", "risks/", "measures/"]:
        assert api.get(f"/api/v1/projects/{project.pk}/{suffix}").status_code == 404, suffix
    assert api.patch(f"/api/v1/projects/{project.pk}/", {"name": "x"}, format="json").status_code == 404
    assert api.put(f"/api/v1/projects/{project.pk}/site/", {"geometry": KZ_POINT}, format="json").status_code == 404
    assert api.post(f"/api/v1/projects/{project.pk}/submit/").status_code == 404


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login_or_refused(client, project):
    for url in [reverse("assessments:project-list"), *project_urls(project)]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert APIClient().get("/api/v1/projects/").status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["rita", "nadia", "fiona"])
def test_other_roles_cannot_open_the_project_workspace(login, persona, request, project):
    client = login(request.getfixturevalue(persona))
    assert client.get(reverse("assessments:project-list")).status_code == 403
    assert client.get(reverse("assessments:project-detail", args=[project.pk])).status_code in (403, 404)


@pytest.mark.django_db
def test_a_member_drafts_but_cannot_submit(login, bob, project):
    client = login(bob)
    response = client.post(
        reverse("assessments:project-site", args=[project.pk]),
        {"geojson": '{"type": "Point", "coordinates": [71.0, 50.5]}'},
    )
    assert response.status_code == 302
    response = client.post(reverse("assessments:project-submit", args=[project.pk]))
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.status == "draft"
    api = APIClient()
    api.force_authenticate(bob)
    assert api.post(f"/api/v1/projects/{project.pk}/submit/").status_code == 403


@pytest.mark.django_db
def test_an_api_client_cannot_set_status_category_or_organisation(alice, globex, kazakhstan):
    api = APIClient()
    api.force_authenticate(alice)
    response = api.post(
        "/api/v1/projects/",
        {"name": "Sneaky", "status": "approved", "category": "C", "organisation": globex.pk},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"status", "category", "organisation"}
    assert "cannot be set by a client" in body["status"][0]
    assert not Project.objects.filter(name="Sneaky").exists()
    created = api.post("/api/v1/projects/", {"name": "Honest", "host_country": "KZ", "sector": "solar"}, format="json")
    assert created.status_code == 201
    assert created.json()["status"] == "draft" and created.json()["organisation"] == "Acme Overseas Power"
    patched = api.patch(f"/api/v1/projects/{created.json()['id']}/", {"status": "approved"}, format="json")
    assert patched.status_code == 400
    assert Project.objects.get(name="Honest").status == "draft"


@pytest.mark.django_db
def test_the_api_lists_and_filters_own_projects(alice, project):
    project_set_site(
        project=project, site_text='{"type": "Point", "coordinates": [71.0, 50.5]}', fmt="geojson", updated_by=alice
    )
    api = APIClient()
    api.force_authenticate(alice)
    assert [p["name"] for p in api.get("/api/v1/projects/?sector=solar").json()["results"]] == ["Steppe Solar 20 MW"]
    assert api.get("/api/v1/projects/?sector=mining").json()["results"] == []
    assert api.get("/api/v1/projects/?status=nonsense").status_code == 400


@pytest.mark.django_db
def test_project_lists_do_not_grow_queries_with_rows(
    login, alice, acme, kazakhstan, rules, django_assert_max_num_queries
):
    from assessments.services import project_create

    client = login(alice)
    project_create(organisation=acme, created_by=alice, name="P0", host_country=kazakhstan, sector="solar")
    for url in [reverse("assessments:project-list"), reverse("portal:dashboard"), "/api/v1/projects/"]:
        with django_assert_max_num_queries(50) as ctx:
            client.get(url)
        few = len(ctx.captured_queries)
        for i in range(1, 8):
            project_create(
                organisation=acme, created_by=alice, name=f"P{url}{i}", host_country=kazakhstan, sector="solar"
            )
        with django_assert_max_num_queries(few):
            assert client.get(url).status_code == 200
