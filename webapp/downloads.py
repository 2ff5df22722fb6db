"""The one way to serve a printout (documents.Printout): a file to download, or its page to print.

Every printout holds personal data, so no browser or proxy may keep a copy ("private, no-store");
the files themselves are cached by documents/cache.py, in the process and in the store shared by
the instances (webapp/printout_cache.py), when the app has one.
"""

from flask import Response, url_for

from documents import Printout, cache
from webapp import printout_cache

MIMETYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def send_printout(printout: Printout, context: dict, extension: str) -> Response:
    """The PDF or Word file of `context` as an attachment; routes only let "pdf" and "docx" in."""
    render = {"pdf": printout.render_pdf, "docx": printout.render_docx}[extension]
    with cache.shared_by(printout_cache.store()):
        body = render(context)
    response = Response(body, mimetype=MIMETYPES[extension])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{printout.filename(context, extension)}"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


def journey_links(back_endpoint: str) -> list[tuple[str, str]]:
    """The print page's on-screen links of a journey whose files are `.download`: PDF, Word, back."""
    return [
        ("Descărcați PDF", url_for(".download", extension="pdf")),
        ("Descărcați Word", url_for(".download", extension="docx")),
        ("Înapoi", url_for(back_endpoint)),
    ]


def print_page(printout: Printout, context: dict, links) -> Response:
    """The printout as a web page; `links` are (label, href) pairs shown on screen, never printed."""
    html = printout.render_html(context, static_url=url_for("static", filename=""), links=links)
    return Response(html, mimetype="text/html")
