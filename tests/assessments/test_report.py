"""The project assessment report, read back from the PDF: cover, languages, versions,
hostile input, length; the page, the polled state and the API with their permissions; and a
real Celery worker on Redis killed in the middle of a render."""

import datetime
import io
import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from assessments import selectors, services
from assessments.selectors.report import KIND, project_reference
from portal.artefacts import artefact_request, artefact_requeue_stuck
from portal.choices import ArtefactState
from portal.models import Artefact, Notification
from tests.assessments.test_access import pdf_bytes
from tests.assessments.test_services import ALL_NO
from tests.portal.test_pdf import listener  # noqa: F401 - the fixture
from tests.services import redis_available, redis_url, requires_postgres, requires_redis

ROOT = Path(__file__).resolve().parents[2]


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def screened(project, alice, wetland):
    """Acme's project with a site near the test wetland, answers, screening, lists, a design
    value and a document, submitted for review (so the trail ends with the submission)."""
    services.project_update(
        project=project,
        updated_by=alice,
        description="Twenty megawatts of photovoltaic panels on grazing land.",
        construction_start=datetime.date(2027, 4, 1),
        operation_start=datetime.date(2028, 1, 1),
    )
    # A square partly inside the test wetland (71.1–71.2 E), so site screening finds it.
    ring = [[71.08, 50.49], [71.12, 50.49], [71.12, 50.51], [71.08, 50.51], [71.08, 50.49]]
    site = json.dumps({"type": "Polygon", "coordinates": [ring]})
    services.project_set_site(project=project, site_text=site, fmt="geojson", updated_by=alice)
    services.project_set_answers(project=project, answers=ALL_NO, updated_by=alice)
    services.project_screen(project=project, screened_by=alice)
    for measure in project.measures.filter(active=True):
        services.measure_answer(measure=measure, answered_by=alice, response="accepted", owner="Site manager")
    services.design_value_add(
        project=project, added_by=alice, parameter="PM10", medium="ambient_air", value=40, unit="µg/m³", averaging="24h"
    )
    services.document_upload(
        project=project,
        uploaded_by=alice,
        kind="eia_report",
        title="Environmental impact assessment",
        file=SimpleUploadedFile("eia.pdf", pdf_bytes(), content_type="application/pdf"),
    )
    if not selectors.project_readiness(project):
        services.project_submit(project=project, submitted_by=alice)
    project.refresh_from_db()
    return project


def render(project, language, user, capture):
    with capture(execute=True):
        artefact = artefact_request(kind=KIND, subject=project, language=language, requested_by=user)
    artefact.refresh_from_db()
    assert artefact.state == ArtefactState.READY, artefact.failure_reason
    return artefact


def read(artefact) -> bytes:
    return Path(artefact.file.path).read_bytes()


@pytest.mark.django_db
def test_the_report_carries_its_reference_status_and_the_trails_last_event(
    screened, alice, django_capture_on_commit_callbacks
):
    artefact = render(screened, "en", alice, django_capture_on_commit_callbacks)
    pages = pdf_pages(read(artefact))
    assert artefact.page_count == len(pages) >= 5
    cover = pages[0]
    assert project_reference(screened) in cover
    assert "Steppe Solar 20 MW" in cover
    assert screened.get_status_display() in cover
    trail = artefact.inputs["trail"]
    assert trail[-1]["action"] == ("project.submitted" if screened.status == "submitted" else "project.screened")
    assert trail[-1]["label"] in pages[-1]
    text = "\n".join(pages)
    for heading in ("Contents", "Site screening", "Risk list", "Design compliance", "Document register"):
        assert heading in text
    assert "Test Wetland" in text
    version = screened.documents.get().latest
    assert version.sha256[:32] in text.replace("\n", "")
    assert f"Page 1 of {len(pages)}" in cover
    reader = PdfReader(io.BytesIO(read(artefact)))
    assert reader.metadata.title.startswith(f"Assessment report {project_reference(screened)}")
    assert reader.trailer["/Root"]["/Lang"] == "en"


@pytest.mark.django_db
def test_chinese_and_arabic_reports_are_text_in_their_script(
    screened, alice, caplog, django_capture_on_commit_callbacks
):
    screened.name = "草原太阳能 Steppe Solar"
    screened.save(update_fields=["name"])
    measure = screened.measures.filter(active=True).first()
    services.measure_answer(
        measure=measure,
        answered_by=alice,
        response="alternative",
        alternative="سياج للحياة البرية حول الموقع",
        reason="يحمي الطيور المهاجرة",
    )
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        zh = render(screened, "zh-hans", alice, django_capture_on_commit_callbacks)
        ar = render(screened, "ar", alice, django_capture_on_commit_callbacks)
        ru = render(screened, "ru", alice, django_capture_on_commit_callbacks)
    # Localised numbers (480,5 or ٤٨٠٫٥) in an SVG viewBox break the map; it must draw in all.
    assert "Failed to render SVG" not in caplog.text
    assert ru.page_count >= 5
    zh_text = "\n".join(pdf_pages(read(zh)))
    ar_text = "\n".join(pdf_pages(read(ar)))
    assert "草原太阳能" in zh_text
    assert "状态" in zh_text  # "Status" from the Chinese catalogue
    assert "الحالة" in ar_text  # "Status" from the Arabic catalogue
    assert "البرية" in ar_text and "المهاجرة" in ar_text
    assert PdfReader(io.BytesIO(read(ar))).trailer["/Root"]["/Lang"] == "ar"
    assert zh.pk != ar.pk


@pytest.mark.django_db
def test_same_inputs_one_artefact_and_a_changed_answer_version_2_with_version_1_kept(
    screened, alice, login, django_capture_on_commit_callbacks
):
    first = render(screened, "en", alice, django_capture_on_commit_callbacks)
    again = render(screened, "en", alice, django_capture_on_commit_callbacks)
    assert again.pk == first.pk
    assert Artefact.objects.filter(kind=KIND).count() == 1

    project = screened
    if project.status != "draft":
        # A submitted project is frozen; reopen it the way a reviewer's request would.
        type(project).objects.filter(pk=project.pk).update(status="revision_requested")
        project.refresh_from_db()
    measure = project.measures.filter(active=True).first()
    services.measure_answer(
        measure=measure, answered_by=alice, response="alternative", alternative="Fence", reason="Cheaper"
    )
    second = render(project, "en", alice, django_capture_on_commit_callbacks)
    assert second.version == 2 and second.pk != first.pk
    assert "Cheaper" in "\n".join(pdf_pages(read(second)))

    client = login(alice)
    for artefact in (first, second):
        response = client.get(reverse("assessments:project-report-download", args=[project.pk, artefact.pk]))
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        assert body.startswith(b"%PDF") and response["X-Artefact-SHA256"] == artefact.sha256
    assert "Cheaper" not in "\n".join(pdf_pages(read(first)))


@pytest.mark.django_db
def test_hostile_name_and_answer_are_shown_as_text_and_fetch_nothing(
    project,
    alice,
    listener,  # noqa: F811 - the fixture imported above
    caplog,
    django_capture_on_commit_callbacks,
):
    hostile = '<script>alert(1)</script><img src="file:///etc/passwd"><img src="http://127.0.0.2:9/x">'
    project.name = "Steppe " + hostile
    project.save(update_fields=["name"])
    services.project_set_site(
        project=project, site_text='{"type": "Point", "coordinates": [71.0, 50.5]}', fmt="geojson", updated_by=alice
    )
    services.project_set_answers(project=project, answers=ALL_NO, updated_by=alice)
    services.project_screen(project=project, screened_by=alice)
    measure = project.measures.filter(active=True).first()
    services.measure_answer(
        measure=measure, answered_by=alice, response="alternative", alternative=hostile, reason=hostile
    )
    with caplog.at_level(logging.WARNING, logger="portal.pdf"):
        artefact = render(project, "en", alice, django_capture_on_commit_callbacks)
    text = "\n".join(pdf_pages(read(artefact)))
    assert "root:x:0:0" not in text and "/bin/bash" not in text
    # Escaped, the markup is text in the PDF; nothing was fetched, so nothing had to be refused.
    assert '<img src="file:///etc/passwd">' in text.replace("\n", "")
    assert "PDF fetcher refused" not in caplog.text
    assert listener == []


@pytest.mark.django_db
def test_a_twenty_page_report_renders(project, alice, django_capture_on_commit_callbacks):
    long_text = "Monitor dust at the fence line and stop earthworks when the limit is exceeded. " * 6
    for n in range(110):
        services.measure_add(
            project=project,
            added_by=alice,
            title=f"Site measure {n + 1}",
            description=long_text,
            phase="construction",
            risk_ids=[],
            owner="Site manager",
        )
    artefact = render(project, "en", alice, django_capture_on_commit_callbacks)
    assert artefact.page_count >= 20
    pages = pdf_pages(read(artefact))
    assert len(pages) == artefact.page_count
    assert "Site measure 110" in "\n".join(pages)


# --- pages ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_project_page_offers_the_report_and_shows_its_state(
    screened, alice, login, django_capture_on_commit_callbacks
):
    client = login(alice)
    page = client.get(reverse("assessments:project-detail", args=[screened.pk]))
    assert b"Prepare the report" in page.content and b"No report prepared yet." in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assessments:project-report-request", args=[screened.pk]), {"language": "ru"})
    assert response.status_code == 302 and response["Location"].endswith("#report")
    page = client.get(reverse("assessments:project-detail", args=[screened.pk]))
    artefact = Artefact.objects.get(kind=KIND)
    assert artefact.language == "ru" and artefact.state == ArtefactState.READY
    download = reverse("assessments:project-report-download", args=[screened.pk, artefact.pk])
    assert download.encode() in page.content
    assert Notification.objects.filter(user=alice, url__endswith="#report").exists()


@pytest.mark.django_db
def test_the_polled_state_answers_304_until_something_changes(
    screened, alice, login, django_capture_on_commit_callbacks
):
    client = login(alice)
    url = reverse("assessments:project-report-state", args=[screened.pk])
    with django_capture_on_commit_callbacks(execute=False):
        artefact_request(kind=KIND, subject=screened, language="en", requested_by=alice)
    first = client.get(url)
    assert first.status_code == 200 and first.json()["pending"] is True
    assert first.json()["reports"][0]["state"] == "queued"
    unchanged = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304 and unchanged.content == b""
    from portal.artefacts import artefact_render

    artefact_render(artefact_id=first.json()["reports"][0]["id"])
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    report = changed.json()["reports"][0]
    assert report["state"] == "ready" and report["download_url"] and changed.json()["pending"] is False


def report_urls(project, artefact_pk):
    return [
        ("get", reverse("assessments:project-report-state", args=[project.pk])),
        ("post", reverse("assessments:project-report-request", args=[project.pk])),
        ("get", reverse("assessments:project-report-download", args=[project.pk, artefact_pk])),
    ]


@pytest.mark.django_db
def test_another_enterprise_gets_404_and_anonymous_is_sent_to_log_in(
    screened, alice, charlie, rita, login, client, django_capture_on_commit_callbacks
):
    artefact = render(screened, "en", alice, django_capture_on_commit_callbacks)
    for method, url in report_urls(screened, artefact.pk):
        assert getattr(login(charlie), method)(url).status_code == 404, url
        anonymous = getattr(client, method)(url)
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"], url
        # A regulator reaches projects through the review workspace; here they are told so.
        assert getattr(login(rita), method)(url).status_code == 403, url
    assert Artefact.objects.count() == 1  # charlie's POST asked for nothing


@pytest.mark.django_db
def test_a_report_of_another_project_is_404_through_this_one(
    screened, alice, acme, kazakhstan, login, django_capture_on_commit_callbacks
):
    other = services.project_create(organisation=acme, created_by=alice, name="Other", host_country=kazakhstan)
    artefact = render(other, "en", alice, django_capture_on_commit_callbacks)
    url = reverse("assessments:project-report-download", args=[screened.pk, artefact.pk])
    assert login(alice).get(url).status_code == 404


# --- API --------------------------------------------------------------------------------------


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.django_db
def test_api_request_state_and_download(screened, alice, django_capture_on_commit_callbacks):
    url = reverse("assessments-api:project-reports", args=[screened.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queued = api(alice).post(url, {"language": "zh-hans"}, format="json")
    assert queued.status_code == 202 and queued.json()["state"] == "queued" and queued.json()["download_url"] is None
    for callback in callbacks:
        callback()
    state = api(alice).get(reverse("assessments-api:project-report", args=[screened.pk, queued.json()["id"]]))
    assert state.status_code == 200 and state.json()["state"] == "ready"
    assert state.json()["page_count"] >= 5 and len(state.json()["sha256"]) == 64
    again = api(alice).post(url, {"language": "zh-hans"}, format="json")
    assert again.status_code == 200 and again.json()["id"] == queued.json()["id"]
    download = api(alice).get(state.json()["download_url"])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    listing = api(alice).get(url)
    assert [r["id"] for r in listing.json()] == [queued.json()["id"]]


@pytest.mark.django_db
def test_api_refuses_an_unknown_language(screened, alice):
    response = api(alice).post(
        reverse("assessments-api:project-reports", args=[screened.pk]), {"language": "xx"}, format="json"
    )
    assert response.status_code == 400
    assert not Artefact.objects.exists()


@pytest.mark.django_db
def test_api_another_enterprise_404_anonymous_401(screened, alice, charlie, django_capture_on_commit_callbacks):
    artefact = render(screened, "en", alice, django_capture_on_commit_callbacks)
    urls = [
        reverse("assessments-api:project-reports", args=[screened.pk]),
        reverse("assessments-api:project-report", args=[screened.pk, artefact.pk]),
        reverse("assessments-api:project-report-download", args=[screened.pk, artefact.pk]),
    ]
    for url in urls:
        assert api(charlie).get(url).status_code == 404, url
        assert api().get(url).status_code == 401, url
    assert api(charlie).post(urls[0], {"language": "en"}, format="json").status_code == 404
    assert Artefact.objects.count() == 1


def test_the_schema_documents_the_report_endpoints(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    paths = schema["paths"]
    assert "post" in paths["/api/v1/projects/{id}/reports/"]
    assert "get" in paths["/api/v1/projects/{id}/reports/{artefact_pk}/"]
    download = paths["/api/v1/projects/{id}/reports/{artefact_pk}/download/"]["get"]
    assert "application/pdf" in download["responses"]["200"]["content"]


# --- a real worker, killed mid-render -----------------------------------------------------------


def start_worker(queue: str, media_root: Path, log: Path) -> subprocess.Popen:
    from django.conf import settings

    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DEBUG": "1",
        "REDIS_URL": redis_url(),
        "CELERY_EAGER": "0",
        # The worker must see the test database and the test's media folder.
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        "MEDIA_ROOT": str(media_root),
        "EMAIL_URL": "console://",
        "ARTEFACT_RENDER_QUEUE": queue,
        "CONN_MAX_AGE": "0",
    }
    cmd = [sys.executable, "-m", "celery", "-A", "portal", "worker", "-Q", queue, "--pool", "solo"]
    cmd += ["--loglevel", "INFO", "--hostname", f"{queue}-{time.monotonic_ns()}@%h", "--without-mingle"]
    with open(log, "a") as out:
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_for(predicate, timeout: float, what: str, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text()[-4000:]}")


@requires_postgres
@requires_redis
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_render_loses_nothing_and_duplicates_nothing(
    project, alice, settings, media, tmp_path, not_eager
):
    if not redis_available():
        pytest.skip("needs Redis")
    queue = f"render-test-{os.getpid()}"
    settings.ARTEFACT_RENDER_QUEUE = queue
    not_eager.conf.broker_url = redis_url()
    long_text = "Water the haul roads twice a day and cover stockpiles before wind warnings. " * 6
    for n in range(120):
        services.measure_add(
            project=project,
            added_by=alice,
            title=f"Measure {n + 1}",
            description=long_text,
            phase="construction",
            risk_ids=[],
        )
    log = tmp_path / "worker.log"
    first = start_worker(queue, media, log)
    second = None
    try:
        artefact = artefact_request(kind=KIND, subject=project, language="en", requested_by=alice)
        wait_for(
            lambda: Artefact.objects.get(pk=artefact.pk).state == ArtefactState.RENDERING,
            90,
            "the first worker to start rendering",
            log,
        )
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        stuck = Artefact.objects.get(pk=artefact.pk)
        assert stuck.state == ArtefactState.RENDERING and stuck.attempts == 1
        assert not any(p.suffix == ".pdf" for p in media.rglob("*"))

        second = start_worker(queue, media, log)
        # Beat's job, run now instead of after ARTEFACT_RENDER_TIMEOUT.
        assert artefact_requeue_stuck(older_than=datetime.timedelta(0)) == [artefact.pk]
        done = wait_for(
            lambda: Artefact.objects.filter(pk=artefact.pk, state=ArtefactState.READY).first(),
            120,
            "the second worker to finish",
            log,
        )
        # The lost message, delivered again, changes nothing.
        from portal.tasks import artefact_render_task

        again = artefact_render_task.apply_async(args=[artefact.pk], queue=queue)
        assert again.get(timeout=60) == "skipped"
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
    assert Artefact.objects.filter(kind=KIND).count() == 1
    assert done.attempts == 2 and done.page_count >= 20
    files = sorted(p for p in media.rglob("*") if p.is_file())
    assert files == [media / done.file.name]
    import hashlib

    assert hashlib.sha256(files[0].read_bytes()).hexdigest() == done.sha256
