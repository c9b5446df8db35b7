"""Media storage that leaves nothing half-written (portal/storage.py): a full disk refuses an
upload with a message, keeps no row and no file; otherwise files are stored, never overwritten.

The full-disk tests use a real size-capped folder (a 1 MiB tmpfs), which needs root; without
it they skip and say so (CI runs as root)."""

import os
import shutil
import subprocess

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from assessments.models import Document, DocumentVersion
from portal.errors import StorageFullError
from portal.models import AuditEvent
from portal.storage import AtomicFileSystemStorage
from tests.assessments.conftest import kazakhstan, project, rules  # noqa: F401 - fixtures used here


def files_in(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def full_disk(tmp_path, settings):
    """A 1 MiB tmpfs as MEDIA_ROOT, filled to the last byte."""
    root = tmp_path / "capped"
    root.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("needs root to mount a size-capped tmpfs")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(root)], capture_output=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        subprocess.run(["dd", "if=/dev/zero", f"of={root / 'filler.bin'}", "bs=64k"], capture_output=True)
        settings.MEDIA_ROOT = root
        yield root
    finally:
        subprocess.run(["umount", str(root)], check=False)


def test_it_stores_a_file_and_never_overwrites_one(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)
    first = storage.save("docs/report.csv", ContentFile(b"a,b\n1,2\n"))
    second = storage.save("docs/report.csv", ContentFile(b"a,b\n3,4\n"))
    assert first != second
    assert storage.open(first).read() == b"a,b\n1,2\n"
    assert storage.open(second).read() == b"a,b\n3,4\n"
    # No temporary file is left beside them, and permissions are the usual ones.
    assert files_in(tmp_path) == sorted([first, second])
    assert oct(os.stat(tmp_path / first).st_mode & 0o777) == "0o644"


def test_a_full_disk_raises_storage_full_and_leaves_no_file(full_disk):
    storage = AtomicFileSystemStorage(location=full_disk)
    with pytest.raises(StorageFullError) as refused:
        storage.save("docs/big.csv", ContentFile(b"x" * 200_000))
    assert "file store is full" in str(refused.value.message)
    assert files_in(full_disk) == ["filler.bin"]


@pytest.mark.django_db
def test_an_upload_on_a_full_disk_is_a_503_with_a_message_and_nothing_is_kept(full_disk, alice, project):  # noqa: F811
    api = APIClient()
    api.force_authenticate(alice)
    events = AuditEvent.objects.count()
    response = api.post(
        f"/api/v1/projects/{project.pk}/documents/",
        {
            "file": SimpleUploadedFile("monitoring.csv", b"day,pm10\n" + b"1,20.5\n" * 40_000, "text/csv"),
            "kind": "monitoring",
        },
        format="multipart",
    )
    assert response.status_code == 503
    assert "file store is full" in response.json()["detail"]
    assert Document.objects.count() == 0 and DocumentVersion.objects.count() == 0
    assert AuditEvent.objects.count() == events
    assert files_in(full_disk) == ["filler.bin"]
    # Room again: the same upload is stored.
    (full_disk / "filler.bin").unlink()
    again = api.post(
        f"/api/v1/projects/{project.pk}/documents/",
        {
            "file": SimpleUploadedFile("monitoring.csv", b"day,pm10\n" + b"1,20.5\n" * 40_000, "text/csv"),
            "kind": "monitoring",
        },
        format="multipart",
    )
    assert again.status_code == 201, again.content
    assert DocumentVersion.objects.count() == 1
