"""The review API by role and jurisdiction (``/api/v1/review/…``) and the enterprise's side
(``/api/v1/projects/<id>/review/``): 404 out of jurisdiction, 403 to a plain reviewer on decide
and to enterprises on the regulator's API, 409 on a second decision, never an internal note
for the enterprise."""

import datetime as dt
import json

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from assessments.models import Decision
from assessments.services import review as review_services

SECRET = "Internal: check the consultant licence before deciding."


@pytest.fixture
def api():
    def _api(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return _api


def post(client, path, data=None):
    return client.post(path, json.dumps(data or {}), content_type="application/json")


@pytest.mark.django_db
def test_the_queue_by_role(api, submitted, rita, pat, alice):
    assert api().get("/api/v1/review/queue/").status_code == 401
    assert api(alice).get("/api/v1/review/queue/").status_code == 403
    assert api(pat).get("/api/v1/review/queue/").json()["results"] == []
    (item,) = api(rita).get("/api/v1/review/queue/").json()["results"]
    assert item["reference"] == submitted.reference and item["clock"]["period_days"] == 15
    assert api(rita).get("/api/v1/review/queue/", {"category": "A"}).json()["results"] == []
    assert api(rita).get("/api/v1/review/queue/", {"category": "Z"}).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("rita", 200), ("ray", 200), ("pat", 404), ("will", 404), ("alice", 403)])
def test_the_project_by_role(request, api, submitted, who, status):
    assert api(request.getfixturevalue(who)).get(f"/api/v1/review/projects/{submitted.pk}/").status_code == status


@pytest.mark.django_db
def test_claim_assign_request_and_note(api, submitted, rita, ray):
    base = f"/api/v1/review/projects/{submitted.pk}"
    assert post(api(ray), f"{base}/assign/", {"reviewer": ray.email}).status_code == 403
    assert post(api(rita), f"{base}/assign/", {"reviewer": "nobody@example.org"}).status_code == 400
    assert post(api(rita), f"{base}/assign/", {"reviewer": ray.email}).json()["reviewer"] == ray.email
    assert post(api(rita), f"{base}/claim/").status_code == 409
    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    created = post(api(ray), f"{base}/requests/", {"question": "Dust plan?", "due_date": due})
    assert created.status_code == 201 and created.json()["number"] == 1
    assert post(api(ray), f"{base}/notes/", {"body": SECRET, "outcome": "approved"}).status_code == 201
    assert post(api(ray), f"{base}/notes/", {"body": "x", "colour": "red"}).status_code == 400
    project = api(rita).get(f"{base}/").json()
    assert project["notes"][0]["body"] == SECRET and project["requests"][0]["question"] == "Dust plan?"


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("ray", 403), ("pat", 404), ("alice", 403)])
def test_deciding_is_for_the_lead_reviewer(request, api, submitted, who, status):
    response = post(
        api(request.getfixturevalue(who)),
        f"/api/v1/review/projects/{submitted.pk}/decision/",
        {"outcome": "approved", "reasons": "Fine."},
    )
    assert response.status_code == status and not Decision.objects.exists()


@pytest.mark.django_db
def test_a_decision_with_two_conditions_and_a_second_one_is_409(api, submitted, rita, alice):
    measure = submitted.measures.filter(active=True).first()
    path = f"/api/v1/review/projects/{submitted.pk}/decision/"
    data = {
        "outcome": "approved_conditions",
        "reasons": "Acceptable with monitoring.",
        "conditions": [
            {"text": "Quarterly dust report.", "recurrence": "quarterly", "measure": measure.pk},
            {"text": "Restore the laydown area.", "due_date": "2028-06-30"},
        ],
    }
    assert post(api(rita), path, {**data, "reasons": ""}).status_code == 400
    created = post(api(rita), path, data)
    assert created.status_code == 201
    assert [c["number"] for c in created.json()["conditions"]] == [1, 2]
    again = post(api(rita), path, {"outcome": "rejected", "reasons": "No."})
    assert again.status_code == 409 and "detail" in again.json()
    mine = api(alice).get(f"/api/v1/projects/{submitted.pk}/review/").json()
    assert mine["decisions"][0]["outcome"] == "approved_conditions"
    assert mine["decisions"][0]["conditions"][0]["measure"] == measure.code


@pytest.mark.django_db
def test_the_enterprise_api_never_shows_an_internal_note(api, submitted, rita, alice, charlie):
    review_services.review_note_add(project=submitted, author=rita, body=SECRET)
    response = api(alice).get(f"/api/v1/projects/{submitted.pk}/review/")
    assert response.status_code == 200
    assert SECRET not in response.content.decode() and "notes" not in response.json()
    assert SECRET not in api(alice).get(f"/api/v1/projects/{submitted.pk}/").content.decode()
    assert api(charlie).get(f"/api/v1/projects/{submitted.pk}/review/").status_code == 404
    assert api(alice).get(f"/api/v1/review/projects/{submitted.pk}/").status_code == 403


@pytest.mark.django_db
def test_the_enterprise_answers_through_the_api(api, submitted, rita, alice, charlie):
    request = review_services.information_request_create(
        project=submitted, asked_by=rita, question="Q?", due_date=timezone.localdate() + dt.timedelta(days=5)
    )
    path = f"/api/v1/projects/{submitted.pk}/requests/{request.pk}/answer/"
    assert post(api(charlie), path, {"answer": "x"}).status_code == 404
    answered = post(api(alice), path, {"answer": "Here it is."})
    assert answered.status_code == 200 and answered.json()["status"] == "answered"
    assert post(api(alice), path, {"answer": "Again"}).status_code == 409


@pytest.mark.django_db
def test_the_version_diff_through_the_api(api, submitted, rita, alice):
    from assessments import services

    review_services.decision_make(project=submitted, decided_by=rita, outcome="revision_requested", reasons="More.")
    services.project_update(project=submitted, updated_by=alice, description="Now with a dust plan.")
    services.project_submit(project=submitted, submitted_by=alice)
    data = api(rita).get(f"/api/v1/review/projects/{submitted.pk}/versions/2/", {"compare": 1}).json()
    assert data["number"] == 2
    (section,) = [d for d in data["diff"] if d["section"] == "project"]
    assert section["changes"][0]["after"] == "Now with a dust plan."
    assert api(rita).get(f"/api/v1/review/projects/{submitted.pk}/versions/9/").status_code == 404


@pytest.mark.django_db
def test_the_schema_documents_the_review_api(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path in (
        "/api/v1/review/queue/",
        "/api/v1/review/projects/{id}/decision/",
        "/api/v1/projects/{id}/review/",
        "/api/v1/projects/{id}/requests/{request_pk}/answer/",
    ):
        assert path in schema["paths"], path
