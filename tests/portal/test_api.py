import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient

from portal.services import notification_send


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.django_db
def test_it_issues_a_token_for_email_and_password(api, alice, password):
    response = api.post("/api/v1/auth/token/", {"username": alice.email, "password": password})
    assert response.status_code == 200
    token = response.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api.get("/api/v1/me/").json()
    assert me["email"] == alice.email
    assert me["memberships"][0]["organisation_name"] == "Acme Overseas Power"
    assert me["memberships"][0]["role"] == "owner"


@pytest.mark.django_db
def test_it_refuses_a_wrong_password_with_400(api, alice):
    response = api.post("/api/v1/auth/token/", {"username": alice.email, "password": "wrong"})
    assert response.status_code == 400
    assert not AuthToken.objects.exists()


@pytest.mark.django_db
def test_anonymous_api_calls_get_401(api):
    assert api.get("/api/v1/me/").status_code == 401
    assert api.get("/api/v1/notifications/").status_code == 401


@pytest.mark.django_db
def test_a_user_sees_only_their_own_notifications(api, alice, charlie):
    notification_send(users=[alice], kind="system", title="For Alice", email=False)
    notification_send(users=[charlie], kind="system", title="For Charlie", email=False)
    api.force_authenticate(charlie)
    titles = [n["title"] for n in api.get("/api/v1/notifications/").json()["results"]]
    assert titles == ["For Charlie"]


@pytest.mark.django_db
def test_marking_read_touches_only_the_callers_notifications(api, alice, charlie):
    (mine,) = notification_send(users=[charlie], kind="system", title="Mine", email=False)
    (theirs,) = notification_send(users=[alice], kind="system", title="Theirs", email=False)
    api.force_authenticate(charlie)
    response = api.post("/api/v1/notifications/mark-read/", {"ids": [mine.pk, theirs.pk]}, format="json")
    assert response.json() == {"marked_read": 1}
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.django_db
def test_mark_read_rejects_bad_ids_with_400(api, alice):
    api.force_authenticate(alice)
    response = api.post("/api/v1/notifications/mark-read/", {"ids": ["abc"]}, format="json")
    assert response.status_code == 400
    assert "ids" in response.json()


@pytest.mark.django_db
def test_the_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/me/" in schema.content
    assert client.get("/api/docs/").status_code == 200


@pytest.mark.django_db
def test_notification_list_query_count_does_not_grow(api, alice, django_assert_max_num_queries):
    notification_send(users=[alice] * 3, kind="system", title="n", email=False)
    api.force_authenticate(alice)
    with django_assert_max_num_queries(3) as ctx:
        api.get("/api/v1/notifications/")
    few = len(ctx.captured_queries)
    notification_send(users=[alice] * 30, kind="system", title="n", email=False)
    with django_assert_max_num_queries(few):
        api.get("/api/v1/notifications/")
