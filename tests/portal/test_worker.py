"""A real worker process takes tasks from the real Redis broker."""

import pytest
from django.test import override_settings

from portal.tasks import email_send_task, ping_task
from tests.services import redis_url, requires_redis


@requires_redis
def test_a_real_worker_runs_a_task_through_redis(celery_worker_process, not_eager):
    result = ping_task.delay("hello")
    assert result.get(timeout=30) == "pong:hello"
    assert result.successful()


@requires_redis
def test_the_worker_sends_mail_from_the_mail_queue(celery_worker_process, not_eager):
    result = email_send_task.delay(to=["x@example.org"], subject="Worker mail 42", body="Body")
    assert result.get(timeout=30) == 1
    sent = "".join(p.read_text() for p in celery_worker_process.iterdir())
    assert "Subject: Worker mail 42" in sent


@requires_redis
@pytest.mark.django_db
def test_healthz_sees_broker_and_worker(client, celery_worker_process, not_eager):
    with override_settings(REDIS_URL=redis_url()):
        not_eager.conf.broker_url = redis_url()
        response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"]["workers"]["up"] is True
