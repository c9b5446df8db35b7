"""Upload checks past the first layer (issue 9, "Also"): archives inside archives count toward
the expansion cap; a PDF with a file or HTML appended after %%EOF and a JPEG or PNG with markup
after the image are refused; the site KML parser refuses a DOCTYPE like the document check."""

import io
import os
import zipfile

import pytest
from PIL import Image

from assessments.rules.geometry import parse_kml
from portal.errors import ServiceError
from portal.uploads import checks as uploads
from portal.uploads.checks import check_upload
from tests.portal.test_uploads import archive, pdf, refusal, upload, zeros_archive

APPENDED = "This file has other data appended after the end of"
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def image(fmt: str, **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 60)).save(out, fmt, **save)
    return out.getvalue()


# --- PDF ---------------------------------------------------------------------------------------


def test_it_accepts_a_pdf_ending_in_a_line_break():
    assert check_upload(upload("report.pdf", pdf() + b"\r\n")).extension == ".pdf"


def test_it_refuses_html_appended_to_a_pdf():
    message = refusal("report.pdf", pdf() + b"\n" + HTML)
    assert message.startswith(APPENDED + " a PDF document")


def test_it_refuses_a_file_appended_to_a_pdf():
    assert refusal("report.pdf", pdf() + archive({"payload.exe": b"MZ" + bytes(100)})).startswith(APPENDED)


def test_it_refuses_a_pdf_without_an_end_marker():
    body = pdf()
    stripped = body[: body.rfind(b"%%EOF")] + b"\n" + HTML
    assert "damaged" in refusal("report.pdf", stripped)


def test_an_incrementally_updated_pdf_is_accepted():
    # Two %%EOF markers: an original and an appended update section. Only the last one counts.
    body = pdf()
    assert body.count(b"%%EOF") == 1
    from pypdf import PdfWriter

    writer = PdfWriter(io.BytesIO(body), incremental=True)
    writer.add_metadata({"/Title": "Revised"})
    out = io.BytesIO()
    writer.write(out)
    updated = out.getvalue()
    assert updated.count(b"%%EOF") == 2
    assert check_upload(upload("report.pdf", updated)).extension == ".pdf"


# --- Images --------------------------------------------------------------------------------------


@pytest.mark.parametrize("save", [{}, {"progressive": True}, {"quality": 40, "optimize": True}])
def test_it_accepts_real_jpegs(save):
    assert check_upload(upload("site.jpg", image("JPEG", **save))).mime == "image/jpeg"


def test_it_refuses_markup_after_the_jpeg_end():
    assert refusal("site.jpg", image("JPEG") + HTML) == (
        APPENDED + " a JPEG image, which is how other files or web pages are smuggled inside documents, "
        "so we do not accept it. Please save or export the file again and upload the new copy."
    )


def test_a_fake_end_marker_inside_the_appended_data_does_not_fool_it():
    # The last FF D9 in the file is the attacker's; the walk finds the image's real end.
    assert refusal("site.jpg", image("JPEG") + HTML + b"\xff\xd9").startswith(APPENDED)


def test_an_end_marker_inside_a_metadata_segment_is_skipped():
    # An APP1 segment (where EXIF thumbnails live) may contain FF D9 and markup-like bytes.
    body = image("JPEG")
    payload = b"Exif\x00\x00\xff\xd8thumb\xff\xd9<b>"
    segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
    assert check_upload(upload("site.jpg", body[:2] + segment + body[2:])).mime == "image/jpeg"


def test_it_accepts_a_png_and_refuses_one_with_markup_after_iend():
    png = image("PNG")
    assert check_upload(upload("map.png", png)).mime == "image/png"
    assert refusal("map.png", png + HTML).startswith(APPENDED + " a PNG image")


# --- Nested archives ---------------------------------------------------------------------------


def test_archives_inside_an_archive_count_toward_the_expansion_cap(monkeypatch):
    # Each inner archive is below the cap on its own; together they pass it.
    monkeypatch.setattr(uploads, "ZIP_MAX_TOTAL_BYTES", 6 * 1024 * 1024)
    inner = archive({"photos.bin": os.urandom(1024 * 1024 + 200_000)})  # incompressible
    outer = archive({"a.zip": inner, "b.zip": inner})
    assert check_upload(upload("two.zip", outer)).mime == "application/zip"  # 2 × (1.2 MB archive + 1.2 MB inside)
    outer = archive({"a.zip": inner, "b.zip": inner, "c.zip": inner})
    assert "unpacks to more than 6 MB" in refusal("bundle.zip", outer)


def test_a_nested_zip_bomb_is_refused_by_ratio():
    inner = zeros_archive(40)  # 40 MB of zeros in ~40 KB
    outer = archive({"data/inner.zip": inner})
    assert "times its own size" in refusal("bundle.zip", outer)


def test_archives_nested_too_deep_are_refused():
    nested = archive({"notes.txt": b"deep"})
    for level in range(3):
        nested = archive({f"level{level}.zip": nested})
    assert "archives inside archives" in refusal("bundle.zip", nested)


def test_a_program_inside_an_inner_archive_is_refused():
    inner = archive({"setup.exe": b"MZ" + bytes(100)})
    assert "setup.exe" in refusal("bundle.zip", archive({"tools.zip": inner}))


def test_an_ordinary_archive_with_one_inner_archive_is_accepted():
    inner = archive({"table.csv": b"a,b\n1,2\n"})
    body = archive({"readme.txt": b"Survey data", "raw/tables.zip": inner})
    assert check_upload(upload("survey.zip", body)).mime == "application/zip"


def test_a_stored_inner_archive_is_seen_too():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("inner.zip", archive({"run.bat": b"@echo off"}))
    assert "run.bat" in refusal("bundle.zip", out.getvalue())


# --- Site KML ----------------------------------------------------------------------------------

KML_POLYGON = (
    '<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><Polygon><outerBoundaryIs><LinearRing>'
    "<coordinates>71.0,50.5 71.05,50.5 71.05,50.53 71.0,50.5</coordinates>"
    "</LinearRing></outerBoundaryIs></Polygon></Placemark></kml>"
)


def test_the_site_kml_parser_refuses_a_doctype():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        + KML_POLYGON.replace("<Placemark>", "<Placemark><name>&b;</name>")
    )
    with pytest.raises(ServiceError) as err:
        parse_kml(laughs)
    assert "DOCTYPE declaration" in err.value.message


def test_the_site_kml_parser_still_reads_plain_kml():
    assert parse_kml(KML_POLYGON).geom_type == "Polygon"
