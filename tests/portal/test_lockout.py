"""One lockout per account and per real client address, shared by web, API token and admin.

Reproductions of issue 9.2/9.3: 15 wrong passwords with 15 forged X-Forwarded-For values were
never throttled, the token endpoint issued a token to an account locked on the web, and
``/admin/login/`` took the right password after 15 wrong ones.
"""

import pytest
from django.test import Client, override_settings
from knox.models import AuthToken
from rest_framework.test import APIClient

WEB = "/accounts/login/"
TOKEN = "/api/v1/auth/token/"
ADMIN = "/admin/login/"


def _web(client, email, password, **extra):
    return client.post(WEB, {"login": email, "password": password}, **extra)


def _token(api, email, password, **extra):
    return api.post(TOKEN, {"username": email, "password": password}, format="json", **extra)


def _admin(client, email, password, **extra):
    return client.post(ADMIN, {"username": email, "password": password, "next": "/admin/"}, **extra)


@pytest.mark.django_db
def test_it_locks_the_token_endpoint_whatever_x_forwarded_for_says(alice):
    api = APIClient()
    codes = [_token(api, alice.email, "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").status_code for i in range(15)]
    # The fifth failure reaches the limit (LOGIN_FAILURE_LIMIT=5) and is answered 429.
    assert codes[:4] == [400] * 4
    assert set(codes[4:]) == {429}
    assert not AuthToken.objects.exists()


@pytest.mark.django_db
def test_a_locked_account_gets_no_token_with_the_right_password(alice, password):
    client = Client()
    for _ in range(5):
        _web(client, alice.email, "wrong")
    response = _token(APIClient(), alice.email, password)
    assert response.status_code == 429
    assert "Too many failed logins" in response.json()["detail"]
    assert not AuthToken.objects.exists()


@pytest.mark.django_db
def test_api_failures_count_toward_the_web_lockout(alice, password):
    api = APIClient()
    for _ in range(5):
        _token(api, alice.email, "wrong")
    response = _web(Client(), alice.email, password)
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "_auth_user_id" not in Client().session


@pytest.mark.django_db
def test_admin_login_is_locked_after_wrong_passwords_and_the_right_one_then_fails(sam, password):
    client = Client()
    codes = [_admin(client, sam.email, "wrong").status_code for _ in range(15)]
    assert 429 in codes
    response = _admin(client, sam.email, password)
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302  # still not logged in


@pytest.mark.django_db
def test_admin_and_token_failures_share_the_account_lockout(sam, password):
    for _ in range(3):
        _admin(Client(), sam.email, "wrong")
    for _ in range(2):
        _token(APIClient(), sam.email, "wrong")
    assert _admin(Client(), sam.email, password).status_code == 429
    assert _token(APIClient(), sam.email, password).status_code == 429


@pytest.mark.django_db
def test_web_login_is_locked_after_wrong_passwords_with_forged_addresses(alice, password):
    client = Client()
    codes = [_web(client, alice.email, "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code for i in range(15)]
    assert set(codes[4:]) == {429}
    response = _web(client, alice.email, password)
    assert response.status_code == 429
    assert client.get("/dashboard/").status_code == 302


@pytest.mark.django_db
def test_one_address_guessing_many_accounts_is_locked(alice, bob, charlie, password):
    client = Client(REMOTE_ADDR="192.0.2.7")
    for email in ["x1@acme.test", "x2@acme.test", "x3@acme.test", "x4@acme.test", "x5@acme.test"]:
        _web(client, email, "wrong")
    assert _web(client, charlie.email, password).status_code == 429
    # Another address is not affected.
    assert _web(Client(REMOTE_ADDR="192.0.2.8"), charlie.email, password).status_code == 302


@pytest.mark.django_db
def test_a_success_before_the_limit_resets_the_account_counter(alice, password):
    client = Client()
    for _ in range(4):
        _web(client, alice.email, "wrong")
    assert _web(client, alice.email, password).status_code == 302
    client.logout()
    for _ in range(4):
        _web(client, alice.email, "wrong")
    assert _web(client, alice.email, password).status_code == 302


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_configured_proxy_the_address_it_saw_is_counted(alice, password):
    # The proxy appends the address it saw; what the client wrote to the left is ignored.
    for i in range(5):
        _web(Client(), f"nobody{i}@acme.test", "wrong", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}, 192.0.2.50")
    assert _web(Client(), alice.email, password, HTTP_X_FORWARDED_FOR="192.0.2.50").status_code == 429
    assert _web(Client(), alice.email, password, HTTP_X_FORWARDED_FOR="192.0.2.51").status_code == 302


def test_api_throttles_key_on_the_real_address_not_x_forwarded_for():
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory
    from rest_framework.throttling import AnonRateThrottle

    request = Request(APIRequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.7"))
    assert AnonRateThrottle().get_ident(request) == "192.0.2.1"
