"""Upload checks, fed hostile files built here, each asserting the message the uploader reads."""

import hashlib
import io
import json
import struct
import zipfile

import magic
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject, NumberObject, TextStringObject

from portal.errors import ServiceError
from portal.uploads import CheckedUpload, check_upload, sanitise_filename
from portal.uploads import checks as uploads
from tests.factories import pdf_bytes

PROGRAMS_REFUSED = "Programs and scripts cannot be uploaded; please upload the document itself."
MACROS_REFUSED = (
    "This document contains macros (program code), which we do not accept. "
    "Please save a copy without macros, or export it as PDF, and upload that."
)


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted word for word; a translation added later must not break them."""
    with translation.override("en"):
        yield


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refusal(name: str, content: bytes, **kwargs) -> str:
    with pytest.raises(ServiceError) as excinfo:
        check_upload(upload(name, content), **kwargs)
    assert type(excinfo.value) is ServiceError
    return excinfo.value.message


# --- Builders ----------------------------------------------------------------------------------


def pdf(configure=None) -> bytes:
    return pdf_bytes(configure)


def dos_executable() -> bytes:
    """An MZ header with no PE part: what libmagic calls application/x-dosexec."""
    return b"MZ" + bytes(200)


def windows_executable() -> bytes:
    """MZ header pointing at a PE32 header, enough for libmagic to see a Windows program."""
    dos = bytearray(64)
    dos[0:2] = b"MZ"
    struct.pack_into("<I", dos, 0x3C, 64)
    coff = struct.pack("<HHIIIHH", 0x14C, 1, 0, 0, 0, 0xE0, 0x0102)
    optional = bytearray(0xE0)
    struct.pack_into("<H", optional, 0, 0x10B)
    struct.pack_into("<H", optional, 68, 2)
    return bytes(dos) + b"PE\0\0" + coff + bytes(optional) + bytes(40)


def linux_executable() -> bytes:
    ident = b"\x7fELF\x02\x01\x01" + bytes(9)
    return ident + struct.pack("<HHIQQQIHHHHHH", 2, 0x3E, 1, 0x400000, 64, 0, 0, 64, 56, 0, 64, 0, 0)


def macos_executable() -> bytes:
    return b"\xcf\xfa\xed\xfe" + struct.pack("<IIIIII", 0x01000007, 3, 2, 0, 0, 0) + bytes(64)


def archive(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def zeros_archive(megabytes: int) -> bytes:
    """One entry of zeros streamed through deflate, so the bomb is built without the memory."""
    out = io.BytesIO()
    block = bytes(1024 * 1024)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("zeros.csv", "w", force_zip64=True) as entry:
        for _ in range(megabytes):
            entry.write(block)
    return out.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/word/document.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx(extra: dict[str, bytes] | None = None, content_types: bytes = CONTENT_TYPES) -> bytes:
    members = {
        "[Content_Types].xml": content_types,
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<w:document/>",
    }
    return archive(members | (extra or {}))


def odf(kind: str, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), f"application/vnd.oasis.opendocument.{kind}")
        for name, data in {"content.xml": b"<office:document-content/>", **(extra or {})}.items():
            zf.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(100)


# --- Accepted files ------------------------------------------------------------------------------


def test_it_accepts_a_plain_pdf_and_hashes_all_of_it():
    content = pdf()
    uploaded = upload("Report.PDF", content)

    checked = check_upload(uploaded)

    assert checked == CheckedUpload(
        name="Report.pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        mime="application/pdf",
        extension=".pdf",
    )
    assert uploaded.tell() == 0


def test_it_keeps_a_chinese_file_name():
    checked = check_upload(upload("环境影响报告.pdf", pdf()))

    assert checked.name == "环境影响报告.pdf"


def test_it_accepts_a_docx():
    checked = check_upload(upload("plan.docx", docx()))

    assert checked.mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_it_accepts_a_docx_that_libmagic_only_sees_as_a_zip():
    content = archive({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>"})
    assert magic.from_buffer(content, mime=True) == "application/zip"

    checked = check_upload(upload("plan.docx", content))

    assert checked.mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_it_accepts_a_zip_of_monitoring_data():
    content = archive({"2024/01.csv": b"date,pm25\n2024-01-01,12\n", "2024/02.csv": b"date,pm25\n"})

    assert check_upload(upload("monitoring.zip", content)).mime == "application/zip"


def test_it_accepts_an_opendocument_spreadsheet():
    assert check_upload(upload("budget.ods", odf("spreadsheet"))).extension == ".ods"


@pytest.mark.parametrize(
    "content",
    [
        b'{"type": "FeatureCollection", "features": []}',
        # Longer than libmagic's 8 KiB view, which therefore reports text/plain.
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [i, i]}} for i in range(1000)
                ],
            }
        ).encode(),
    ],
)
def test_it_accepts_geojson_that_parses(content):
    assert check_upload(upload("site.geojson", content)).mime == "application/geo+json"


def test_it_accepts_kml_with_and_without_an_xml_declaration():
    body = b'<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Site</name></Document></kml>'

    assert (
        check_upload(upload("a.kml", b'<?xml version="1.0"?>\n' + body)).mime == "application/vnd.google-earth.kml+xml"
    )
    assert check_upload(upload("b.kml", body)).extension == ".kml"


@pytest.mark.parametrize(
    "content",
    [
        b"date,pm25,pm10\n2024-01-01,12.3,30.1\n2024-01-02,11.0,28.4\n",
        "监测日期,数值\n2024年1月1日,12\n".encode("gbk"),
        # libmagic calls this FORTRAN; as a .csv it is still just text.
        b"C   readings taken at the river mouth\nC   second station\n",
    ],
)
def test_it_accepts_text_data(content):
    assert check_upload(upload("readings.csv", content)).mime == "text/csv"


def test_it_ignores_look_alike_bytes_inside_page_content():
    def draw(writer):
        stream = ContentStream(None, writer)
        stream.set_data(b"q /JS gs /Launch gs Q\n")
        writer.pages[0].replace_contents(stream)

    assert check_upload(upload("drawing.pdf", pdf(draw))).mime == "application/pdf"


# --- Programs and scripts ------------------------------------------------------------------------


def test_it_refuses_a_windows_executable_renamed_pdf():
    assert refusal("report.pdf", dos_executable()) == (
        f"This file is a Windows executable (application/x-dosexec), not a PDF document. {PROGRAMS_REFUSED}"
    )


@pytest.mark.parametrize(
    ("content", "described"),
    [
        (windows_executable(), "a Windows executable (application/vnd.microsoft.portable-executable)"),
        (linux_executable(), "a Linux executable (ELF) (application/x-executable)"),
        (macos_executable(), "a macOS executable (Mach-O) (application/x-mach-binary)"),
    ],
)
def test_it_refuses_any_program_renamed_pdf(content, described):
    assert refusal("report.pdf", content) == f"This file is {described}, not a PDF document. {PROGRAMS_REFUSED}"


@pytest.mark.parametrize(
    ("content", "described"),
    [
        (b"#!/bin/sh\nrm -rf /\n", "a shell script (text/x-shellscript)"),
        (b"@echo off\r\ndel /s /q C:\\\r\n", "a Windows batch script (text/x-msdos-batch)"),
        (b"#!/usr/bin/env python3\nimport os\n", "a program or script (text/x-script.python)"),
    ],
)
def test_it_refuses_a_script_renamed_txt(content, described):
    assert refusal("notes.txt", content) == f"This file is {described}, not a plain text file. {PROGRAMS_REFUSED}"


def test_it_refuses_a_program_under_its_own_name():
    assert refusal("setup.exe", windows_executable()) == (
        f"This file is a Windows executable (application/vnd.microsoft.portable-executable). {PROGRAMS_REFUSED}"
    )


# --- PDF -----------------------------------------------------------------------------------------

PDF_JAVASCRIPT = (
    "This PDF contains JavaScript, which could run when a reviewer opens it, so we do not accept it. "
    "Please save a copy without scripts (for example with “Print to PDF”) and upload that."
)


def test_it_refuses_a_pdf_with_javascript():
    content = pdf(lambda writer: writer.add_open_action(JavaScript("app.alert(1)")))

    assert refusal("report.pdf", content) == PDF_JAVASCRIPT


def link_with_javascript(writer):
    action = {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    annotation = {
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
        NameObject("/A"): DictionaryObject(action),
    }
    writer.add_annotation(0, DictionaryObject(annotation))


def test_it_finds_javascript_in_a_page_link_without_the_byte_scan(monkeypatch):
    monkeypatch.setattr(uploads, "_scan_pdf_bytes", lambda uploaded_file: set())

    assert refusal("report.pdf", pdf(link_with_javascript)) == PDF_JAVASCRIPT


def test_it_finds_escaped_javascript_that_the_parser_never_reaches():
    # Appended after %%EOF with #-escaped names: pypdf ignores it, some viewers do not.
    content = pdf() + b"99 0 obj\n<< /S /J#61vaScript /J#53 (app.alert(1)) >>\nendobj\n"

    assert refusal("report.pdf", content) == PDF_JAVASCRIPT


def test_it_finds_a_script_name_split_across_read_chunks():
    uploaded = upload("report.pdf", pdf() + b"99 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n")
    uploaded.DEFAULT_CHUNK_SIZE = 7

    with pytest.raises(ServiceError) as excinfo:
        check_upload(uploaded)

    assert excinfo.value.message == PDF_JAVASCRIPT


def test_it_refuses_a_pdf_too_large_to_walk(monkeypatch):
    monkeypatch.setattr(uploads, "PDF_MAX_OBJECTS", 2)

    assert refusal("report.pdf", pdf()) == (
        "This PDF is too complex for us to check (it has more than 2 internal objects). "
        "Please split it into smaller files."
    )


def test_it_refuses_a_pdf_that_launches_programs():
    def launch_on_open(writer):
        action = DictionaryObject({NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc")})
        writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): action})

    assert refusal("report.pdf", pdf(launch_on_open)) == (
        "This PDF contains an action that starts other programs, so we do not accept it. "
        "Please save a copy without it (for example with “Print to PDF”) and upload that."
    )


def test_it_refuses_a_pdf_with_an_attached_file():
    content = pdf(lambda writer: writer.add_attachment("invoice.exe", windows_executable()))

    assert refusal("report.pdf", content) == (
        "This PDF has other files attached inside it, which we cannot check. "
        "Please remove the attachments, upload them separately, and upload the PDF again."
    )


def test_it_refuses_an_encrypted_pdf():
    assert refusal("report.pdf", pdf(lambda writer: writer.encrypt("pw"))) == (
        "This PDF is password-protected or encrypted, so we cannot check it. "
        "Please save a copy without protection and upload that."
    )


def test_it_refuses_a_damaged_pdf():
    content = pdf()

    assert refusal("report.pdf", content[: len(content) // 2]) == (
        "This PDF is damaged and cannot be read. Please save or export it again and upload the new copy."
    )


# --- Archives and Office files -------------------------------------------------------------------


def test_it_refuses_a_zip_bomb_without_unpacking_it():
    content = zeros_archive(300)
    assert len(content) < 1024 * 1024

    assert refusal("monitoring.zip", content) == (
        "This file unpacks to more than 200 MB, which we do not accept. "
        "Please split it into smaller archives or upload the files separately."
    )


def test_it_refuses_an_archive_compressed_far_beyond_normal_data():
    assert refusal("monitoring.zip", zeros_archive(50)) == (
        "This file unpacks to more than 100 times its own size, which is how “zip bombs” overwhelm computers, "
        "so we do not accept it. Please split it into smaller archives or upload the files separately."
    )


def test_it_refuses_an_archive_with_too_many_files(monkeypatch):
    monkeypatch.setattr(uploads, "ZIP_MAX_ENTRIES", 5)

    content = archive({f"{i}.csv": b"a,b\n" for i in range(6)})

    assert refusal("monitoring.zip", content) == (
        "This archive contains more than 5 files. Please split it into smaller archives."
    )


@pytest.mark.parametrize("entry", ["../../etc/passwd", "/etc/passwd", "data\\..\\..\\boot.ini", "C:/Windows/x.dll"])
def test_it_refuses_zip_slip(entry):
    assert refusal("monitoring.zip", archive({entry: b"root:x:0:0"})) == (
        f"This archive contains a file with an unsafe path ({entry}) that could be written outside the folder "
        "it is unpacked into. Please create the archive again from an ordinary folder."
    )


def test_it_refuses_a_symbolic_link_in_an_archive():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        link = zipfile.ZipInfo("latest.csv")
        link.external_attr = 0o120777 << 16
        zf.writestr(link, "/etc/shadow")

    assert refusal("monitoring.zip", out.getvalue()) == (
        "This archive contains a symbolic link (latest.csv), which we do not accept. "
        "Please create the archive again with ordinary files only."
    )


def test_it_refuses_an_encrypted_archive_entry():
    content = bytearray(archive({"secret.csv": b"a,b\n"}))
    # zipfile cannot write encrypted entries, so set the "encrypted" flag where readers look.
    content[6] |= 0x1
    central = content.index(b"PK\x01\x02")
    content[central + 8] |= 0x1

    assert refusal("monitoring.zip", bytes(content)) == (
        "This file is password-protected (encrypted), so we cannot check it. Please upload it without a password."
    )


def test_it_refuses_a_program_inside_an_archive():
    content = archive({"data/readings.csv": b"a,b\n", "data/viewer.exe": windows_executable()})

    assert refusal("monitoring.zip", content) == (
        "This archive contains a program, script or macro-enabled file (data/viewer.exe), "
        "which we do not accept. Please remove it and upload the archive again."
    )


def test_it_refuses_a_docx_with_a_vba_project():
    assert refusal("plan.docx", docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})) == MACROS_REFUSED


def test_it_refuses_a_docx_declaring_macro_enabled_content():
    content_types = CONTENT_TYPES.replace(
        b"officedocument.wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
    )

    assert refusal("plan.docx", docx(content_types=content_types)) == MACROS_REFUSED


def test_it_refuses_a_docm():
    assert refusal("plan.docm", docx()) == (
        ".docm files can contain macros (program code), so we do not accept them. "
        "Please save the file as .docx, .xlsx or .pptx without macros, or as PDF, and upload that."
    )


def test_it_refuses_an_opendocument_file_with_basic_macros():
    content = odf("text", {"Basic/Standard/Module1.xml": b"<script:module/>"})

    assert refusal("plan.odt", content) == MACROS_REFUSED


def test_it_refuses_a_legacy_word_document():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)

    assert refusal("plan.doc", ole) == (
        "Old-format Office files (.doc, .xls, .ppt) can hide macros, so we do not accept them. "
        "Please save the file as .docx, .xlsx or PDF and upload that instead."
    )


def test_it_refuses_a_workbook_named_docx():
    content = archive({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})

    assert refusal("plan.docx", content) == (
        "This file is an Excel workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet), "
        "not a Word document. If it is the file you meant, rename it to end in .xlsx and upload it again."
    )


# --- Names, sizes and mismatches -------------------------------------------------------------------


def test_it_refuses_a_jpeg_named_png():
    assert refusal("site-photo.png", JPEG) == (
        "This file is a JPEG image (image/jpeg), not a PNG image. "
        "If it is the file you meant, rename it to end in .jpg and upload it again."
    )


def test_it_refuses_geojson_that_does_not_parse():
    assert refusal("site.geojson", b'{"type": "FeatureCollection",\n "features": [}') == (
        "This file is not valid JSON (the problem is at line 2, column 15). "
        "Please export it again from your mapping or data tool."
    )


def test_it_refuses_kml_with_a_doctype():
    content = (
        b'<?xml version="1.0"?>\n<!DOCTYPE kml [<!ENTITY lol "lol">]>\n'
        b'<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>&lol;</name></Document></kml>'
    )

    assert refusal("site.kml", content) == (
        "This KML file contains a DOCTYPE declaration, which KML does not need and which can be used to attack "
        "programs that read it. Please export it again as KML from your mapping tool."
    )


def test_it_refuses_an_empty_file():
    assert refusal("report.pdf", b"") == "The file is empty. Please choose the file again and check that it opens."


def test_it_refuses_a_file_over_the_cap_given():
    assert refusal("report.pdf", pdf() + bytes(1024), max_bytes=1024) == (
        "This file is larger than the 0.001 MB limit. Please compress it or split it into smaller files."
    )


def test_it_refuses_a_file_over_the_configured_cap(settings):
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024

    assert refusal("readings.csv", b"1,2\n" * (512 * 1024 + 1)) == (
        "This file is larger than the 2 MB limit. Please compress it or split it into smaller files."
    )


def test_it_refuses_an_extension_not_on_the_list():
    assert refusal("page.html", b"<html><script>alert(1)</script></html>") == (
        "Files ending in .html are not accepted. Please upload one of: .pdf, .docx, .xlsx, .pptx, .odt, .ods, "
        ".csv, .txt, .png, .jpg, .jpeg, .geojson, .json, .kml, .zip."
    )


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\report.pdf", "report.pdf"),
        ("..", "document"),
        (".pdf", "document.pdf"),
        ("...hidden.txt", "hidden.txt"),
        ("report\x00.pdf\x1f", "report.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("  site   plan\t(final) .PDF", "site plan (final).pdf"),
        ("Q&A: results?.xlsx", "Q_A_ results_.xlsx"),
        ("report..final...pdf", "report.final.pdf"),
        ("-rf.pdf", "rf.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("环境影响报告（终稿）.pdf", "环境影响报告_终稿_.pdf"),
        ("Café résumé.docx", "Café résumé.docx"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_it_sanitises_file_names(given, expected):
    assert sanitise_filename(given) == expected
