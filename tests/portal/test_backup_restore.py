"""The backup and restore drill (issue 17.4), as an operator runs it: ops/backup.sh dumps the
database and copies the media with a records digest; ops/restore.sh restores into an empty
database and folder and proves, table by table and file by file, that everything came back."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

# The assessment tests' fixtures (a project of Acme's), imported so pytest finds them here.
from tests.assessments.conftest import kazakhstan, project, rules  # noqa: F401
from tests.factories import pdf_bytes
from tests.services import requires_postgres

ROOT = Path(__file__).resolve().parents[2]


def _url(name: str) -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _sql(statement: str, database: str = "postgres") -> None:
    subprocess.run(["psql", "-q", "-d", _url(database), "-c", statement], check=True, capture_output=True)


def _run(args, **env):
    return subprocess.run(
        args,
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_with_every_record_and_file(tmp_path, project, alice):  # noqa: F811
    from assessments.services import document_upload

    document_upload(
        project=project,
        uploaded_by=alice,
        kind="eia_report",
        title="EIA for the drill",
        file=SimpleUploadedFile("eia.pdf", pdf_bytes(pages=2), content_type="application/pdf"),
    )
    source = _url(settings.DATABASES["default"]["NAME"])
    restored_name = f"restore_drill_{os.getpid()}"
    restored = _url(restored_name)
    backup = tmp_path / "backup"
    _sql(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')
    _sql(f'CREATE DATABASE "{restored_name}" TEMPLATE template0')
    try:
        made = _run(["ops/backup.sh", str(backup)], DATABASE_URL=source, MEDIA_ROOT=str(settings.MEDIA_ROOT))
        assert made.returncode == 0, made.stderr[-2000:]
        digest = json.loads((backup / "digest.json").read_text())
        for label in ("assessments.Project", "assessments.DocumentVersion", "portal.AuditEvent"):
            assert digest["tables"][label]["count"] >= 1, label
        assert digest["media"]["files"] >= 1

        back = _run(["ops/restore.sh", str(backup)], DATABASE_URL=restored, MEDIA_ROOT=str(tmp_path / "restored-media"))
        assert back.returncode == 0, back.stdout[-2000:] + back.stderr[-2000:]
        assert "every table and the media match" in back.stdout
        # The restored trail's hash chain is whole, and ends where the source's does.
        head = _run([".venv/bin/python", "manage.py", "audit_verify"], DATABASE_URL=source).stdout.split(" head ")[1][
            :64
        ]
        assert (
            f"audit trail intact: {digest['tables']['portal.AuditEvent']['count']} events, head {head}" in back.stdout
        )

        # The comparison can fail: one edited project name in the copy changes its digest.
        _sql("UPDATE assessments_project SET name = name || ' (edited)'", restored_name)
        after = _run([".venv/bin/python", "manage.py", "records_digest"], DATABASE_URL=restored)
        assert json.loads(after.stdout)["tables"]["assessments.Project"] != digest["tables"]["assessments.Project"]
    finally:
        _sql(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')
