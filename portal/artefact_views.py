"""Shared HTTP helpers for artefacts: the download response and the polled state with ETag.

Apps write their own views (they know who may see a subject); these keep the responses the
same everywhere.
"""

import hashlib
import json

from django.http import FileResponse, HttpResponse
from django.utils.text import slugify

from portal.models import Artefact


def artefact_filename(artefact: Artefact) -> str:
    base = slugify(f"{artefact.kind}-{artefact.subject_id}-{artefact.language}-v{artefact.version}")
    return f"{base}.pdf"


def artefact_download_response(artefact: Artefact, *, inline: bool = False) -> FileResponse:
    """The PDF, with its SHA-256 in a header so a client can check what it received."""
    response = FileResponse(
        artefact.file.open("rb"),
        as_attachment=not inline,
        filename=artefact_filename(artefact),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Artefact-SHA256"] = artefact.sha256
    # A ready artefact never changes: cache freely (private: it may be an enterprise's report).
    response["Cache-Control"] = "private, max-age=86400, immutable"
    response["ETag"] = f'"{artefact.sha256}"'
    return response


def artefact_state(artefact: Artefact, *, download_url: str = "") -> dict:
    """What a page or client needs to show an artefact's state."""
    return {
        "id": artefact.pk,
        "kind": artefact.kind,
        "language": artefact.language,
        "language_label": str(artefact.get_language_display()),
        "version": artefact.version,
        "state": artefact.state,
        "state_label": str(artefact.get_state_display()),
        "failure_reason": artefact.failure_reason,
        "page_count": artefact.page_count,
        "size": artefact.size,
        "sha256": artefact.sha256,
        "created_at": artefact.created_at.isoformat(),
        "finished_at": artefact.finished_at.isoformat() if artefact.finished_at else None,
        "download_url": download_url if artefact.is_ready else "",
    }


def json_with_etag(request, payload: dict) -> HttpResponse:
    """JSON answered with a strong ETag; a matching ``If-None-Match`` gets 304 and no body,
    so a page polling an unchanged state costs one small round trip."""
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response
