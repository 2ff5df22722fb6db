"""Shared machinery for printable documents: Jinja over templates/, WeasyPrint, docxtpl, segno.

No Flask here: the views call these functions, and the same templates also render outside a request
(tests, the benchmark, a batch job).
"""

import gc
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
import segno
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
STATIC = ROOT / "static"
WORD_TEMPLATES = Path(__file__).resolve().parent / "word"

# Relative URLs in the PDF's HTML and stylesheet resolve here, through the fetcher below.
STATIC_FILE_URL = STATIC.as_uri() + "/"

# Tagged PDF (structure tree, /Lang, title shown): screen readers can read the printout aloud.
PDF_VARIANT = "pdf/ua-1"

_CONTENT_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        # A misspelt key must fail the test suite, not print an empty box on a legal form.
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_template(name: str, **context) -> str:
    return environment().get_template(name).render(**context)


class StaticFilesOnly(URLFetcher):
    """Serves static/ from disk and refuses everything else.

    The PDF never depends on the web server being up, and no URL in the document (even one that
    slipped into user data) can make the renderer open a network connection or read another file.
    """

    def __init__(self):
        super().__init__(fail_on_errors=True)

    def fetch(self, url, headers=None):
        path = _static_path(url)
        return URLFetcherResponse(
            url,
            _read_static(path),
            headers={"Content-Type": _CONTENT_TYPES.get(path.suffix, "application/octet-stream")},
        )


def _static_path(url: str) -> Path:
    parts = urlsplit(url)
    if parts.scheme != "file":
        raise PermissionError(f"Only files under static/ may be loaded, not {url!r}")
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(STATIC) or not path.is_file():
        raise PermissionError(f"Only files under static/ may be loaded, not {url!r}")
    return path


def _read_static(path: Path) -> bytes:
    # Keyed on mtime so that an edited stylesheet shows up without a restart.
    return _read_cached(path, path.stat().st_mtime_ns)


@cache
def _read_cached(path: Path, _mtime_ns: int) -> bytes:
    return path.read_bytes()


# The font configuration and the parsed stylesheet are reused between renders (together about 20 ms
# of a render); one set per thread, because a Pango font map must not be shared between threads.
_thread_state = threading.local()


def _font_config() -> FontConfiguration:
    config = getattr(_thread_state, "font_config", None)
    if config is None:
        config = _thread_state.font_config = FontConfiguration()
    return config


def _stylesheet(name: str) -> CSS:
    path = STATIC / name
    key = (name, path.stat().st_mtime_ns)
    sheets = _thread_state.__dict__.setdefault("stylesheets", {})
    if key not in sheets:
        sheets[key] = CSS(
            string=_read_static(path).decode("utf-8"),
            base_url=path.as_uri(),
            url_fetcher=StaticFilesOnly(),
            font_config=_font_config(),
        )
    return sheets[key]


# The printouts' typeface (static/css/print.css names it first) and the faces they use.
FONT_FAMILY = "Liberation Sans"
FONT_STYLES = ("Regular", "Bold")


def font_files() -> list[str]:
    """The font files fontconfig picks for the printouts' typeface here (Liberation Sans where it
    is installed, else its substitute, e.g. DejaVu Sans); empty if fontconfig cannot say."""
    from weasyprint.text.ffi import ffi, fontconfig

    files = []
    for style in FONT_STYLES:
        pattern = fontconfig.FcPatternCreate()
        try:
            fontconfig.FcPatternAddString(pattern, b"family", FONT_FAMILY.encode())
            fontconfig.FcPatternAddString(pattern, b"style", style.encode())
            fontconfig.FcConfigSubstitute(ffi.NULL, pattern, fontconfig.FcMatchPattern)
            fontconfig.FcDefaultSubstitute(pattern)
            match = fontconfig.FcFontMatch(ffi.NULL, pattern, ffi.new("FcResult *"))
            if match == ffi.NULL:
                continue
            try:
                file = ffi.new("FcChar8 **")
                if fontconfig.FcPatternGetString(match, b"file", 0, file) == 0:  # FcResultMatch
                    files.append(ffi.string(file[0]).decode())
            finally:
                fontconfig.FcPatternDestroy(match)
        finally:
            fontconfig.FcPatternDestroy(pattern)
    return files


_pause_lock = threading.Lock()
_pauses = 0  # renders under way in this process with the collector paused
_collector_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pauses Python's cyclic garbage collector for a WeasyPrint render.

    A render makes some hundred thousand short-lived objects (boxes, styles, PDF objects), which set
    off dozens of collector passes, each also walking every older object of the process: 30 ms of an
    account request's 20-person render in the bench, 50 ms in a gunicorn worker with the whole app
    (bench/bench_gc_render.py). Paused, what the render leaves in cycles is collected in one pass
    at the next allocation after it (about 7 ms). Counted, so that overlapping renders in threads
    leave the collector as they found it once the last one ends.
    """
    global _pauses, _collector_was_enabled
    with _pause_lock:
        if _pauses == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _collector_was_enabled:
                gc.enable()


def html_to_pdf(html: str, *, stylesheet: str) -> bytes:
    """PDF of a page rendered without its <link>; `stylesheet` is a path under static/."""
    with collector_paused():
        document = HTML(string=html, base_url=STATIC_FILE_URL, url_fetcher=StaticFilesOnly())
        return document.write_pdf(
            stylesheets=[_stylesheet(stylesheet)],
            font_config=_font_config(),
            pdf_variant=PDF_VARIANT,
        )


@cache
def _word_template_bytes(name: str, _mtime_ns: int) -> bytes:
    return (WORD_TEMPLATES / name).read_bytes()


class _CompilingOnceEnvironment(jinja2.Environment):
    """docxtpl compiles each part's XML with from_string on every render. That XML is the same every
    time for a given template, so the compiled template is kept: it was half of docxtpl's time."""

    def __init__(self, **options):
        super().__init__(**options)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)
            if len(self._compiled) < _MAX_CACHED:
                self._compiled[source] = template
        return template


_MAX_CACHED = 64  # a few parts per Word template; bounded in case templates change at run time
_patched_xml: dict[str, str] = {}


class _DocxTemplate(DocxTemplate):
    def patch_xml(self, src_xml):
        # Same reasoning: the regex clean-up of the template's XML gives the same result each time.
        patched = _patched_xml.get(src_xml)
        if patched is None:
            patched = super().patch_xml(src_xml)
            if len(_patched_xml) < _MAX_CACHED:
                _patched_xml[src_xml] = patched
        return patched


# Autoescaped: a '<' or '&' in a name must stay text, not become (broken) WordprocessingML.
_DOCX_ENVIRONMENT = _CompilingOnceEnvironment(autoescape=True)


def render_docx(
    template_name: str, context: dict, *, images: dict[str, tuple[bytes, float]]
) -> bytes:
    """Render a Word template; `images` maps a context key to (PNG bytes, width in mm)."""
    path = WORD_TEMPLATES / template_name
    # DocxTemplate cannot be rendered twice, so each call starts from the bytes of the file.
    template = _DocxTemplate(
        io.BytesIO(_word_template_bytes(template_name, path.stat().st_mtime_ns))
    )
    full_context = dict(context)
    for key, (png, width_mm) in images.items():
        full_context[key] = InlineImage(template, io.BytesIO(png), width=Mm(width_mm))
    template.render(full_context, jinja_env=_DOCX_ENVIRONMENT, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def qr_code(text: str, *, title: str) -> tuple[Markup, bytes]:
    """The QR code of `text` as inline SVG (for HTML and PDF) and as PNG (for Word)."""
    # At least level M (segno raises it when the size allows): survives a crease or a smudge.
    qr = segno.make_qr(text, error="m")
    svg = qr.svg_inline(
        border=2, omitsize=True, svgclass="qr", lineclass=None, title=title, dark="#000"
    )
    # role="img" makes browsers and WeasyPrint's tagging name the graphic by its <title>.
    svg = svg.replace("<svg ", '<svg role="img" ', 1)
    png = io.BytesIO()
    qr.save(png, kind="png", scale=10, border=2)
    return Markup(svg), png.getvalue()
