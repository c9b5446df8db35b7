"""Print a digest of every record the portal keeps (count and SHA-256 per table, and of the media
files), as JSON: run it before a backup and after a restore, and compare (README, "Backup and
restore"). Two databases hold the same records exactly when their digests are equal."""

import hashlib
import json
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand

APPS = ("portal", "knowledge", "assessments")


def table_digest(model) -> dict:
    fields = [f.attname for f in model._meta.concrete_fields]
    digest = hashlib.sha256()
    count = 0
    for row in model._default_manager.order_by("pk").values_list(*fields).iterator(chunk_size=2000):
        digest.update(json.dumps(row, default=str, ensure_ascii=False).encode())
        count += 1
    return {"count": count, "sha256": digest.hexdigest()}


def media_digest() -> dict:
    root = Path(settings.MEDIA_ROOT)
    if not isinstance(storages["default"], FileSystemStorage) or not root.exists():
        # Media on S3: the bucket's own versioning and replication keep it (README).
        return {"files": None, "sha256": None}
    digest = hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return {"files": len(files), "sha256": digest.hexdigest()}


class Command(BaseCommand):
    help = "Print counts and checksums of every table of the portal and of the media files (JSON)."

    def handle(self, *args, **options):
        tables = {
            model._meta.label: table_digest(model)
            for label in APPS
            for model in apps.get_app_config(label).get_models()
            if not model._meta.proxy
        }
        self.stdout.write(json.dumps({"tables": tables, "media": media_digest()}, indent=1, sort_keys=True))
