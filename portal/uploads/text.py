"""Small text uploads read into memory (a project site as GeoJSON or KML).

Threats: a huge file read into memory (capped before reading), a binary or another format
behind a ``.kml``/``.geojson`` name (decoded as UTF-8 and sniffed), an XML document type
declaration (entity expansion: refused here as the document checks refuse it).
"""

from django.utils.translation import gettext as _

from portal.errors import ServiceError

TEXT_MAX_BYTES = 2 * 1024 * 1024  # a site outline; real ones are a few kB


def check_text_upload(uploaded_file, *, extensions: dict[str, str], max_bytes: int = TEXT_MAX_BYTES) -> tuple[str, str]:
    """Return ``(text, format)`` of an uploaded text file whose extension maps to a format."""
    name = (uploaded_file.name or "").lower()
    fmt = next((f for ext, f in extensions.items() if name.endswith(ext)), None)
    if fmt is None:
        raise ServiceError(_("Upload a file of one of these types: %(types)s.") % {"types": ", ".join(extensions)})
    if uploaded_file.size is not None and uploaded_file.size > max_bytes:
        raise ServiceError(_("The file is larger than %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)})
    raw = uploaded_file.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ServiceError(_("The file is larger than %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)})
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ServiceError(_("The file is not UTF-8 text.")) from exc
    if "\x00" in text:
        raise ServiceError(_("The file is not UTF-8 text."))
    if "<!doctype" in text[:4096].lower() or "<!entity" in text.lower():
        raise ServiceError(_("XML files with a document type declaration are refused."))
    return text, fmt
