"""Malformed but authenticated input gets a 400 with a message a person understands, never a 500,
and changes nothing (reproductions from issue 9)."""

import json

import pytest
from rest_framework.test import APIClient

from assessments.models import Project

SITE = {"type": "Polygon", "coordinates": [[[71.0, 50.5], [71.05, 50.5], [71.05, 50.53], [71.0, 50.53], [71.0, 50.5]]]}


@pytest.fixture
def api(alice):
    client = APIClient()
    client.force_authenticate(alice)
    return client


@pytest.fixture
def sited(api, project):
    assert api.put(f"/api/v1/projects/{project.pk}/site/", {"geometry": SITE}, format="json").status_code == 200
    return project


@pytest.mark.django_db
def test_a_project_id_that_is_not_a_number_is_404(api, project):
    assert api.patch("/api/v1/projects/abc/", {"name": "x"}, format="json").status_code == 404


@pytest.mark.django_db
def test_removing_the_host_country_of_a_sited_project_is_refused(api, sited):
    answer = api.patch(f"/api/v1/projects/{sited.pk}/", {"host_country": None}, format="json")
    assert answer.status_code == 400
    assert "host country" in answer.json()["detail"]
    sited.refresh_from_db()
    assert sited.host_country is not None and sited.site is not None


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity"])
def test_answers_that_are_not_numbers_are_refused(api, project, raw):
    body = '{"answers": {"displaced_persons": ' + raw + "}}"
    answer = api.put(f"/api/v1/projects/{project.pk}/answers/", body, content_type="application/json")
    assert answer.status_code == 400
    assert "not a JSON number" in answer.json()["detail"]
    project.refresh_from_db()
    assert project.answers == {}


@pytest.mark.django_db
def test_a_point_with_an_altitude_is_accepted(api, project):
    answer = api.put(
        f"/api/v1/projects/{project.pk}/site/",
        {"geometry": {"type": "Point", "coordinates": [71.02, 50.51, 350]}},
        format="json",
    )
    assert answer.status_code == 200
    assert answer.json()["site"]["coordinates"] == [71.02, 50.51]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "words"),
    [
        ({"geometry": {"type": "LineString", "coordinates": [[71.0, 50.5]]}}, "cannot be read"),
        ({"geometry": {"type": "FeatureCollection", "features": 5}}, "must be a list"),
        (
            {
                "kml": "<kml><Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>71,50 71.1,50"
                "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>"
            },
            "polygon 4",
        ),
    ],
    ids=["one-point line", "features is a number", "KML polygon of two points"],
)
def test_unreadable_sites_are_refused_with_a_reason(api, project, payload, words):
    answer = api.put(f"/api/v1/projects/{project.pk}/site/", payload, format="json")
    assert answer.status_code == 400, answer.content
    assert words in answer.json()["detail"]
    project.refresh_from_db()
    assert project.site is None


@pytest.mark.django_db
def test_json_nested_fifty_thousand_levels_is_refused(api, project):
    body = '{"name": ' + "[" * 50_000 + "]" * 50_000 + "}"
    answer = api.patch(f"/api/v1/projects/{project.pk}/", body, content_type="application/json")
    assert answer.status_code == 400
    assert "nested deeper" in answer.json()["detail"]
    assert Project.objects.get(pk=project.pk).name == "Steppe Solar 20 MW"


@pytest.mark.django_db
def test_a_body_that_is_not_an_object_is_refused(api):
    answer = api.post("/api/v1/projects/", json.dumps([1, 2, 3]), content_type="application/json")
    assert answer.status_code == 400
