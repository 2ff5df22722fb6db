"""Page weight of the online-account journey against the budgets of issue 2.

Walks the journey with Flask's test client on a throwaway migrated SQLite database, the way a
browser without a cache would: each HTML page, then the stylesheets and scripts those pages link.
Sizes are raw, gzip level 6 and (when the `brotli` module happens to be installed) brotli.

Budgets (1 KB = 1024 bytes, compressed = gzip -6, the figure every server can produce):
each HTML page <= 14 KB compressed; our CSS <= 8 KB compressed; no JavaScript but htmx and our
own, which must stay <= 2 KB raw (stricter than compressed, and what the browser parses).

Exit status: 0 within budget, 1 over budget, 2 the journey itself failed.

    .venv/bin/python bench/page_budgets.py
"""

import argparse
import re
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from _support import KIB, ROOT, brotli, brotli_size, gzip_size, markdown_table, migrate

HTML_BUDGET = 14 * KIB
CSS_BUDGET = 8 * KIB
OWN_JS_BUDGET = 2 * KIB
VENDOR_PREFIX = "/static/vendor/"
# htmx, under its plain name or the hashed one `make static` gives it (webapp/static_files.py).
ALLOWED_VENDOR_JS = re.compile(r"^/static/vendor/htmx\.min(-[0-9a-f]{32})?\.js$")


class JourneyError(Exception):
    pass


@dataclass
class Page:
    label: str
    path: str
    body: bytes
    checked: bool = True  # False: shown for information, not held to the budget


class PageParts(HTMLParser):
    """What the journey and the checks need from a page; the stdlib parser is enough for that."""

    def __init__(self):
        super().__init__()
        self.csrf_token = None
        self.title = ""
        self.scripts, self.stylesheets = [], []
        self.inline_scripts = self.row_cards = 0
        self._in_title = self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") == "csrf_token":
            self.csrf_token = a.get("value")
        elif tag == "title":
            self._in_title = True
        elif tag == "script":
            if a.get("src"):
                self.scripts.append(a["src"])
            else:
                self._in_script = True
        elif tag == "link" and "stylesheet" in (a.get("rel") or "").split():
            self.stylesheets.append(a.get("href"))
        elif tag == "fieldset" and "row-card" in (a.get("class") or "").split():
            self.row_cards += 1

    def handle_endtag(self, tag):
        self._in_title = self._in_title and tag != "title"
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._in_script and data.strip():
            self.inline_scripts += 1


def parse(body: bytes) -> PageParts:
    parts = PageParts()
    parts.feed(body.decode("utf-8"))
    return parts


def rows(prefix: str, entries: list[dict]) -> dict:
    return {f"{prefix}-{i}-{k}": v for i, entry in enumerate(entries) for k, v in entry.items()}


class Browser:
    """A test client that insists on the status a real browser would see at each step."""

    def __init__(self, client):
        self.client = client
        self.token = None

    def get(self, path: str) -> bytes:
        response = self.client.get(path)
        if response.status_code != 200:
            raise JourneyError(f"GET {path}: {response.status_code}, expected 200")
        body = response.get_data()
        if response.mimetype == "text/html":
            self.token = parse(body).csrf_token or self.token
        return body

    def post(self, path: str, data: dict, expect: int) -> tuple[bytes, str | None]:
        response = self.client.post(path, data={"csrf_token": self.token, **data})
        if response.status_code != expect:
            snippet = re.sub(r"\s+", " ", response.get_data(as_text=True))[:600]
            raise JourneyError(f"POST {path}: {response.status_code}, expected {expect}\n{snippet}")
        return response.get_data(), response.headers.get("Location")


def walk_journey(browser: Browser) -> list[Page]:
    pages = [Page("Home", "/", browser.get("/")), Page("Start", "/cont/", browser.get("/cont/"))]
    pages.append(Page("Identity, empty", "/cont/cerere", browser.get("/cont/cerere")))
    # Submitting the empty form is the page with the most error messages.
    body, _ = browser.post("/cont/cerere", {}, expect=200)
    if not parse(body).title.startswith("Eroare:"):
        raise JourneyError("POST /cont/cerere with nothing filled in did not show errors")
    pages.append(Page("Identity, all errors", "/cont/cerere", body))
    from tests import builders  # the answers the tests post (ROOT is on sys.path: main)

    natural = [
        builders.natural_person_row(),
        builders.natural_person_row(
            first_name="Ilinca",
            cnp="6100315123459",  # a minor: born 15.03.2010
            legal_basis="parinte",
            document_number="CN 445566",
            document_date="20.03.2010",
        ),
    ]
    legal = builders.legal_person_row()
    # One thing per page (M14): each page before the persons page takes its part of the answers.
    for path in (
        "/cont/cerere",
        "/cont/cerere/act-de-identitate",
        "/cont/cerere/adresa",
        "/cont/cerere/contact",
        "/cont/cerere/casa-de-pensii",
    ):
        browser.post(path, builders.identity(), expect=303)

    persons = "/cont/cerere/persoane"
    pages.append(Page("Persons, 0 rows", persons, browser.get(persons)))
    # The largest this page gets: 19 filled rows, then "add" without JavaScript makes 20.
    many = rows("legal_persons", [legal | {"document_number": str(n)} for n in range(19)])
    body, _ = browser.post(persons, many | {"action": "add-legal"}, expect=200)
    _expect_rows(body, 20)
    pages.append(Page("Persons, 20 rows (info)", persons, body, checked=False))
    three = rows("natural_persons", natural) | rows("legal_persons", [legal])
    browser.post(persons, three | {"action": "continue"}, expect=303)
    body = browser.get(persons)
    _expect_rows(body, 3)
    pages.append(Page("Persons, 3 rows", persons, body))

    check = "/cont/cerere/verificare"
    pages.append(Page("Check answers", check, browser.get(check)))
    _, location = browser.post(check, {}, expect=303)
    path = urlsplit(location).path
    pages.append(Page("Confirmation", path, browser.get(path)))
    return pages


def _expect_rows(body: bytes, count: int) -> None:
    found = parse(body).row_cards
    if found != count:
        raise JourneyError(f"persons page shows {found} rows, expected {count}")


def kib(size: int | None) -> str:
    return "–" if size is None else f"{size / KIB:.1f}"


def main() -> int:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        database_url = f"sqlite:///{tmp}/bench.sqlite3"
        migrate(database_url)
        sys.path.insert(0, str(ROOT))
        from webapp import create_app

        app = create_app({"ENV_NAME": "development", "DATABASE_URL": database_url})
        browser = Browser(app.test_client())
        try:
            pages = walk_journey(browser)
            assets = _linked_assets(browser, pages)
        except JourneyError as error:
            print(f"The journey failed, nothing measured: {error}", file=sys.stderr)
            return 2
        finally:
            app.extensions["db_engine"].dispose()

    problems = _script_problems(pages)
    table = []
    for page in pages:
        compressed = gzip_size(page.body)
        if not page.checked:
            budget, status = "–", "info"
        else:
            budget, status = f"≤ {kib(HTML_BUDGET)} gzip", _status(compressed, HTML_BUDGET)
        if status == "OVER":
            problems.append(f"{page.label} ({page.path}): {compressed} B gzip > {HTML_BUDGET}")
        table.append(_row(f"{page.label} `{page.path}`", page.body, budget, status))

    vendor = {url: body for url, body in assets.items() if url.startswith(VENDOR_PREFIX)}
    css = {url: body for url, body in assets.items() if url not in vendor and url.endswith(".css")}
    own_js = {url: body for url, body in assets.items() if url not in vendor and url not in css}
    css_total = sum(gzip_size(body) for body in css.values())
    js_total = sum(len(body) for body in own_js.values())
    for url, body in css.items():
        status = _status(css_total, CSS_BUDGET)
        table.append(_row(f"`{url}`", body, f"≤ {kib(CSS_BUDGET)} gzip, all CSS", status))
    for url, body in own_js.items():
        status = _status(js_total, OWN_JS_BUDGET)
        table.append(_row(f"`{url}`", body, f"≤ {kib(OWN_JS_BUDGET)} raw, all ours", status))
    for url, body in vendor.items():
        table.append(_row(f"`{url}` (vendor)", body, "–", "info"))
        if not ALLOWED_VENDOR_JS.match(url):
            problems.append(f"a script other than htmx in {VENDOR_PREFIX}: {url}")
    if css_total > CSS_BUDGET:
        problems.append(f"our CSS: {css_total} B gzip > {CSS_BUDGET}")
    if js_total > OWN_JS_BUDGET:
        problems.append(f"our JavaScript: {js_total} B raw > {OWN_JS_BUDGET}")

    header = ["Resource", "Raw KB", "gzip -6 KB"]
    header += ["brotli 6 KB"] if brotli else []
    header += ["Budget", "Status"]
    if not brotli:
        table = [row[:3] + row[4:] for row in table]
    print("## Page weight (1 KB = 1024 B)\n")
    print(markdown_table(header, table, align="l" + "r" * (len(header) - 3) + "ll"))
    if not brotli:
        print("\n(brotli not installed: gzip only)")
    # What a first visit to the form costs on the wire, cold cache, before any typing.
    form = next(page for page in pages if page.label == "Identity, empty")
    first_visit = gzip_size(form.body) + sum(gzip_size(body) for body in assets.values())
    print(f"\nFirst visit to `{form.path}`, cold cache: {kib(first_visit)} KB gzip in total.")
    if problems:
        print(
            "\nOver budget, or JavaScript beyond htmx and ours:\n"
            + "\n".join(f"- {p}" for p in problems)
        )
        return 1
    print("\nAll within budget.")
    return 0


def _status(size: int, budget: int) -> str:
    return "OVER" if size > budget else "ok"


def _row(label: str, body: bytes, budget: str, status: str) -> list:
    return [label, kib(len(body)), kib(gzip_size(body)), kib(brotli_size(body)), budget, status]


def _linked_assets(browser: Browser, pages: list[Page]) -> dict[str, bytes]:
    """Every stylesheet and script the pages link, fetched once, as a browser cache would."""
    urls = []
    for page in pages:
        parts = parse(page.body)
        for url in parts.stylesheets + parts.scripts:
            path = urlsplit(url).path
            if urlsplit(url).netloc:
                raise JourneyError(f"{page.path} loads {url} from another origin")
            if path not in urls:
                urls.append(path)
    return {url: browser.get(url) for url in urls}


def _script_problems(pages: list[Page]) -> list[str]:
    return [
        f"{page.path} has {count} inline script(s)"
        for page in pages
        if (count := parse(page.body).inline_scripts)
    ]


if __name__ == "__main__":
    sys.exit(main())
