"""Stored files: the type is read from the content, names are made safe, downloads are
attachments that the browser may not sniff or keep."""

import io

import pytest
from PIL import Image

from tests.builders import pdf_bytes, png_bytes
from webapp import files
from webapp.models import StoredFile


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (pdf_bytes(), "application/pdf"),
        (jpeg(), "image/jpeg"),
        (png_bytes(), "image/png"),
        (b"%PDF-1.7 but nothing after", None),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, None),
        (b"MZ\x90\x00 an executable named scan.pdf", None),
        (b"<html><script>alert(1)</script></html>", None),
        (b"", None),
    ],
)
def test_the_type_is_read_from_the_content(data, kind):
    assert files.sniff(data) == kind


def test_names_are_made_safe_and_take_the_extension_of_their_type():
    assert files.safe_name("Adeverință nr. 12.PDF", "application/pdf") == "Adeverinta nr. 12.pdf"
    assert files.safe_name("C:\\acte\\talon:mai.jpeg", "image/jpeg") == "talon_mai.jpg"
    assert files.safe_name('..\\..\\x";.exe', "image/png") == "x_.png"
    assert files.safe_name("", "image/jpeg") == "fisier.jpg"


def test_a_stored_file_is_sent_as_an_attachment_that_is_not_sniffed_or_kept(app):
    with app.test_request_context():
        stored = StoredFile(
            name="talon.pdf", content_type="application/pdf", size=3, sha256="x", data=b"abc"
        )
        response = files.send(stored)
    assert response.headers["Content-Disposition"] == 'attachment; filename="talon.pdf"'
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "private, no-store"


def test_store_refuses_what_is_not_an_accepted_type(app):
    session = app.extensions["db_sessionmaker"]()
    with pytest.raises(ValueError):
        files.store(session, "virus.pdf", b"MZ\x90")
    stored = files.store(session, "scan.png", png_bytes())
    assert (stored.content_type, stored.name, stored.size) == (
        "image/png",
        "scan.png",
        len(png_bytes()),
    )
    assert len(stored.uid) == 32
    session.close()
