"""Redis down: pages and the API degrade without a 500; follow-up tasks wait in the outbox.

Reproduction of issue 9.7: with Redis unreachable, login and the whole API answered 500, and
a task that could not be queued after commit was lost (or turned the answer into a 500).
"""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings

from portal.models import Invitation, OutboxMessage
from portal.outbox import outbox_sweep
from tests.services import redis_url, requires_redis

DEAD = "redis://127.0.0.1:1/0"  # a port with nothing listening
ROOT = Path(__file__).resolve().parents[2]
DEAD_CACHE = {
    "default": {
        "BACKEND": "portal.cache.FailSoftRedisCache",
        "LOCATION": DEAD,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def _point_broker(app, url: str) -> None:
    """Send to ``url`` from now on (Celery caches its connection pool per broker URL)."""
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker(not_eager):
    previous = not_eager.conf.broker_url
    yield not_eager
    _point_broker(not_eager, previous)


def test_settings_with_redis_use_the_fail_soft_cache():
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}}
    env.update({"DEBUG": "1", "REDIS_URL": DEAD})
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip().splitlines()[-1] == "portal.cache.FailSoftRedisCache", result.stderr


@pytest.mark.django_db
def test_login_token_and_api_answer_with_the_cache_down(client, alice, password):
    with override_settings(CACHES=DEAD_CACHE, REDIS_URL=""):
        # The token endpoint's throttle reads and writes the cache.
        token = client.post("/api/v1/auth/token/", {"username": alice.email, "password": password})
        assert token.status_code == 200
        assert client.get("/api/v1/countries/").status_code == 200
        assert client.get("/accounts/login/").status_code == 200
        login = client.post("/accounts/login/", {"login": alice.email, "password": password})
        assert login.status_code == 302
        health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["down"] == ["cache"]


@pytest.mark.django_db
def test_the_lockout_holds_with_the_cache_down(client, alice, password):
    with override_settings(CACHES=DEAD_CACHE):
        for _ in range(5):
            client.post("/accounts/login/", {"login": alice.email, "password": "wrong"})
        assert client.post("/accounts/login/", {"login": alice.email, "password": password}).status_code == 429


@pytest.mark.django_db
def test_an_action_commits_with_the_broker_down_and_its_task_is_sent_later(
    alice, login, broker, django_capture_on_commit_callbacks
):
    _point_broker(broker, DEAD)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(alice).post("/workspace/organisation/", {"email": "newcomer@acme.test", "role": "member"})
    assert response.status_code == 302
    assert Invitation.objects.filter(email="newcomer@acme.test").exists()
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and message.attempts == 1 and message.last_error
    assert mail.outbox == []

    # Still down: the sweep tries, keeps the message and says nothing went.
    assert outbox_sweep(grace=timedelta(0)) == 0
    # The broker is back (here: in-process): the sweep sends it, once.
    broker.conf.task_always_eager = True
    assert outbox_sweep(grace=timedelta(0)) == 1
    assert outbox_sweep(grace=timedelta(0)) == 0
    message.refresh_from_db()
    assert message.sent_at is not None and message.kwargs == {}
    assert [m.to for m in mail.outbox] == [["newcomer@acme.test"]]
    assert "invited" in mail.outbox[0].subject


@requires_redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_gets_the_task_once_redis_is_back(alice, login, broker, celery_worker_process):

    _point_broker(broker, DEAD)
    response = login(alice).post("/workspace/organisation/", {"email": "later@acme.test", "role": "member"})
    assert response.status_code == 302
    assert OutboxMessage.objects.get().sent_at is None

    _point_broker(broker, redis_url())
    assert outbox_sweep(grace=timedelta(0)) == 1
    deadline = time.monotonic() + 30
    sent = ""
    while time.monotonic() < deadline and "later@acme.test" not in sent:
        sent = "".join(p.read_text() for p in celery_worker_process.iterdir())
        time.sleep(0.2)
    assert "later@acme.test" in sent
    assert OutboxMessage.objects.get().sent_at is not None


@pytest.mark.django_db
def test_a_report_asked_for_with_the_broker_down_answers_and_waits_in_the_outbox(
    acme, alice, broker, settings, django_capture_on_commit_callbacks
):
    """Found by ``make faults`` (redis drill): the render was queued after commit and a dead
    broker turned the API's answer into a 500 after 20 s. Now it goes through the outbox, to
    the render queue the settings name."""
    from rest_framework.test import APIClient

    from assessments.loader import load_catalogue, load_ruleset
    from assessments.services import project_create
    from knowledge.models import Country
    from portal.models import Artefact
    from tests.assessments.conftest import complete_project

    settings.ARTEFACT_RENDER_QUEUE = "render-outbox-test"
    load_ruleset()
    load_catalogue()
    project = project_create(
        organisation=acme,
        created_by=alice,
        name="Outbox Solar",
        host_country=Country.objects.create(iso2="KZ", name="Kazakhstan", status="published"),
        sector="solar",
        capacity=5,
        capacity_unit="MW",
    )
    complete_project(project, alice)
    _point_broker(broker, DEAD)
    api = APIClient()
    api.force_authenticate(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"/api/v1/projects/{project.pk}/reports/", {"language": "en"}, format="json")
    assert response.status_code == 202, response.content
    assert Artefact.objects.get().state == "queued"
    message = OutboxMessage.objects.get(task_name="portal.tasks.artefact_render_task")
    assert message.sent_at is None and message.attempts == 1 and message.last_error
    assert message.queue == "render-outbox-test" and message.args == [response.json()["id"]]
