"""Checks every uploaded project document before anyone stores, previews or downloads it.

Reviewers at authorities open what enterprises upload, so an upload is treated as hostile until
its content (not its name or the browser's claimed type) shows it is one of the few document
kinds the portal needs. The checks only read: archives are judged from their directory and
never extracted to disk (an archive inside an archive is opened in memory, capped, so what it
unpacks to counts too), PDFs are parsed but never rendered, and a PDF, JPEG or PNG must end
where its format says it ends, so no second file or web page rides along behind it.

Services call ``check_upload`` and store the ``CheckedUpload`` it returns; every refusal is a
``ServiceError`` whose message tells the person what to do instead.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import magic
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from portal.errors import ServiceError

__all__ = ["ALLOWED_TYPES", "CheckedUpload", "check_upload", "sanitise_filename"]

MAGIC_HEAD_BYTES = 8 * 1024
NAME_MAX_LENGTH = 120
ZIP_MAX_ENTRIES = 10_000
ZIP_MAX_TOTAL_BYTES = 200 * 1024 * 1024
ZIP_MAX_RATIO = 100
# A tiny archive of repetitive data can exceed the ratio while expanding to nothing that
# matters; the ratio only counts once the expanded size could hurt a server or a laptop.
ZIP_RATIO_FLOOR_BYTES = 10 * 1024 * 1024
# Walking a PDF's object graph is Python work per object; a cap keeps one upload from
# occupying a worker for minutes.
PDF_MAX_OBJECTS = 50_000
# Archives inside archives: each level is opened (never extracted to disk) to add what it
# unpacks to to the expansion cap; a nested archive is read into memory to do that, so it is
# capped, and so is the depth (42.zip-style bombs nest five levels of 16 archives).
ZIP_MAX_DEPTH = 3
ZIP_NESTED_MAX_BYTES = 50 * 1024 * 1024
# What may follow a file's end marker (%%EOF, JPEG EOI, PNG IEND): line ends and padding
# that some scanners add; anything else is another file or markup riding along.
_TRAILING_PADDING = b" \t\r\n\x00"
_TRAILING_SLACK_BYTES = 1024

_MIB = 1024 * 1024
_OOXML_MIME = "application/vnd.openxmlformats-officedocument."
_DOCX_MIME = _OOXML_MIME + "wordprocessingml.document"
_XLSX_MIME = _OOXML_MIME + "spreadsheetml.sheet"
_PPTX_MIME = _OOXML_MIME + "presentationml.presentation"
_ODT_MIME = "application/vnd.oasis.opendocument.text"
_ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet"
_KML_MIME = "application/vnd.google-earth.kml+xml"
_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class CheckedUpload:
    """What a service needs to store an upload that passed every check.

    ``mime`` is the type the content was verified to be, spelled canonically for the extension
    (a .docx is served as a Word document even when libmagic only recognised a ZIP), so it is
    safe to use as the Content-Type. ``extension`` is lower case with its dot, e.g. ".pdf".
    """

    name: str
    size: int
    sha256: str
    mime: str
    extension: str

    def stored_fields(self, uploaded_file) -> dict:
        """The fields every stored-file model shares (``file``, ``original_name``, ``size``,
        ``sha256``, ``mime``), the file renamed to its sanitised name."""
        uploaded_file.name = self.name
        return {
            "file": uploaded_file,
            "original_name": self.name,
            "size": self.size,
            "sha256": self.sha256,
            "mime": self.mime,
        }


# --- File names ---------------------------------------------------------------------------------

_SAFE_PUNCTUATION = frozenset(" -_.()")
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {f"LPT{i}" for i in range(1, 10)}
)


def sanitise_filename(name: str) -> str:
    """Return a display and download name that cannot escape a folder or fool a reader.

    Keeps letters of any script (a Chinese report title stays readable), digits and
    `` -_.()``; drops directories, ``..``, control and bidi-override characters (which can
    make "report‮fdp.exe" look like a PDF) and leading dots (hidden files). Never empty.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    kept: list[str] = []
    for ch in name:
        category = unicodedata.category(ch)
        if ch.isspace():
            kept.append(" ")
        elif category.startswith("C"):
            continue
        elif ch.isalnum() or category.startswith("M") or ch in _SAFE_PUNCTUATION:
            kept.append(ch)
        elif not kept or kept[-1] != "_":
            kept.append("_")
    name = re.sub(r"\.{2,}", ".", "".join(kept))
    name = re.sub(r" {2,}", " ", name)

    stem, dot, extension = name.rpartition(".")
    if not dot or not extension.isalnum() or len(extension) > 16:
        stem, extension = name, ""
    extension = extension.lower()
    # A leading "-" reads as an option to command-line tools that reviewers may use.
    stem = stem.lstrip(" .-").rstrip(" .")
    if not any(ch.isalnum() for ch in stem):
        stem = "document"
    if stem.split(".")[0].upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    suffix = f".{extension}" if extension else ""
    stem = stem[: NAME_MAX_LENGTH - len(suffix)].rstrip(" .") or "document"
    return stem + suffix


# --- Types we accept -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _FileType:
    label: str
    mimes: frozenset[str]
    canonical_mime: str
    inspect: Callable[..., None] | None = None


# libmagic's labels for what a file really is, used to tell people what they uploaded.
_CONTENT_LABELS = {
    "application/pdf": gettext_lazy("a PDF document"),
    _DOCX_MIME: gettext_lazy("a Word document"),
    _XLSX_MIME: gettext_lazy("an Excel workbook"),
    _PPTX_MIME: gettext_lazy("a PowerPoint presentation"),
    _ODT_MIME: gettext_lazy("an OpenDocument text"),
    _ODS_MIME: gettext_lazy("an OpenDocument spreadsheet"),
    "application/zip": gettext_lazy("a ZIP archive"),
    "application/json": gettext_lazy("a JSON file"),
    "text/plain": gettext_lazy("a plain text file"),
    "text/csv": gettext_lazy("a CSV file"),
    "text/xml": gettext_lazy("an XML file"),
    "application/xml": gettext_lazy("an XML file"),
    "text/html": gettext_lazy("a web page (HTML)"),
    "image/png": gettext_lazy("a PNG image"),
    "image/jpeg": gettext_lazy("a JPEG image"),
    "image/gif": gettext_lazy("a GIF image"),
    "image/tiff": gettext_lazy("a TIFF image"),
    "image/webp": gettext_lazy("a WebP image"),
    "image/svg+xml": gettext_lazy("an SVG image"),
    "application/x-rar": gettext_lazy("a RAR archive"),
    "application/x-7z-compressed": gettext_lazy("a 7-Zip archive"),
    "application/gzip": gettext_lazy("a gzip archive"),
}

# Content whose obvious extension we can suggest when only the name is wrong.
_EXTENSION_FOR_MIME = {
    "application/pdf": ".pdf",
    _DOCX_MIME: ".docx",
    _XLSX_MIME: ".xlsx",
    _PPTX_MIME: ".pptx",
    _ODT_MIME: ".odt",
    _ODS_MIME: ".ods",
    "image/png": ".png",
    "image/jpeg": ".jpg",
}

_PROGRAM_LABELS = {
    "application/x-dosexec": gettext_lazy("a Windows executable"),
    "application/vnd.microsoft.portable-executable": gettext_lazy("a Windows executable"),
    "application/x-msdownload": gettext_lazy("a Windows executable"),
    "application/x-msi": gettext_lazy("a Windows installer"),
    "application/x-ms-installer": gettext_lazy("a Windows installer"),
    "application/x-ms-shortcut": gettext_lazy("a Windows shortcut"),
    "application/x-executable": gettext_lazy("a Linux executable (ELF)"),
    "application/x-pie-executable": gettext_lazy("a Linux executable (ELF)"),
    "application/x-sharedlib": gettext_lazy("a Linux program library (ELF)"),
    "application/x-object": gettext_lazy("a compiled program file (ELF)"),
    "application/x-mach-binary": gettext_lazy("a macOS executable (Mach-O)"),
    "application/x-java-applet": gettext_lazy("a Java program"),
    "application/java-archive": gettext_lazy("a Java program (JAR)"),
    "application/x-bytecode.python": gettext_lazy("a compiled Python program"),
    "text/x-shellscript": gettext_lazy("a shell script"),
    "application/x-shellscript": gettext_lazy("a shell script"),
    "text/x-msdos-batch": gettext_lazy("a Windows batch script"),
    "text/x-perl": gettext_lazy("a Perl script"),
    "text/x-ruby": gettext_lazy("a Ruby script"),
    "text/x-php": gettext_lazy("a PHP script"),
    "text/x-tcl": gettext_lazy("a Tcl script"),
    "text/x-lua": gettext_lazy("a Lua script"),
    "text/x-awk": gettext_lazy("an awk script"),
    "application/javascript": gettext_lazy("a JavaScript program"),
    "text/javascript": gettext_lazy("a JavaScript program"),
}

# First bytes that mean "program" even when libmagic's verdict is vaguer.
_PROGRAM_SIGNATURES = (
    (b"\x7fELF", gettext_lazy("a Linux executable (ELF)")),
    (b"\xfe\xed\xfa\xce", gettext_lazy("a macOS executable (Mach-O)")),
    (b"\xfe\xed\xfa\xcf", gettext_lazy("a macOS executable (Mach-O)")),
    (b"\xce\xfa\xed\xfe", gettext_lazy("a macOS executable (Mach-O)")),
    (b"\xcf\xfa\xed\xfe", gettext_lazy("a macOS executable (Mach-O)")),
    (b"\xca\xfe\xba\xbe", gettext_lazy("a macOS or Java program")),
    (b"#!", gettext_lazy("a script")),
)

_OLE_MIMES = frozenset(
    {
        "application/x-ole-storage",
        "application/CDFV2",
        "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.ms-powerpoint",
        "application/vnd.ms-office",
    }
)
_LEGACY_OFFICE_EXTENSIONS = frozenset({".doc", ".dot", ".xls", ".xlt", ".ppt", ".pot", ".pps"})
_MACRO_EXTENSIONS = frozenset(
    {".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".xlsb", ".pptm", ".potm", ".ppsm", ".ppam", ".sldm"}
)

# libmagic calls some ordinary text "source code" (a note whose lines start with "C " is
# FORTRAN to it). Stored as .txt or .csv such text cannot run, so it is still text; real
# scripts are refused before this list is consulted.
_TEXT_LOOKALIKES = frozenset(
    {"text/x-fortran", "text/x-c", "text/x-c++", "text/x-asm", "text/x-makefile", "text/x-m4", "text/x-tex"}
)

# Programs and macro carriers inside a plain .zip: whoever unpacks it is one double-click away.
_RISKY_MEMBER_EXTENSIONS = frozenset(
    {
        ".exe", ".dll", ".scr", ".com", ".cpl", ".msi", ".msp", ".pif", ".lnk", ".reg", ".hta",
        ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh", ".jar",
        ".sh", ".bash", ".zsh", ".py", ".pl", ".rb", ".php", ".app", ".apk", ".so", ".dylib",
        ".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".xlsb", ".pptm", ".potm", ".ppsm", ".ppam",
        ".doc", ".dot", ".xls", ".xlt", ".ppt", ".pot", ".pps",
    }
)  # fmt: skip


# --- Reading ------------------------------------------------------------------------------------


def check_upload(uploaded_file: UploadedFile, *, max_bytes: int | None = None) -> CheckedUpload:
    """Accept an upload only if its content is an allowed, inert document; else ServiceError (400).

    The type comes from the bytes (libmagic), and the name's extension must agree with it, so a
    program renamed "report.pdf" is refused. Type-specific checks then refuse what can act on
    the reader's machine: PDF scripts and attachments, Office macros, zip bombs and zip slip.
    The file is left at position 0 for whoever stores it.
    """
    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    name = sanitise_filename(uploaded_file.name or "")
    extension = _extension_of(name)
    try:
        size, sha256, head = _read(uploaded_file, limit=limit)
        if size == 0:
            raise ServiceError(_("The file is empty. Please choose the file again and check that it opens."))
        try:
            mime = magic.from_buffer(head, mime=True)
        except magic.MagicException as exc:
            raise ServiceError(
                _("We could not tell what kind of file this is. Please upload one of: %(allowed)s.")
                % {"allowed": _allowed_list()}
            ) from exc
        file_type = _match_type(extension=extension, mime=mime, head=head)
        if file_type.inspect is not None:
            file_type.inspect(uploaded_file, extension=extension, mime=mime, head=head, size=size)
    finally:
        uploaded_file.seek(0)
    return CheckedUpload(name=name, size=size, sha256=sha256, mime=file_type.canonical_mime, extension=extension)


def _read(uploaded_file: UploadedFile, *, limit: int) -> tuple[int, str, bytes]:
    """Size, SHA-256 and the first bytes, in one pass that stops as soon as the cap is passed."""
    declared = getattr(uploaded_file, "size", None)
    if declared is not None and declared > limit:
        raise _too_large(limit)
    digest = hashlib.sha256()
    size = 0
    head = b""
    for chunk in uploaded_file.chunks():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        digest.update(chunk)
        if len(head) < MAGIC_HEAD_BYTES:
            head += chunk[: MAGIC_HEAD_BYTES - len(head)]
    return size, digest.hexdigest(), head


def _too_large(limit: int) -> ServiceError:
    return ServiceError(
        _("This file is larger than the %(limit)s MB limit. Please compress it or split it into smaller files.")
        % {"limit": _megabytes(limit)}
    )


def _megabytes(n: int) -> str:
    mb = n / _MIB
    decimals = 0 if mb == int(mb) else (1 if mb >= 1 else 3)
    return formats.number_format(round(mb, decimals), decimal_pos=decimals)


def _extension_of(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return f".{extension.lower()}" if dot and stem else ""


def _allowed_list() -> str:
    return ", ".join(ALLOWED_TYPES)


# --- Deciding the type ----------------------------------------------------------------------------


def _match_type(*, extension: str, mime: str, head: bytes) -> _FileType:
    """The allowed type this upload is, judged by content first and the extension second."""
    program = _program_label(head, mime)
    if program is not None:
        expected = ALLOWED_TYPES.get(extension)
        if expected is not None:
            message = _(
                "This file is %(actual)s (%(mime)s), not %(expected)s. "
                "Programs and scripts cannot be uploaded; please upload the document itself."
            )
        else:
            message = _(
                "This file is %(actual)s (%(mime)s). "
                "Programs and scripts cannot be uploaded; please upload the document itself."
            )
        raise ServiceError(message % {"actual": program, "mime": mime, "expected": expected.label if expected else ""})
    if mime == "application/encrypted":
        raise ServiceError(_encrypted_message())
    if mime in _OLE_MIMES or head.startswith(_OLE_SIGNATURE) or extension in _LEGACY_OFFICE_EXTENSIONS:
        raise ServiceError(
            _(
                "Old-format Office files (.doc, .xls, .ppt) can hide macros, so we do not accept them. "
                "Please save the file as .docx, .xlsx or PDF and upload that instead."
            )
        )
    if extension in _MACRO_EXTENSIONS:
        raise ServiceError(
            _(
                "%(extension)s files can contain macros (program code), so we do not accept them. "
                "Please save the file as .docx, .xlsx or .pptx without macros, or as PDF, and upload that."
            )
            % {"extension": extension}
        )
    if not extension:
        raise ServiceError(
            _(
                "This file name has no extension, so we cannot tell what kind of document it is meant to be. "
                "Please rename it to end in one of: %(allowed)s."
            )
            % {"allowed": _allowed_list()}
        )
    file_type = ALLOWED_TYPES.get(extension)
    if file_type is None:
        raise ServiceError(
            _("Files ending in %(extension)s are not accepted. Please upload one of: %(allowed)s.")
            % {"extension": extension, "allowed": _allowed_list()}
        )
    if mime not in file_type.mimes:
        raise _mismatch(mime=mime, expected=file_type)
    if file_type.canonical_mime in _ZIP_BASED and not head.startswith(_ZIP_SIGNATURES):
        # zipfile finds an archive at the end of any file; a ZIP must also start as one, or
        # a program with an archive glued on would pass as a document.
        raise _mismatch(mime=mime, expected=file_type)
    return file_type


def _program_label(head: bytes, mime: str) -> str | None:
    if mime in _PROGRAM_LABELS:
        return _PROGRAM_LABELS[mime]
    if mime.startswith("text/x-script.") or "executable" in mime:
        return _("a program or script")
    if head.startswith(b"MZ") and not mime.startswith("text/"):
        return _PROGRAM_LABELS["application/x-dosexec"]
    for signature, label in _PROGRAM_SIGNATURES:
        if head.startswith(signature):
            return label
    return None


def _mismatch(*, mime: str, expected: _FileType) -> ServiceError:
    actual = _CONTENT_LABELS.get(mime)
    values = {"actual": actual, "mime": mime, "expected": expected.label, "suggested": _EXTENSION_FOR_MIME.get(mime)}
    if actual is None:
        message = _(
            "This file does not look like %(expected)s: its content was recognised as %(mime)s. "
            "Please check that you chose the right file, or save it again as %(expected)s."
        )
    elif values["suggested"] and values["suggested"] in ALLOWED_TYPES:
        message = _(
            "This file is %(actual)s (%(mime)s), not %(expected)s. "
            "If it is the file you meant, rename it to end in %(suggested)s and upload it again."
        )
    else:
        message = _("This file is %(actual)s (%(mime)s), not %(expected)s. Please check that you chose the right file.")
    return ServiceError(message % values)


def _encrypted_message() -> str:
    return _("This file is password-protected (encrypted), so we cannot check it. Please upload it without a password.")


def _damaged(expected: str) -> ServiceError:
    return ServiceError(
        _(
            "This file looks like %(expected)s but cannot be read; it may be damaged. "
            "Please save or export it again and upload the new copy."
        )
        % {"expected": expected}
    )


# --- PDF ---------------------------------------------------------------------------------------

# What a PDF can carry that acts on the reader's machine, keyed by what we report.
_PDF_FINDINGS_ORDER = ("javascript", "launch", "embedded", "richmedia")


def _inspect_pdf(uploaded_file: UploadedFile, **_context) -> None:
    """Refuse encrypted, unreadable and active PDFs.

    pypdf walks every object reachable from the trailer that can hold an action (catalog
    names, /OpenAction, /AA, page annotations, outlines, form fields); a raw byte scan also
    catches script dictionaries the parsed graph does not reach but a lenient viewer might.
    """
    findings = _scan_pdf_bytes(uploaded_file)
    uploaded_file.seek(0)
    data = uploaded_file.read()
    try:
        # pypdf reads a byte at a time; through Django's file proxy that costs a fifth more time.
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        if not encrypted:
            # A page tree that does not parse would not display either.
            len(reader.pages)
            findings |= _pdf_active_content(reader)
    except _PdfTooComplexError:
        raise ServiceError(
            _(
                "This PDF is too complex for us to check (it has more than %(limit)s internal objects). "
                "Please split it into smaller files."
            )
            % {"limit": formats.number_format(PDF_MAX_OBJECTS, force_grouping=True)}
        ) from None
    except Exception as exc:  # pypdf raises many kinds on hostile input; all mean "unreadable"
        raise ServiceError(
            _("This PDF is damaged and cannot be read. Please save or export it again and upload the new copy.")
        ) from exc
    if encrypted:
        raise ServiceError(
            _(
                "This PDF is password-protected or encrypted, so we cannot check it. "
                "Please save a copy without protection and upload that."
            )
        )
    messages = {
        "javascript": _(
            "This PDF contains JavaScript, which could run when a reviewer opens it, so we do not accept it. "
            "Please save a copy without scripts (for example with “Print to PDF”) and upload that."
        ),
        "launch": _(
            "This PDF contains an action that starts other programs, so we do not accept it. "
            "Please save a copy without it (for example with “Print to PDF”) and upload that."
        ),
        "embedded": _(
            "This PDF has other files attached inside it, which we cannot check. "
            "Please remove the attachments, upload them separately, and upload the PDF again."
        ),
        "richmedia": _(
            "This PDF contains embedded media or Flash content, which we do not accept. "
            "Please save a copy without it (for example with “Print to PDF”) and upload that."
        ),
    }
    for finding in _PDF_FINDINGS_ORDER:
        if finding in findings:
            raise ServiceError(messages[finding])
    end = _pdf_end(data)
    if end is None:
        # Lenient readers open a PDF without an end marker; then anything can follow.
        raise ServiceError(
            _("This PDF is damaged and cannot be read. Please save or export it again and upload the new copy.")
        )
    _refuse_trailing_data(data, end=end, label=_("a PDF document"))


class _PdfTooComplexError(Exception):
    pass


# Subtrees that hold drawing, structure or navigation but never an action a viewer runs.
# They are most of a large PDF's objects (fonts, images, tagged structure, appearance
# streams), so not walking them keeps the check to seconds; the byte scan still reads them.
_PDF_INERT_KEYS = frozenset(
    {"/Resources", "/Contents", "/StructTreeRoot", "/AP", "/Thumb", "/Metadata", "/Dests", "/Parent", "/P"}
)


def _pdf_active_content(reader: PdfReader) -> set[str]:
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            if len(seen) > PDF_MAX_OBJECTS:
                raise _PdfTooComplexError
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            found |= _pdf_dictionary_findings(obj)
            stack.extend(value for key, value in dict.items(obj) if key not in _PDF_INERT_KEYS)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return found


def _pdf_dictionary_findings(obj: DictionaryObject) -> set[str]:
    keys = set(dict.keys(obj))
    action = _pdf_name(obj, "/S")
    kind = _pdf_name(obj, "/Type")
    subtype = _pdf_name(obj, "/Subtype")
    found = set()
    if keys & {"/JS", "/JavaScript"} or action == "/JavaScript":
        found.add("javascript")
    if action == "/Launch":
        found.add("launch")
    if keys & {"/EmbeddedFiles", "/EF"} or kind == "/EmbeddedFile" or subtype == "/FileAttachment":
        found.add("embedded")
    if keys & {"/RichMediaContent", "/RichMediaSettings"} or subtype == "/RichMedia" or action == "/RichMediaExecute":
        found.add("richmedia")
    return found


def _pdf_name(obj: DictionaryObject, key: str) -> str | None:
    value = dict.get(obj, key)
    if isinstance(value, IndirectObject):
        value = value.get_object()
    return value if isinstance(value, str) else None


def _name_pattern(name: str) -> bytes:
    """Regex for a PDF name however it is spelled: /JS may be written /J#53 or /#4a#53."""
    parts = []
    for ch in name:
        escaped = "".join(f"[{d.upper()}{d.lower()}]" if d.isalpha() else d for d in f"{ord(ch):02x}")
        parts.append(f"(?:{re.escape(ch)}|#{escaped})")
    return "".join(parts).encode()


_PDF_RAW_NAMES = {
    b"/JavaScript": "javascript",
    b"/JS": "javascript",
    b"/Launch": "launch",
    b"/EmbeddedFiles": "embedded",
    b"/EmbeddedFile": "embedded",
    b"/RichMedia": "richmedia",
}
_PDF_DELIMITER = rb"(?=[\x00\t\n\x0c\r ()<>\[\]{}/%])"
_PDF_TOKEN = re.compile(
    rb"(?P<open>(?<![A-Za-z])stream(?:\r\n|\r|\n))|(?P<close>endstream)|(?P<name>/(?:"
    + b"|".join(_name_pattern(n.decode()[1:]) for n in _PDF_RAW_NAMES)
    + rb"))"
    + _PDF_DELIMITER
)
# Longer than any token the pattern can match, so a token split across chunks is seen whole.
_PDF_SCAN_OVERLAP = 64


def _scan_pdf_bytes(uploaded_file: UploadedFile) -> set[str]:
    """Script and attachment names written anywhere outside stream data.

    Stream bodies are skipped: compressed images hold random bytes, and "/JS " turns up in a
    large scanned report often enough to refuse honest files.
    """
    found: set[str] = set()
    in_stream = False
    carry = b""
    start = 0
    chunks = uploaded_file.chunks()
    while True:
        chunk = next(chunks, None)
        buffer = carry + (chunk or b"")
        limit = len(buffer) if chunk is None else len(buffer) - _PDF_SCAN_OVERLAP
        last_end = start
        for match in _PDF_TOKEN.finditer(buffer, start):
            if match.start() >= limit:
                break
            last_end = match.end()
            if match["open"] is not None:
                in_stream = True
            elif match["close"] is not None:
                in_stream = False
            elif not in_stream:
                raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m[1], 16)]), match["name"])
                found.add(_PDF_RAW_NAMES[raw])
        if chunk is None:
            return found
        keep_from = max(limit, last_end, start)
        # Keep one byte before the resume point so the "stream" lookbehind still sees it.
        carry, start = (buffer[keep_from - 1 :], 1) if keep_from > 0 else (buffer, 0)


# --- ZIP-based files ---------------------------------------------------------------------------

_ZIP_READ_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError)
_CONTENT_TYPES_MAX_BYTES = 1024 * 1024
_OOXML_PARTS = {".docx": "word/", ".xlsx": "xl/", ".pptx": "ppt/"}


def _inspect_zip_based(uploaded_file: UploadedFile, *, extension: str, size: int, **_context) -> None:
    """Judge an archive from its central directory alone, then the rules for its kind."""
    file_type = ALLOWED_TYPES[extension]
    try:
        uploaded_file.seek(0)
        with zipfile.ZipFile(uploaded_file) as archive:
            members = archive.infolist()
            _check_members(members, archive_size=size)
            _check_nested_archives(archive, members, archive_size=size, plain=extension == ".zip")
            if extension in _OOXML_PARTS:
                _check_ooxml(archive, members, extension=extension)
            elif extension in (".odt", ".ods"):
                _check_odf(members)
            else:
                _check_plain_zip(members)
    except _ZIP_READ_ERRORS as exc:
        raise _damaged(file_type.label) from exc


def _check_nested_archives(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], *, archive_size: int, plain: bool
) -> None:
    """Archives inside the archive count toward the expansion cap, level by level.

    Threat: an archive of archives ("42.zip") looks small at the top level and unpacks to
    petabytes when a reviewer's tool unpacks recursively. Each nested archive is opened in
    memory (capped) and its members' sizes added to the total; a plain .zip's nested archives
    are also held to the rules for programs and paths.
    """
    total = sum(member.file_size for member in members)
    pending = [(archive, members, 1)]
    while pending:
        current, current_members, depth = pending.pop()
        for member in current_members:
            if member.is_dir() or member.file_size < 22:  # 22 bytes: the smallest ZIP
                continue
            with current.open(member) as handle:
                if handle.read(4) not in (b"PK\x03\x04", b"PK\x05\x06"):
                    continue
            if depth >= ZIP_MAX_DEPTH or member.file_size > ZIP_NESTED_MAX_BYTES:
                raise ServiceError(
                    _(
                        "This archive contains archives inside archives (%(entry)s) too deep or too large "
                        "for us to check. Please unpack the inner archives and upload their files instead."
                    )
                    % {"entry": member.filename[:200]}
                )
            with current.open(member) as handle:
                inner = zipfile.ZipFile(io.BytesIO(handle.read(ZIP_NESTED_MAX_BYTES + 1)))
            inner_members = inner.infolist()
            _check_members(inner_members, archive_size=archive_size)
            if plain:
                _check_plain_zip(inner_members)
            total += sum(m.file_size for m in inner_members)
            _check_expansion(total, archive_size=archive_size)
            pending.append((inner, inner_members, depth + 1))


def _check_expansion(expanded: int, *, archive_size: int) -> None:
    if expanded > ZIP_MAX_TOTAL_BYTES:
        raise ServiceError(
            _(
                "This file unpacks to more than %(limit)s MB, which we do not accept. "
                "Please split it into smaller archives or upload the files separately."
            )
            % {"limit": _megabytes(ZIP_MAX_TOTAL_BYTES)}
        )
    if expanded > ZIP_RATIO_FLOOR_BYTES and expanded > ZIP_MAX_RATIO * archive_size:
        raise ServiceError(
            _(
                "This file unpacks to more than %(ratio)s times its own size, which is how “zip bombs” "
                "overwhelm computers, so we do not accept it. Please split it into smaller archives "
                "or upload the files separately."
            )
            % {"ratio": ZIP_MAX_RATIO}
        )


def _check_members(members: list[zipfile.ZipInfo], *, archive_size: int) -> None:
    """Refuse zip bombs, zip slip, links and encryption before anyone unpacks the archive."""
    if len(members) > ZIP_MAX_ENTRIES:
        raise ServiceError(
            _("This archive contains more than %(limit)s files. Please split it into smaller archives.")
            % {"limit": formats.number_format(ZIP_MAX_ENTRIES, force_grouping=True)}
        )
    for member in members:
        if member.flag_bits & 0x1:
            raise ServiceError(_encrypted_message())
        parts = member.filename.replace("\\", "/").split("/")
        if member.filename.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", member.filename) or ".." in parts:
            raise ServiceError(
                _(
                    "This archive contains a file with an unsafe path (%(entry)s) that could be written "
                    "outside the folder it is unpacked into. Please create the archive again from an ordinary folder."
                )
                % {"entry": member.filename[:200]}
            )
        if (member.external_attr >> 16) & 0o170000 == 0o120000:
            raise ServiceError(
                _(
                    "This archive contains a symbolic link (%(entry)s), which we do not accept. "
                    "Please create the archive again with ordinary files only."
                )
                % {"entry": member.filename[:200]}
            )
    _check_expansion(sum(member.file_size for member in members), archive_size=archive_size)


def _macros_message() -> str:
    return _(
        "This document contains macros (program code), which we do not accept. "
        "Please save a copy without macros, or export it as PDF, and upload that."
    )


def _check_ooxml(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], *, extension: str) -> None:
    names = {member.filename for member in members}
    file_type = ALLOWED_TYPES[extension]
    if "[Content_Types].xml" not in names:
        raise _damaged(file_type.label)
    if not any(name.startswith(_OOXML_PARTS[extension]) for name in names):
        for other, prefix in _OOXML_PARTS.items():
            if any(name.startswith(prefix) for name in names):
                raise _mismatch(mime=ALLOWED_TYPES[other].canonical_mime, expected=file_type)
        raise _damaged(file_type.label)
    if any(name.rsplit("/", 1)[-1].lower() == "vbaproject.bin" for name in names):
        raise ServiceError(_macros_message())
    # A .docm renamed .docx keeps its macro-enabled content type even if the macro part was
    # renamed; Office would still treat it as macro-enabled.
    with archive.open("[Content_Types].xml") as handle:
        content_types = handle.read(_CONTENT_TYPES_MAX_BYTES).lower()
    if b"macroenabled" in content_types or b"vbaproject" in content_types:
        raise ServiceError(_macros_message())


def _check_odf(members: list[zipfile.ZipInfo]) -> None:
    for member in members:
        name = member.filename
        if name.endswith("/"):
            continue
        # LibreOffice keeps Basic modules in Basic/<library>/<module>.xml beside the library
        # index files, and Python or JavaScript macros under Scripts/.
        is_basic_module = (
            name.startswith("Basic/")
            and name.count("/") >= 2
            and name.rsplit("/", 1)[-1] not in ("script-lb.xml", "dialog-lb.xml")
        )
        if is_basic_module or name.startswith("Scripts/"):
            raise ServiceError(_macros_message())


def _check_plain_zip(members: list[zipfile.ZipInfo]) -> None:
    for member in members:
        suffix = "." + member.filename.rsplit(".", 1)[-1].lower() if "." in member.filename else ""
        if not member.is_dir() and suffix in _RISKY_MEMBER_EXTENSIONS:
            raise ServiceError(
                _(
                    "This archive contains a program, script or macro-enabled file (%(entry)s), "
                    "which we do not accept. Please remove it and upload the archive again."
                )
                % {"entry": member.filename[:200]}
            )


# --- Text-based data ---------------------------------------------------------------------------


def _refuse_constant(value: str) -> None:
    raise ValueError(value)


def _discard(*_args) -> None:
    return None


def _inspect_json(uploaded_file: UploadedFile, *, extension: str, **_context) -> None:
    """The whole file must parse: libmagic sees only 8 KiB, so larger JSON reads as text/plain.

    Numbers and objects are discarded while parsing so a large GeoJSON does not build millions
    of Python floats just to be checked.
    """
    uploaded_file.seek(0)
    data = uploaded_file.read()
    try:
        json.loads(
            data,
            parse_int=_discard,
            parse_float=_discard,
            parse_constant=_refuse_constant,
            object_pairs_hook=_discard,
        )
    except json.JSONDecodeError as exc:
        raise ServiceError(
            _(
                "This file is not valid JSON (the problem is at line %(line)s, column %(column)s). "
                "Please export it again from your mapping or data tool."
            )
            % {"line": exc.lineno, "column": exc.colno}
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise ServiceError(
            _("This file is not valid JSON. Please export it again from your mapping or data tool.")
        ) from exc


_KML_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?kml[\s>/]")


def _inspect_kml(uploaded_file: UploadedFile, *, head: bytes, **_context) -> None:
    """The root element must be <kml>, and there must be no DTD.

    KML never needs a DOCTYPE; one here would only serve entity expansion ("billion laughs")
    or external entities against whatever later reads the file. A DTD can only come before
    the root element, so looking before the root in the first 8 KiB is enough.
    """
    root = _KML_ROOT.search(head)
    if root is None:
        raise ServiceError(_("This file is not a KML document. Please export it again as KML from your mapping tool."))
    if b"<!DOCTYPE" in head[: root.start()]:
        raise ServiceError(
            _(
                "This KML file contains a DOCTYPE declaration, which KML does not need and which can be used "
                "to attack programs that read it. Please export it again as KML from your mapping tool."
            )
        )


# --- Data after the end ------------------------------------------------------------------------


def _refuse_trailing_data(data: bytes, *, end: int | None, label: str) -> None:
    """Threat: a second file (a program, an HTML page) glued after a document's end marker.
    Viewers ignore it, so the document looks honest, but whoever (or whatever) reads the bytes
    differently gets the other file: a polyglot that a browser may sniff as HTML."""
    if end is None:
        raise _damaged(label)
    tail = data[end:]
    if len(tail) > _TRAILING_SLACK_BYTES or tail.strip(_TRAILING_PADDING):
        raise ServiceError(
            _(
                "This file has other data appended after the end of %(expected)s, which is how other files "
                "or web pages are smuggled inside documents, so we do not accept it. "
                "Please save or export the file again and upload the new copy."
            )
            % {"expected": label}
        )


def _pdf_end(data: bytes) -> int | None:
    """Offset just past the last %%EOF (incremental updates append sections, each with one)."""
    index = data.rfind(b"%%EOF")
    return None if index < 0 else index + 5


def _jpeg_end(data: bytes) -> int | None:
    """Offset just past the image's real end marker (EOI), found by walking the segments.

    Searching for the last FF D9 would let appended data carry its own fake end marker.
    Segments before each scan carry their length; scan data runs to the next marker that is
    not a stuffed FF 00 or a restart marker (progressive JPEGs have several scans).
    """
    if not data.startswith(b"\xff\xd8"):
        return None
    i, n = 2, len(data)
    while i + 2 <= n:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xD9:
            return i + 2
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            i += 2
            continue
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if i + 4 > n or length < 2:
            return None
        i += 2 + length
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            while i + 1 < n:
                if data[i] == 0xFF and data[i + 1] != 0x00 and not 0xD0 <= data[i + 1] <= 0xD7:
                    break
                i += 1
    return None


def _png_end(data: bytes) -> int | None:
    """Offset just past the IEND chunk, walking the chunks by their lengths."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    i, n = 8, len(data)
    while i + 12 <= n:
        length = int.from_bytes(data[i : i + 4], "big")
        kind = data[i + 4 : i + 8]
        i += 12 + length
        if kind == b"IEND":
            return i if i <= n else None
    return None


def _inspect_image(uploaded_file: UploadedFile, *, extension: str, **_context) -> None:
    """JPEG and PNG must end where the picture ends (no markup or file appended)."""
    uploaded_file.seek(0)
    data = uploaded_file.read()
    if extension == ".png":
        _refuse_trailing_data(data, end=_png_end(data), label=_("a PNG image"))
    else:
        _refuse_trailing_data(data, end=_jpeg_end(data), label=_("a JPEG image"))


# --- The allow-list -----------------------------------------------------------------------------

_TEXT_MIMES = frozenset({"text/plain", "text/csv", "application/csv"}) | _TEXT_LOOKALIKES
_ZIP_CONTAINER_MIMES = frozenset({"application/zip", "application/octet-stream"})

# Extension → accepted libmagic types. OOXML is often reported as a bare ZIP, so those
# extensions also accept application/zip and application/octet-stream and are then required
# to contain the parts every Office document has.
ALLOWED_TYPES: dict[str, _FileType] = {
    ".pdf": _FileType(gettext_lazy("a PDF document"), frozenset({"application/pdf"}), "application/pdf", _inspect_pdf),
    ".docx": _FileType(
        gettext_lazy("a Word document"), frozenset({_DOCX_MIME}) | _ZIP_CONTAINER_MIMES, _DOCX_MIME, _inspect_zip_based
    ),
    ".xlsx": _FileType(
        gettext_lazy("an Excel workbook"),
        frozenset({_XLSX_MIME}) | _ZIP_CONTAINER_MIMES,
        _XLSX_MIME,
        _inspect_zip_based,
    ),
    ".pptx": _FileType(
        gettext_lazy("a PowerPoint presentation"),
        frozenset({_PPTX_MIME}) | _ZIP_CONTAINER_MIMES,
        _PPTX_MIME,
        _inspect_zip_based,
    ),
    ".odt": _FileType(gettext_lazy("an OpenDocument text"), frozenset({_ODT_MIME}), _ODT_MIME, _inspect_zip_based),
    ".ods": _FileType(
        gettext_lazy("an OpenDocument spreadsheet"), frozenset({_ODS_MIME}), _ODS_MIME, _inspect_zip_based
    ),
    ".csv": _FileType(gettext_lazy("a CSV file"), _TEXT_MIMES, "text/csv"),
    ".txt": _FileType(gettext_lazy("a plain text file"), _TEXT_MIMES, "text/plain"),
    ".png": _FileType(gettext_lazy("a PNG image"), frozenset({"image/png"}), "image/png", _inspect_image),
    ".jpg": _FileType(gettext_lazy("a JPEG image"), frozenset({"image/jpeg"}), "image/jpeg", _inspect_image),
    ".jpeg": _FileType(gettext_lazy("a JPEG image"), frozenset({"image/jpeg"}), "image/jpeg", _inspect_image),
    ".geojson": _FileType(
        gettext_lazy("a GeoJSON file"),
        frozenset({"application/json", "application/geo+json", "text/plain"}),
        "application/geo+json",
        _inspect_json,
    ),
    ".json": _FileType(
        gettext_lazy("a JSON file"), frozenset({"application/json", "text/plain"}), "application/json", _inspect_json
    ),
    # libmagic calls KML without an <?xml?> declaration text/plain; the root check decides.
    ".kml": _FileType(
        gettext_lazy("a KML file"),
        frozenset({_KML_MIME, "text/xml", "application/xml", "text/plain"}),
        _KML_MIME,
        _inspect_kml,
    ),
    ".zip": _FileType(
        gettext_lazy("a ZIP archive"), frozenset({"application/zip"}), "application/zip", _inspect_zip_based
    ),
}

_ZIP_BASED = frozenset({_DOCX_MIME, _XLSX_MIME, _PPTX_MIME, _ODT_MIME, _ODS_MIME, "application/zip"})
