"""Documents through the page and the API: hostile files are refused with a message and
nothing is stored; a new upload is a new version and nothing is overwritten."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from assessments.models import Document, DocumentVersion
from tests.factories import pdf_bytes


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media):
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def js_pdf() -> bytes:
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    def open_action(writer):
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
        )

    return pdf_bytes(open_action)


def zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z, z.open("zeros.csv", "w") as f:
        chunk = b"0" * (1024 * 1024)
        for _ in range(300):
            f.write(chunk)
    return buf.getvalue()


HOSTILE = [
    ("exe-as-pdf", "report.pdf", b"MZ\x90\x00" + b"\x00" * 60 + b"PE\x00\x00" + b"\x00" * 400, "executable"),
    ("pdf-with-javascript", "report.pdf", None, "JavaScript"),
    ("zip-bomb", "data.zip", None, "MB"),
    ("empty", "empty.pdf", b"", "empty"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "filename", "content", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_the_page_refuses_hostile_files_and_stores_nothing(
    login, alice, project, media, name, filename, content, message
):
    content = {"pdf-with-javascript": js_pdf, "zip-bomb": zip_bomb}.get(name, lambda: content)()
    response = login(alice).post(
        reverse("assessments:project-documents", args=[project.pk]),
        {"kind": "eia_report", "visibility": "regulators", "file": SimpleUploadedFile(filename, content)},
    )
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert Document.objects.count() == DocumentVersion.objects.count() == 0
    assert stored_files(media) == []


@pytest.mark.django_db
def test_an_oversize_file_is_refused(login, alice, project, media, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    response = login(alice).post(
        reverse("assessments:project-documents", args=[project.pk]),
        {
            "kind": "eia_report",
            "visibility": "regulators",
            "file": SimpleUploadedFile("big.pdf", pdf_bytes() + b"%" * 2048),
        },
    )
    assert response.status_code == 400
    assert "MB" in response.content.decode()
    assert stored_files(media) == []


@pytest.mark.django_db
def test_a_traversal_filename_is_sanitised(alice, project, media):
    api = APIClient()
    api.force_authenticate(alice)
    response = api.post(
        f"/api/v1/projects/{project.pk}/documents/",
        {"file": SimpleUploadedFile("../../etc/passwd.pdf", pdf_bytes()), "kind": "eia_report"},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert response.json()["original_name"] == "passwd.pdf"
    (path,) = stored_files(media)
    assert path.name == "passwd.pdf" and media in path.parents


@pytest.mark.django_db
def test_a_new_upload_is_a_new_version_and_nothing_is_overwritten(login, alice, project, media):
    client = login(alice)
    # A revised PDF (two pages); bytes after %%EOF are refused since issue 9 (test_uploads).
    first, second = pdf_bytes(), pdf_bytes(pages=2)
    client.post(
        reverse("assessments:project-documents", args=[project.pk]),
        {
            "kind": "eia_report",
            "visibility": "regulators",
            "title": "EIA",
            "file": SimpleUploadedFile("eia.pdf", first),
        },
    )
    document = Document.objects.get()
    client.post(
        reverse("assessments:project-documents", args=[project.pk]),
        {"document": document.pk, "file": SimpleUploadedFile("eia.pdf", second)},
    )
    v1, v2 = document.versions.order_by("number")
    assert (v1.number, v2.number) == (1, 2)
    assert v1.file.name != v2.file.name
    assert v1.sha256 == hashlib.sha256(first).hexdigest() and v2.sha256 == hashlib.sha256(second).hexdigest()
    assert len(stored_files(media)) == 2
    download = client.get(reverse("assessments:document-download", args=[project.pk, v1.pk]))
    assert b"".join(download.streaming_content) == first
