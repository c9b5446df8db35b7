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


@pytest.mark.django_db
def test_it_reports_a_broken_static_manifest(client, tmp_path):
    # The production storage with nothing collected: every page would answer 500.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(REDIS_URL="", STORAGES=storages, STATIC_ROOT=tmp_path, DEBUG=False):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["down"] == ["static"]


@pytest.mark.django_db
def test_outside_callers_see_up_or_down_but_no_detail(client):
    with override_settings(REDIS_URL=""):
        response = client.get("/healthz", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200
    body = response.json()
    assert body["checks"]["database"] == {"up": True}
    assert "sqlite" not in response.content.decode() and "LocMemCache" not in response.content.decode()


@pytest.mark.django_db
def test_staff_and_loopback_callers_see_the_detail(client, sam, login):
    with override_settings(REDIS_URL=""):
        staff = login(sam).get("/healthz", REMOTE_ADDR="203.0.113.9").json()
        local = client.get("/healthz", REMOTE_ADDR="127.0.0.1").json()
    assert staff["checks"]["database"]["detail"] == local["checks"]["database"]["detail"] != ""
    assert "detail" in local["checks"]["cache"]


@pytest.mark.django_db
def test_a_forged_forwarded_for_does_not_unlock_the_detail(client):
    with override_settings(REDIS_URL=""):
        body = client.get("/healthz", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="127.0.0.1").json()
    assert "detail" not in body["checks"]["database"]


@pytest.mark.django_db
def test_it_reports_follow_up_tasks_stuck_in_the_outbox(client):
    from datetime import timedelta

    from django.utils import timezone

    from portal.models import OutboxMessage

    OutboxMessage.objects.create(task_name="portal.tasks.ping_task", args=["x"])
    with override_settings(REDIS_URL=""):
        assert client.get("/healthz").status_code == 200  # fresh: the sweep has not had its turn
        OutboxMessage.objects.update(created_at=timezone.now() - timedelta(minutes=11))
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["down"] == ["outbox"]
    assert "1 pending, 1 older than 10 min" in response.json()["checks"]["outbox"]["detail"]
