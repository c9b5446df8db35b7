"""Configuration comes from the environment; production settings pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_int

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env_extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-production-secret-with-enough-entropy-%$#@!",
    "ALLOWED_HOSTS": "portal.example.org",
}


def test_production_settings_pass_check_deploy_without_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", env_extra={"DEBUG": "0", "ALLOWED_HOSTS": "portal.example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_env_bool_refuses_yes_ish_values(monkeypatch):
    monkeypatch.setenv("X_FLAG", "yes please")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_FLAG")
    monkeypatch.setenv("X_FLAG", "off")
    assert env_bool("X_FLAG", default=True) is False


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("X_INT", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_INT", 1)


def test_persistent_connections_are_on():
    from django.conf import settings

    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0


@pytest.mark.django_db
def test_security_headers_are_sent(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_reference_no_outside_assets(client):
    for url in ["/", "/accounts/login/", "/accounts/signup/", "/api/docs/"]:
        html = client.get(url).content.decode()
        for attr in ('src="http', "src='http", 'href="http'):
            assert attr not in html.replace('href="http://testserver', ""), (url, attr)
