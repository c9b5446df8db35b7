#!/usr/bin/env bash
# Back up the portal: a custom-format pg_dump of DATABASE_URL, a copy of the media folder and
# the records digest taken at the same time. Usage: ops/backup.sh DIR  (see README, "Backup and
# restore"). Run it from a maintenance window or against a quiet replica so that the digest
# and the dump see the same records.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: ops/backup.sh DIR}"
mkdir -p "$out"
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database}"
media="${MEDIA_ROOT:-var/media}"
.venv/bin/python manage.py records_digest > "$out/digest.json"
pg_dump --format=custom --no-owner --file="$out/portal.dump" "$DATABASE_URL"
tar -C "$(dirname "$media")" -cf "$out/media.tar" "$(basename "$media")" 2>/dev/null || tar -cf "$out/media.tar" -T /dev/null
sha256sum "$out/portal.dump" "$out/media.tar" > "$out/SHA256SUMS"
echo "backup: $(du -sh "$out" | cut -f1) in $out"
