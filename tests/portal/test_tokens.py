"""API tokens: only for confirmed, active, unlocked accounts; hashed at rest; expiring; rotated."""

from datetime import timedelta

import pytest
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from tests.factories import UserFactory

TOKEN = "/api/v1/auth/token/"


def _obtain(email, password):
    return APIClient().post(TOKEN, {"username": email, "password": password}, format="json")


def _client(token):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return api


@pytest.mark.django_db
def test_it_refuses_a_token_to_an_account_that_never_confirmed_its_email(password):
    user = UserFactory(email="unconfirmed@acme.test", verified=False)
    response = _obtain(user.email, password)
    assert response.status_code == 403
    assert "Confirm your email address" in response.json()["detail"]
    assert not AuthToken.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_token_to_an_inactive_account(alice, password):
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert _obtain(alice.email, password).status_code == 400
    assert not AuthToken.objects.exists()


@pytest.mark.django_db
def test_it_stores_only_a_digest_and_the_token_expires(alice, password):
    body = _obtain(alice.email, password).json()
    token = body["token"]
    stored = AuthToken.objects.get()
    assert token not in (stored.digest, stored.token_key)
    assert stored.token_key == token[:15] and len(token) == 64
    assert stored.expiry > timezone.now() + timedelta(days=29)
    assert body["expiry"]
    assert _client(token).get("/api/v1/me/").status_code == 200
    AuthToken.objects.filter(pk=stored.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    assert _client(token).get("/api/v1/me/").status_code == 401


@pytest.mark.django_db
def test_rotation_gives_a_new_token_and_ends_the_old_one(alice, password):
    old = _obtain(alice.email, password).json()["token"]
    response = _client(old).post("/api/v1/auth/token/rotate/")
    assert response.status_code == 200
    new = response.json()["token"]
    assert new != old
    assert _client(old).get("/api/v1/me/").status_code == 401
    assert _client(new).get("/api/v1/me/").status_code == 200


@pytest.mark.django_db
def test_revocation_ends_the_token(alice, password):
    token = _obtain(alice.email, password).json()["token"]
    assert _client(token).post("/api/v1/auth/token/revoke/").status_code == 204
    assert _client(token).get("/api/v1/me/").status_code == 401


@pytest.mark.django_db
def test_rotation_needs_a_token_not_a_session(alice, login):
    assert login(alice).post("/api/v1/auth/token/rotate/").status_code in (400, 403)
    assert APIClient().post("/api/v1/auth/token/rotate/").status_code == 401


@pytest.mark.django_db
def test_a_garbled_authorization_header_is_401_not_500(alice):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token \xff\xfe\xfd")
    assert api.get("/api/v1/me/").status_code == 401


@pytest.mark.django_db
def test_staff_never_see_a_full_token_in_the_admin(alice, sam, password, login):
    token = _obtain(alice.email, password).json()["token"]
    stored = AuthToken.objects.get()
    staff = login(sam)
    listing = staff.get("/admin/knox/authtoken/").content.decode()
    assert token[:8] in listing
    # The digest is the row's key (it appears in admin links) but cannot be used as a token.
    assert token not in listing
    detail = staff.get(f"/admin/knox/authtoken/{stored.pk}/change/").content.decode()
    assert token not in detail
    assert _client(stored.digest).get("/api/v1/me/").status_code == 401
    assert staff.get("/admin/knox/authtoken/add/").status_code == 403


@pytest.mark.django_db
def test_tokens_beyond_the_per_account_limit_end_oldest_first(alice):
    from portal.tokens import api_token_issue

    _first_instance, first = api_token_issue(user=alice)
    for _ in range(19):
        api_token_issue(user=alice)
    assert AuthToken.objects.filter(user=alice).count() == 20
    _latest_instance, latest = api_token_issue(user=alice)
    assert AuthToken.objects.filter(user=alice).count() == 20
    assert _client(first).get("/api/v1/me/").status_code == 401
    assert _client(latest).get("/api/v1/me/").status_code == 200


@pytest.mark.django_db
def test_the_token_endpoint_is_throttled_per_address(alice, password):
    # API_TOKEN_RATE (10/minute): the eleventh request from one address waits, right password or not.
    codes = [_obtain(alice.email, password).status_code for _ in range(11)]
    assert codes[:10] == [200] * 10
    assert codes[10] == 429
