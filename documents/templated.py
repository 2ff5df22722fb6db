"""The HTML, PDF and Word outputs of a printout drawn from one HTML template and one Word template.

The account request and the payment request differ only in their templates and in what the Word
file gets; the life certificate lays out its two pages itself and does not use this.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from documents import cache, rendering

PRINT_LAYOUT = "print/layout.html"
STYLESHEET = "css/print.css"  # under static/; the print layout links the same file


def _as_is(context: dict) -> tuple[dict, dict]:
    return context, {}


@dataclass(frozen=True)
class TemplatedPrintout:
    name: str  # the cache's name for the document
    template: str  # under templates/
    word_template: str  # under documents/word/
    # The Word file's context and images ({placeholder: (png bytes, width in mm)}).
    word_context: Callable[[dict], tuple[dict, dict]] = _as_is

    def render_html(
        self, context: dict, *, static_url: str = "/static/", links: Sequence[tuple[str, str]] = ()
    ) -> str:
        """The printout as a web page; `links` are (label, href) pairs shown on screen, never printed."""
        return rendering.render_template(
            self.template, static_url=static_url, links=links, **context
        )

    def render_pdf(self, context: dict) -> bytes:
        return cache.rendered(self.name, "pdf", context, self._pdf, sources=self._pdf_sources())

    def render_docx(self, context: dict) -> bytes:
        return cache.rendered(self.name, "docx", context, self._docx, sources=self._docx_sources())

    # The files that shape each output: an edited one is a new cache key.
    def _pdf_sources(self) -> tuple:
        return (
            rendering.TEMPLATES / self.template,
            rendering.TEMPLATES / PRINT_LAYOUT,
            rendering.STATIC / STYLESHEET,
        )

    def _docx_sources(self) -> tuple:
        return (rendering.WORD_TEMPLATES / self.word_template,)

    def _pdf(self, context: dict) -> bytes:
        html = rendering.render_template(self.template, static_url=None, links=(), **context)
        return rendering.html_to_pdf(html, stylesheet=STYLESHEET)

    def _docx(self, context: dict) -> bytes:
        text_context, images = self.word_context(context)
        return rendering.render_docx(self.word_template, text_context, images=images)
