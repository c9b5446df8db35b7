import pytest
from django.test import override_settings

from portal.celery import app as celery_app


@pytest.mark.django_db
def test_it_answers_200_on_the_embedded_default(client):
    with override_settings(REDIS_URL=""):
        response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["up"] and body["checks"]["cache"]["up"]


@pytest.mark.django_db
def test_it_answers_503_naming_the_broker_when_it_is_down(client, monkeypatch):
    dead = "redis://127.0.0.1:1/0"
    monkeypatch.setattr(celery_app.conf, "broker_url", dead)
    with override_settings(REDIS_URL=dead):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["down"] == ["broker", "workers"]
    assert body["checks"]["database"]["up"] is True
