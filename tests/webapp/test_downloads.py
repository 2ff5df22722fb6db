"""The one download helper: a printout's file or page, with the headers every printout gets."""

from types import SimpleNamespace

import pytest
from flask import Flask

from webapp.downloads import MIMETYPES, print_page, send_printout

FAKE = SimpleNamespace(
    render_pdf=lambda context: b"%PDF " + context["name"].encode(),
    render_docx=lambda context: b"PK " + context["name"].encode(),
    render_html=lambda context, *, static_url, links: f"{static_url} {context['name']} {links}",
    filename=lambda context, extension: f"document-{context['name']}.{extension}",
)


@pytest.fixture
def app():
    app = Flask(__name__, static_folder="static")
    with app.test_request_context():
        yield app


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_a_file_is_an_attachment_that_no_cache_keeps(app, extension):
    response = send_printout(FAKE, {"name": "ana"}, extension)
    assert response.mimetype == MIMETYPES[extension]
    assert response.data.endswith(b" ana")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="document-ana.{extension}"'
    )
    assert response.headers["Cache-Control"] == "private, no-store"


def test_the_page_links_the_static_files(app):
    response = print_page(FAKE, {"name": "ana"}, [("Înapoi", "/x")])
    assert response.mimetype == "text/html"
    assert response.get_data(as_text=True) == "/static/ ana [('Înapoi', '/x')]"
