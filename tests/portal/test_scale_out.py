"""Scale-out on real engines (issue 17.3): media on S3-compatible storage through django-storages,
against a local S3 server (moto in server mode, spoken to over HTTP by boto3 exactly as a real
bucket would be); and two gunicorn processes sharing one PostgreSQL and one Redis, so that a
session opened on one node works on the other and a throttle counts the requests of both."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

# The assessment tests' fixtures (a project of Acme's), imported so pytest finds them here.
from tests.assessments.conftest import kazakhstan, project, rules  # noqa: F401
from tests.factories import PASSWORD, pdf_bytes
from tests.services import redis_url, requires_postgres, requires_redis

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- S3 -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def s3_endpoint():
    moto_server = pytest.importorskip("moto.server", reason="needs moto[server] (requirements.txt)")
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_media(s3_endpoint, monkeypatch):
    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    bucket = f"portal-media-{os.getpid()}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=bucket)
    storages = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "file_overwrite": False,
                "default_acl": None,
                "querystring_auth": True,
            },
        },
    }
    with override_settings(STORAGES=storages):
        yield client, bucket


@pytest.mark.django_db
def test_an_uploaded_document_lives_in_the_bucket_and_downloads_from_it(s3_media, project, alice, login):  # noqa: F811
    from assessments.services import document_upload

    client, bucket = s3_media
    content = pdf_bytes(pages=2)
    version = document_upload(
        project=project,
        uploaded_by=alice,
        kind="eia_report",
        title="EIA on S3",
        file=SimpleUploadedFile("eia.pdf", content, content_type="application/pdf"),
    )
    keys = [o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])]
    assert version.file.name in keys
    assert client.get_object(Bucket=bucket, Key=version.file.name)["Body"].read() == content
    response = login(alice).get(reverse("assessments:document-download", args=[project.pk, version.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    # A second upload of another file with the same name does not overwrite the first object.
    other = document_upload(
        project=project,
        uploaded_by=alice,
        kind="eia_report",
        title="EIA on S3, revised",
        file=SimpleUploadedFile("eia.pdf", pdf_bytes(pages=3), content_type="application/pdf"),
    )
    assert other.file.name != version.file.name
    assert client.get_object(Bucket=bucket, Key=version.file.name)["Body"].read() == content


# --- two nodes ------------------------------------------------------------------------------


@pytest.fixture
def two_nodes(tmp_path, transactional_db):
    import redis

    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    database_url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    shared_redis = redis_url()
    # Throttle counters of an earlier run must not count here.
    r = redis.Redis.from_url(shared_redis)
    for key in r.scan_iter("*throttle*"):
        r.delete(key)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DEBUG": "0",
        "SECRET_KEY": "two-nodes-" + "k" * 54,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_MANIFEST": "0",
        "DATABASE_URL": database_url,
        "REDIS_URL": shared_redis,
        "CELERY_EAGER": "1",
        "API_TOKEN_RATE": "6/minute",
        "LOGIN_FAILURE_LIMIT": "100",
        "VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "EMAIL_URL": "console://",
    }
    nodes, procs = [], []
    for i in range(2):
        port = free_port()
        log = open(tmp_path / f"node{i}.log", "w")  # noqa: SIM115 - closed with the process
        procs.append(
            (
                subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                ),
                log,
            )
        )
        nodes.append(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 90
        for node in nodes:
            while True:
                try:
                    requests.get(node + "/accounts/login/", timeout=5)
                    break
                except requests.RequestException:
                    if time.monotonic() > deadline:
                        pytest.fail(f"node {node} did not start: " + (tmp_path / "node0.log").read_text()[-2000:])
                    time.sleep(0.3)
        yield nodes
    finally:
        for proc, log in procs:
            proc.terminate()
            proc.wait(timeout=20)
            log.close()


def _cookie(response, name) -> str:
    # The nodes set Secure cookies (production settings); on loopback HTTP the test carries them.
    return response.cookies.get(name) or ""


@requires_postgres
@requires_redis
def test_a_session_opened_on_one_node_works_on_the_other(two_nodes):
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from tests.factories import UserFactory

    node_a, node_b = two_nodes
    user = UserFactory(email="two.nodes@acme.test", full_name="Nadia Node")
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())  # the nodes' hasher, not the tests' fast one
    user.save(update_fields=["password"])

    form = requests.get(node_a + "/accounts/login/", timeout=10)
    csrf = _cookie(form, "csrftoken")
    token = form.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    logged_in = requests.post(
        node_a + "/accounts/login/",
        data={"csrfmiddlewaretoken": token, "login": user.email, "password": PASSWORD},
        headers={"Cookie": f"csrftoken={csrf}"},
        allow_redirects=False,
        timeout=10,
    )
    assert logged_in.status_code == 302, logged_in.text[:500]
    session = _cookie(logged_in, "sessionid")
    assert session

    profile = requests.get(
        node_b + "/workspace/profile/", headers={"Cookie": f"sessionid={session}"}, allow_redirects=False, timeout=10
    )
    assert profile.status_code == 200
    assert "Nadia Node" in profile.text or user.email in profile.text
    # Without the session, node B sends the visitor to log in.
    assert requests.get(node_b + "/workspace/profile/", allow_redirects=False, timeout=10).status_code == 302


@requires_postgres
@requires_redis
def test_a_throttle_counts_the_requests_of_both_nodes(two_nodes):
    node_a, node_b = two_nodes
    answers = []
    for i in range(6):  # API_TOKEN_RATE is 6/minute on each node: shared, it is 6 in all
        node = node_a if i % 2 == 0 else node_b
        answers.append(
            requests.post(
                node + "/api/v1/auth/token/",
                json={"email": f"nobody{i}@example.org", "password": "wrong-password-123"},
                timeout=10,
            ).status_code
        )
    assert 429 not in answers, answers
    seventh = requests.post(
        node_b + "/api/v1/auth/token/", json={"email": "nobody@example.org", "password": "x" * 12}, timeout=10
    )
    assert seventh.status_code == 429
    assert int(seventh.headers["Retry-After"]) > 0
