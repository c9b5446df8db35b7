"""The render pipeline: the renderer's URL fetcher, PDF metadata and text, the artefact state
table, versioning, idempotency, atomic files, retries and the stuck-render job, and a real
worker on Redis killed in the middle of a render."""

import io
import logging
import socket
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader

from portal import artefacts
from portal.artefact_workflow import TRANSITIONS, can_transition, ensure_transition
from portal.artefacts import ArtefactKind, artefact_kind_register, artefact_render, artefact_request
from portal.choices import ArtefactState
from portal.errors import ServiceError
from portal.models import Artefact, AuditEvent, Notification
from portal.pdf import DATA_URL_MAX_BYTES, PortalURLFetcher, ResourceRefused, render_pdf


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def page(body: str, *, lang: str = "en", title: str = "Test document") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        '<meta name="author" content="Green Belt and Road Environmental Portal">'
        '<link rel="stylesheet" href="/static/css/pdf.css"></head>'
        f"<body>{body}</body></html>"
    )


@pytest.fixture
def listener():
    """A socket listening on 127.0.0.2:9 that counts the connections it sees."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.2", 9))
    except OSError as exc:
        sock.close()
        pytest.skip(f"cannot listen on 127.0.0.2:9 ({exc}); needs root and a Linux loopback")
    sock.listen(5)
    sock.settimeout(0.2)
    seen: list[tuple] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, addr = sock.accept()
            except OSError:
                continue
            seen.append(addr)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield seen
    stop.set()
    thread.join(timeout=2)
    sock.close()


# --- the fetcher ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("file:///etc/passwd", "local files"),
        ("http://127.0.0.2:9/x", "outside the portal"),
        ("https://example.org/logo.png", "outside the portal"),
        ("http://127.0.0.1:8000/admin/", "not a static or media path"),
        ("http://127.0.0.1:8000/static/%2e%2e/%2e%2e/etc/passwd", "leaves the static folder"),
        ("http://127.0.0.1:8000/static/css/..%2f..%2fportal/settings.py", "leaves the static folder"),
        ("http://127.0.0.1:8000/media/..%2F..%2Fportal.sqlite3", "leaves the media folder"),
        ("ftp://127.0.0.1/file", "outside the portal"),
        ("data:text/plain;base64," + "A" * (DATA_URL_MAX_BYTES * 2), "too large"),
    ],
)
def test_it_refuses_and_logs_what_is_not_the_portals_own(url, why, caplog):
    fetcher = PortalURLFetcher()
    with caplog.at_level(logging.WARNING, logger="portal.pdf"), pytest.raises(ResourceRefused):
        fetcher.fetch(url)
    assert why in caplog.text
    assert fetcher.refused == [url]


def test_it_serves_the_portals_static_files_and_small_data_urls():
    fetcher = PortalURLFetcher()
    css = fetcher.fetch("http://127.0.0.1:8000/static/css/pdf.css")
    assert css.content_type == "text/css"
    assert b"@page" in css.read()
    svg = fetcher.fetch("data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'/%3E")
    assert svg.read().startswith(b"<svg")
    assert fetcher.refused == []


def test_it_serves_media_files_only_that_exist(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "logos").mkdir()
    (tmp_path / "logos" / "a.png").write_bytes(b"\x89PNG fake")
    fetcher = PortalURLFetcher()
    assert fetcher.fetch("http://127.0.0.1:8000/media/logos/a.png").read() == b"\x89PNG fake"
    with pytest.raises(ResourceRefused):
        fetcher.fetch("http://127.0.0.1:8000/media/logos/missing.png")


def test_hostile_markup_reads_no_file_and_opens_no_connection(listener, caplog):
    """Even if a template forgot to escape, the fetcher stands: nothing read, nothing fetched."""
    hostile = (
        '<script>document.write("owned")</script>'
        '<img src="file:///etc/passwd" alt="p"><img src="http://127.0.0.2:9/x" alt="x">'
        '<link rel="stylesheet" href="file:///etc/passwd">'
        '<p style="background: url(http://127.0.0.2:9/bg)">Steppe Solar</p>'
    )
    with caplog.at_level(logging.WARNING, logger="portal.pdf"):
        result = render_pdf(page(hostile))
    text = pdf_text(result.data)
    assert "Steppe Solar" in text
    assert "root:" not in text and "/bin/" not in text
    assert "owned" not in text
    assert "file:///etc/passwd" in result.refused
    assert "http://127.0.0.2:9/x" in result.refused
    assert "PDF fetcher refused file:///etc/passwd" in caplog.text
    assert "PDF fetcher refused http://127.0.0.2:9/x" in caplog.text
    assert listener == []


def test_the_pdf_is_tagged_searchable_and_carries_title_language_and_author():
    html = page(
        '<h1>环境影响评价报告</h1><p dir="rtl" lang="ar">تقرير التقييم البيئي</p><p>Оценка воздействия</p>',
        lang="zh-hans",
        title="项目报告",
    )
    result = render_pdf(html)
    reader = PdfReader(io.BytesIO(result.data))
    text = pdf_text(result.data)
    assert "环境影响评价报告" in text
    assert "Оценка воздействия" in text
    assert "التقييم" in text
    assert reader.metadata.title == "项目报告"
    assert reader.metadata.author == "Green Belt and Road Environmental Portal"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "zh-hans"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    fonts = {str(f["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].get_object().values()}
    assert any("Noto-Sans-CJK" in f for f in fonts)
    assert any("Naskh-Arabic" in f or "Sans-Arabic" in f for f in fonts)


# --- the state table --------------------------------------------------------------------------

PAIRS = [(a, b) for a in ArtefactState.values for b in ArtefactState.values]


@pytest.mark.parametrize(("source", "target"), PAIRS)
def test_every_state_move_is_allowed_or_refused_by_the_table(source, target):
    artefact = Artefact(kind="k", subject_id="1", language="en", version=1, state=source)
    allowed = target in TRANSITIONS[source]
    assert can_transition(artefact, to=target) is allowed
    if allowed:
        ensure_transition(artefact, to=target)
    else:
        with pytest.raises(ServiceError):
            ensure_transition(artefact, to=target)


def test_a_ready_artefact_never_moves_again():
    assert TRANSITIONS[ArtefactState.READY] == set()


# --- the pipeline with a small kind of our own --------------------------------------------------


@pytest.fixture
def note_kind():
    """A kind whose inputs are the organisation's name; rendered with the shared base template."""
    kind = ArtefactKind(
        code="test_note",
        template="pdf/base.html",
        build=lambda *, subject, language: {"name": subject.name},
        title=lambda inputs: f"Note on {inputs['name']}",
        url=lambda artefact: "/workspace/organisation/",
    )
    artefact_kind_register(kind)
    return kind


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.django_db
def test_same_inputs_give_one_artefact_and_a_change_the_next_version(
    note_kind, acme, alice, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = artefact_request(kind="test_note", subject=acme, language="en", requested_by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        again = artefact_request(kind="test_note", subject=acme, language="en", requested_by=alice)
    assert again.pk == first.pk
    first.refresh_from_db()
    assert first.state == ArtefactState.READY and first.version == 1
    assert first.page_count == 1
    assert len(first.sha256) == 64 and first.size == len(Path(first.file.path).read_bytes())

    acme.name = "Acme Overseas Power (renamed)"
    acme.save(update_fields=["name"])
    with django_capture_on_commit_callbacks(execute=True):
        second = artefact_request(kind="test_note", subject=acme, language="en", requested_by=alice)
    second.refresh_from_db()
    assert second.version == 2 and second.pk != first.pk and second.state == ArtefactState.READY
    assert Path(first.file.path).exists() and Path(second.file.path).exists()
    assert first.file.name != second.file.name
    assert [p.name for p in files_under(media)] == sorted(Path(a.file.name).name for a in (first, second))


@pytest.mark.django_db
def test_each_language_is_its_own_artefact(note_kind, acme, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        en = artefact_request(kind="test_note", subject=acme, language="en")
        ar = artefact_request(kind="test_note", subject=acme, language="ar")
    assert en.pk != ar.pk and en.version == ar.version == 1


@pytest.mark.django_db
def test_it_refuses_an_unknown_kind_or_language(note_kind, acme):
    with pytest.raises(ServiceError):
        artefact_request(kind="nope", subject=acme, language="en")
    with pytest.raises(ServiceError):
        artefact_request(kind="test_note", subject=acme, language="xx")


@pytest.mark.django_db
def test_the_requester_finds_it_in_the_inbox(note_kind, acme, alice, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        artefact_request(kind="test_note", subject=acme, language="en", requested_by=alice)
    note = Notification.objects.get(user=alice)
    assert "Note on Acme Overseas Power" in note.title
    assert note.url == "/workspace/organisation/"


@pytest.mark.django_db
def test_every_move_is_in_the_audit_trail(note_kind, acme, alice, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        artefact = artefact_request(kind="test_note", subject=acme, language="en", requested_by=alice)
    actions = list(AuditEvent.objects.filter(target_id=str(artefact.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["artefact.rendered", "artefact.requested"]


@pytest.mark.django_db
def test_a_broken_template_fails_with_a_readable_reason_and_can_be_asked_again(
    note_kind, acme, media, django_capture_on_commit_callbacks
):
    artefact_kind_register(
        ArtefactKind(code="test_broken", template="pdf/no-such-template.html", build=note_kind.build, title=str)
    )
    with django_capture_on_commit_callbacks(execute=True):
        artefact = artefact_request(kind="test_broken", subject=acme, language="en")
    artefact.refresh_from_db()
    assert artefact.state == ArtefactState.FAILED
    assert "could not be rendered" in artefact.failure_reason
    assert files_under(media) == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        again = artefact_request(kind="test_broken", subject=acme, language="en")
    assert again.pk == artefact.pk and again.state == ArtefactState.QUEUED
    for callback in callbacks:  # the render is queued again (and the public cache told)
        callback()
    again.refresh_from_db()
    assert again.state == ArtefactState.FAILED  # rendered again, and failed again with its reason


@pytest.mark.django_db
def test_a_transient_storage_error_gives_it_back_to_the_queue(note_kind, acme, media, monkeypatch):
    artefact = artefact_request(kind="test_note", subject=acme, language="en")
    real_store = artefacts._store
    calls = []

    def flaky_store(artefact, data):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("disk full")
        return real_store(artefact, data)

    monkeypatch.setattr(artefacts, "_store", flaky_store)
    with pytest.raises(OSError):
        artefact_render(artefact_id=artefact.pk)
    artefact.refresh_from_db()
    assert artefact.state == ArtefactState.QUEUED and artefact.attempts == 1
    assert files_under(media) == []
    artefact_render(artefact_id=artefact.pk)  # the task's retry
    artefact.refresh_from_db()
    assert artefact.state == ArtefactState.READY and artefact.attempts == 2
    assert [p.suffix for p in files_under(media)] == [".pdf"]


@pytest.mark.django_db
def test_a_render_in_another_workers_hands_is_left_alone(note_kind, acme, media):
    artefact = artefact_request(kind="test_note", subject=acme, language="en")
    Artefact.objects.filter(pk=artefact.pk).update(state=ArtefactState.RENDERING, started_at=timezone.now())
    assert artefact_render(artefact_id=artefact.pk) is None
    assert Artefact.objects.get(pk=artefact.pk).state == ArtefactState.RENDERING
    assert files_under(media) == []


@pytest.mark.django_db
def test_a_ready_artefact_is_not_rendered_twice(note_kind, acme, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        artefact = artefact_request(kind="test_note", subject=acme, language="en")
    artefact.refresh_from_db()
    before = Path(artefact.file.path).read_bytes()
    assert artefact_render(artefact_id=artefact.pk) is None
    assert Path(artefact.file.path).read_bytes() == before


@pytest.mark.django_db
def test_a_stale_attempt_writes_nothing(note_kind, acme, media):
    """Attempt 1 lost its worker; the stuck job requeued it and attempt 2 started. When attempt 1
    comes back to life it finds the row no longer its own and leaves no file."""
    artefact = artefact_request(kind="test_note", subject=acme, language="en")
    Artefact.objects.filter(pk=artefact.pk).update(state=ArtefactState.RENDERING, attempts=2, started_at=timezone.now())
    assert artefacts._finish(artefact.pk, 1, b"%PDF-1.7 stale", 1) is None
    assert files_under(media) == []


@pytest.mark.django_db
def test_the_stuck_job_requeues_a_render_whose_worker_died(note_kind, acme, media, django_capture_on_commit_callbacks):
    artefact = artefact_request(kind="test_note", subject=acme, language="en")
    long_ago = timezone.now() - timedelta(hours=2)
    Artefact.objects.filter(pk=artefact.pk).update(state=ArtefactState.RENDERING, attempts=1, started_at=long_ago)
    # What a killed worker leaves at worst: a partial file of its attempt.
    partial = Path(media) / artefacts._final_name(artefact)
    partial.parent.mkdir(parents=True)
    partial = partial.with_name(partial.name + ".1.partial")
    partial.write_bytes(b"%PDF-1.7 half")
    with django_capture_on_commit_callbacks(execute=True):
        requeued = artefacts.artefact_requeue_stuck()
    assert requeued == [artefact.pk]
    artefact.refresh_from_db()
    assert artefact.state == ArtefactState.READY and artefact.attempts == 2
    assert [p.name for p in files_under(media)] == [Path(artefact.file.name).name]


@pytest.mark.django_db
def test_the_stuck_job_gives_up_after_the_last_attempt(note_kind, acme, media):
    artefact = artefact_request(kind="test_note", subject=acme, language="en")
    Artefact.objects.filter(pk=artefact.pk).update(
        state=ArtefactState.RENDERING, attempts=artefacts.MAX_ATTEMPTS, started_at=timezone.now() - timedelta(hours=2)
    )
    assert artefacts.artefact_requeue_stuck() == []
    artefact.refresh_from_db()
    assert artefact.state == ArtefactState.FAILED and artefact.failure_reason


@pytest.mark.django_db
def test_the_database_refuses_a_second_artefact_for_the_same_inputs(note_kind, acme):
    from django.db import IntegrityError, transaction

    artefact = artefact_request(kind="test_note", subject=acme, language="en")
    with pytest.raises(IntegrityError), transaction.atomic():
        Artefact.objects.create(
            kind=artefact.kind,
            subject_type=artefact.subject_type,
            subject_id=artefact.subject_id,
            language="en",
            inputs_hash=artefact.inputs_hash,
            version=2,
        )


def test_inputs_hash_is_canonical():
    a = artefacts.canonical_inputs({"b": 1, "a": [1, "x"], "c": {"z": None, "y": "中"}})
    b = artefacts.canonical_inputs({"c": {"y": "中", "z": None}, "a": [1, "x"], "b": 1})
    assert a == b and len(a[1]) == 64
