"""Printable documents (HTML page, PDF, Word) built from stored answers. Never imports Flask.

One module per document (account_request, payment_request, life_certificate), each implementing
the Printout protocol below with the same signatures, so that the web application serves all of
them through one download helper (webapp/downloads.py):

- build_context(data, *, today) turns the answers into display-ready strings; `today` is the day
  printed on the document (and, for the life certificate, the day its deadlines count from);
- render_html(context, *, static_url, links) is the printout as a web page, with on-screen links;
- render_pdf(context) and render_docx(context) are the files, served from documents/cache.py when
  the same context was rendered before (the bytes returned may be shared: never change them);
- filename(context, extension) is the download's name, safe for a Content-Disposition header.

The shared text clean-up is documents/text.py, the rendering machinery documents/rendering.py;
documents/templated.py gives the three outputs of a printout drawn from one HTML and one Word
template (the account and payment requests).
"""

import datetime as dt
from collections.abc import Sequence
from typing import Protocol


class Printout(Protocol):
    """What a printout module provides; modules match it structurally (see the test)."""

    def build_context(self, data: dict, *, today: dt.date) -> dict: ...

    def render_html(
        self, context: dict, *, static_url: str = "/static/", links: Sequence[tuple[str, str]] = ()
    ) -> str: ...

    def render_pdf(self, context: dict) -> bytes: ...

    def render_docx(self, context: dict) -> bytes: ...

    def filename(self, context: dict, extension: str) -> str: ...
