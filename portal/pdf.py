"""HTML → PDF: the portal's only WeasyPrint import.

Threat model. The HTML we render is our own template, but it carries text that enterprises,
editors and the public typed (project names, measure answers, profile text). Templates escape
that text; this module is the second wall for the day one of them does not. WeasyPrint fetches
every ``src``, ``href`` and CSS ``url()`` through a URL fetcher, so the fetcher decides what a
document may read:

- ``file://`` would read the worker's disk (``/etc/passwd``, settings, other tenants' media).
- ``http(s)://`` to anywhere else is server-side request forgery: the worker sits inside the
  network and could reach metadata services, Redis or PostgreSQL.
- ``data:`` is harmless in itself, but a huge one costs memory; it is capped.
- ``/static/../`` or ``/media/%2e%2e/`` would climb out of the two folders we serve.

So the fetcher serves exactly two things: files the static-files finders or storage know, and
files in the media storage, both addressed by the portal's own URLs (``SITE_URL`` +
``STATIC_URL``/``MEDIA_URL``). It never opens a socket. Everything else is refused and logged
(``portal.pdf`` logger, WARNING) with the URL, so an attempt shows in the worker's log.

Fonts come from the Debian packages (fonts-noto-core, fonts-noto-cjk) through fontconfig; the
stylesheet names them. Documents are tagged (PDF/UA-1 variant where WeasyPrint can make it,
which also writes the language and title into the catalogue and XMP metadata).
"""

from __future__ import annotations

import base64
import logging
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from weasyprint import HTML, URLFetcher
from weasyprint.urls import URLFetcherResponse

logger = logging.getLogger(__name__)

# A data: URL bigger than this is refused. Our templates inline only small SVG icons; a map is
# drawn as inline SVG markup, not as a data: URL. 256 KiB leaves room and bounds memory.
DATA_URL_MAX_BYTES = 256 * 1024
# A static or media file bigger than this is refused: images in reports are logos and figures,
# not the 25 MiB uploads a document register lists (those are listed, never embedded).
RESOURCE_MAX_BYTES = 10 * 1024 * 1024
# WeasyPrint's variant that tags the structure for screen readers (PDF/UA-1).
PDF_VARIANT = "pdf/ua-1"

_TYPES = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


class ResourceRefused(ValueError):
    """The document asked for something the fetcher does not serve."""


def base_url() -> str:
    """The base against which a template's relative ``/static/…`` URLs resolve."""
    return settings.SITE_URL.rstrip("/") + "/"


def _safe_relative(path: str, prefix: str) -> str | None:
    """The path under ``prefix`` if it stays inside it after decoding, else None."""
    rest = unquote(path[len(prefix) :])
    if not rest or "\\" in rest or "\x00" in rest:
        return None
    parts = rest.split("/")
    if any(p in ("", ".", "..") for p in parts):
        return None
    normal = posixpath.normpath(rest)
    if normal.startswith(("/", "..")) or normal != rest:
        return None
    return normal


class PortalURLFetcher(URLFetcher):
    """Serves the portal's static and media files; refuses and logs everything else."""

    def __init__(self):
        # No handler of the parent is ever used (``fetch`` is replaced); fail_on_errors=False
        # so a refused image is left out and the rest of the document still renders.
        super().__init__(allowed_protocols=(), fail_on_errors=False)
        site = urlsplit(base_url())
        self._origin = (site.scheme, site.netloc)
        self.refused: list[str] = []

    def refuse(self, url: str, why: str) -> ResourceRefused:
        shown = url if len(url) < 200 else url[:200] + "…"
        logger.warning("PDF fetcher refused %s: %s", shown, why)
        self.refused.append(url)
        return ResourceRefused(f"refused: {why}")

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return self._data(url)
        if scheme in ("http", "https") and (scheme, parts.netloc) == self._origin:
            if parts.path.startswith(settings.STATIC_URL):
                return self._static(url, parts.path)
            if parts.path.startswith(settings.MEDIA_URL):
                return self._media(url, parts.path)
            raise self.refuse(url, "not a static or media path of the portal")
        if scheme == "file":
            raise self.refuse(url, "local files are never read")
        raise self.refuse(url, "outside the portal")

    def _data(self, url: str) -> URLFetcherResponse:
        header, sep, payload = url[5:].partition(",")
        if not sep:
            raise self.refuse(url, "malformed data: URL")
        # Base64 grows data by 4/3; percent-encoding by up to 3x. Check the encoded length first
        # so a huge URL is never decoded at all.
        if len(payload) > DATA_URL_MAX_BYTES * 3:
            raise self.refuse(url, "data: URL too large")
        body = base64.b64decode(payload) if header.endswith(";base64") else unquote_to_bytes(payload)
        if len(body) > DATA_URL_MAX_BYTES:
            raise self.refuse(url, "data: URL too large")
        mime = header.removesuffix(";base64").split(";")[0] or "text/plain"
        return URLFetcherResponse(url, body, {"Content-Type": mime})

    def _read(self, url: str, opened, name: str) -> URLFetcherResponse:
        with opened as handle:
            body = handle.read(RESOURCE_MAX_BYTES + 1)
        if len(body) > RESOURCE_MAX_BYTES:
            raise self.refuse(url, "file too large")
        mime = _TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(url, body, {"Content-Type": mime})

    def _static(self, url: str, path: str) -> URLFetcherResponse:
        name = _safe_relative(path, settings.STATIC_URL)
        if name is None:
            raise self.refuse(url, "path leaves the static folder")
        found = finders.find(name)
        if found:
            return self._read(url, open(found, "rb"), name)  # noqa: SIM115 - closed in _read
        if staticfiles_storage.exists(name):
            return self._read(url, staticfiles_storage.open(name, "rb"), name)
        raise self.refuse(url, "no such static file")

    def _media(self, url: str, path: str) -> URLFetcherResponse:
        name = _safe_relative(path, settings.MEDIA_URL)
        if name is None:
            raise self.refuse(url, "path leaves the media folder")
        if not default_storage.exists(name):
            raise self.refuse(url, "no such media file")
        return self._read(url, default_storage.open(name, "rb"), name)


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    page_count: int
    refused: tuple[str, ...]


def render_pdf(html: str, *, variant: str | None = PDF_VARIANT) -> RenderedPdf:
    """Render ``html`` (a whole document with ``<html lang>`` and ``<title>``) to PDF bytes.

    Title, language and ``<meta name=author>`` become the PDF metadata; the structure is tagged.
    Only this function talks to WeasyPrint, so every artefact gets the same fetcher and options.
    """
    fetcher = PortalURLFetcher()
    document = HTML(string=html, base_url=base_url(), url_fetcher=fetcher).render(pdf_variant=variant, pdf_tags=True)
    data = document.write_pdf(pdf_variant=variant, pdf_tags=True)
    return RenderedPdf(data=data, page_count=len(document.pages), refused=tuple(fetcher.refused))
