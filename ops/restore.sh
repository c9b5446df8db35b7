#!/usr/bin/env bash
# Restore a backup made by ops/backup.sh into an EMPTY database (DATABASE_URL) and media folder
# (MEDIA_ROOT), then prove it: the records digest of the restored copy must equal the one taken
# at backup time. Usage: ops/restore.sh DIR. Exit status 0 only when every table and the media
# came back identical.
set -euo pipefail
cd "$(dirname "$0")/.."
in="${1:?usage: ops/restore.sh DIR}"
: "${DATABASE_URL:?set DATABASE_URL to the empty database to restore into}"
: "${MEDIA_ROOT:?set MEDIA_ROOT to the empty media folder to restore into}"
(cd "$in" && sha256sum --check --quiet SHA256SUMS)
pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" "$in/portal.dump"
mkdir -p "$MEDIA_ROOT"
tar -C "$(dirname "$MEDIA_ROOT")" -xf "$in/media.tar" --transform "s,^[^/]*,$(basename "$MEDIA_ROOT"),"
.venv/bin/python manage.py records_digest > "$in/digest.restored.json"
if diff -q "$in/digest.json" "$in/digest.restored.json" >/dev/null; then
  echo "restore: every table and the media match the backup's digest"
  # The digest proves the copy equals the backup; the hash chain proves the trail in it was
  # not edited before the backup either.
  .venv/bin/python manage.py audit_verify
else
  echo "restore: MISMATCH"; diff "$in/digest.json" "$in/digest.restored.json" | head -40; exit 1
fi
