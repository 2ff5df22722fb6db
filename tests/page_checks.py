"""Checks run on every page the tests fetch, in the spirit of GOV.UK Notify's client_request.

Each HTML page must: parse as HTML5 without errors; have exactly one h1, with the <title> (less
an "Eroare: " prefix) starting from it and holding no markup; have that prefix, once, exactly when it shows a problem box
(an error summary or the calculator's list of problems); have a meta description (pages of the site's layout); have unique ids; give every form an action and a method;
link labels to existing controls; use comma-below ș ț and never cedilla ş ţ. htmx fragments get
the same checks less the h1 and title ones.

Pages are fetched by path ("/cont/cerere") or, as in Notify's client_request, by endpoint name
with its URL values: `client_request.get_page("account.confirmation", reference=ref)`, or
`client_request.within("account").get(".identity")` for the endpoints of one blueprint. With an
endpoint name, the test client's own keyword arguments (data, headers, query_string…) still go
to the client and the others are the endpoint's values.
"""

import re
from collections import Counter

import html5lib
from bs4 import BeautifulSoup
from flask import url_for

CEDILLA = re.compile("[şţŞŢ]")
HX_ATTRIBUTE = re.compile(r"^(data-)?hx-")
PROBLEM_BOX = ".error-summary, .result-problems"
# The title's "Eroare: " in each language of the pages (webapp/i18n.py), written out here rather
# than read from the catalogues, so that a wrong translation fails too.
ERROR_PREFIXES = {
    "ro": "Eroare: ",
    "en": "Error: ",
    "it": "Errore: ",
    "es": "Error: ",
    "de": "Fehler: ",
    "fr": "Erreur : ",
    "hu": "Hiba: ",
}


# Keyword arguments of Flask's test client (werkzeug's EnvironBuilder and open()).
CLIENT_ARGUMENTS = frozenset(
    {
        "base_url",
        "buffered",
        "content_type",
        "data",
        "environ_base",
        "environ_overrides",
        "follow_redirects",
        "headers",
        "json",
        "query_string",
    }
)


class PageClient:
    def __init__(self, client, blueprint: str | None = None):
        self.client = client
        self.blueprint = blueprint

    def within(self, blueprint: str) -> "PageClient":
        """The same client (same cookies), with ".endpoint" names resolved in `blueprint`."""
        return PageClient(self.client, blueprint)

    def url(self, target: str, **values) -> str:
        """`target` as given if it is a path, else the URL of that endpoint with `values`."""
        if is_path(target):
            assert not values, f"URL values {sorted(values)} given with a path: {target}"
            return target
        if target.startswith("."):
            assert self.blueprint, f"{target}: a relative endpoint needs PageClient.within()"
            target = self.blueprint + target
        with self.client.application.test_request_context():
            return url_for(target, **values)

    def get(self, url, expected_status=200, **kwargs):
        url, kwargs = self._resolve(url, kwargs)
        return self._checked(self.client.get(url, **kwargs), expected_status)

    def post(self, url, expected_status=None, **kwargs):
        url, kwargs = self._resolve(url, kwargs)
        return self._checked(self.client.post(url, **kwargs), expected_status)

    def get_page(self, url, **kwargs) -> BeautifulSoup:
        return soup(self.get(url, **kwargs))

    def csrf_token(self, url, **values) -> str:
        return self.get_page(url, **values).find("input", {"name": "csrf_token"})["value"]

    def _resolve(self, target: str, kwargs: dict) -> tuple[str, dict]:
        if is_path(target):
            return target, kwargs
        values = {key: value for key, value in kwargs.items() if key not in CLIENT_ARGUMENTS}
        rest = {key: value for key, value in kwargs.items() if key in CLIENT_ARGUMENTS}
        return self.url(target, **values), rest

    def _checked(self, response, expected_status):
        if expected_status is not None:
            assert response.status_code == expected_status, (
                f"{response.request.path}: {response.status_code}\n{response.get_data(True)[:2000]}"
            )
        # A redirect's body is Werkzeug's "Redirecting..." stub, not one of our pages.
        redirect = 300 <= response.status_code < 400
        if response.mimetype == "text/html" and response.get_data() and not redirect:
            is_fragment = "HX-Request" in response.request.headers
            language = response.headers.get("Content-Language") if is_fragment else None
            check_html(response.get_data(as_text=True), fragment=is_fragment, language=language)
        return response


def is_path(target: str) -> bool:
    return target.startswith("/") or "://" in target


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html5lib")


def check_html(html: str, fragment: bool = False, language: str | None = None) -> BeautifulSoup:
    """`language`: a fragment's (it has no <html lang>); a page says its own."""
    parser = html5lib.HTMLParser(strict=True)
    if fragment:
        parser.parseFragment(html)
    else:
        parser.parse(html)
    assert not CEDILLA.search(html), f"cedilla ş/ţ in page: {CEDILLA.findall(html)}"
    page = BeautifulSoup(html, "html5lib")

    ids = Counter(element["id"] for element in page.find_all(id=True))
    repeated = [value for value, count in ids.items() if count > 1]
    assert not repeated, f"repeated ids: {repeated}"

    for form in page.find_all("form"):
        assert form.get("action"), f"form without action: {str(form)[:200]}"
        assert form.get("method"), f"form without method: {str(form)[:200]}"

    for label in page.find_all("label", attrs={"for": True}):
        assert label["for"] in ids, f"label for a missing control: {label['for']}"

    for element in page.find_all(True):
        hx = [name for name in element.attrs if HX_ATTRIBUTE.match(name)]
        if fragment and hx == ["hx-swap-oob"]:
            continue  # an htmx response placing a part of itself elsewhere: never in a page
        if hx:
            assert element.name in ("form", "a"), f"hx-* off a form or link: {str(element)[:200]}"
            if element.name == "form":
                assert element.get("action") and element.get("method")
            else:
                assert element.get("href")

    if not fragment:
        headings = page.find_all("h1")
        assert len(headings) == 1, f"expected one h1, found {len(headings)}"
        # The title is plain text: markup in its block shows up raw in the tab and bookmarks (M5).
        assert "<" not in page.title.get_text(), f"markup in the title: {page.title.get_text()!r}"
        full_title = page.title.get_text(" ", strip=True)
        check_error_prefix(page, full_title)
        title = full_title.removeprefix(error_prefix_of(page))
        heading = headings[0].get_text(" ", strip=True)
        assert title.startswith(heading), f"title {title!r} does not start with h1 {heading!r}"
        # What a search result shows under the title (m16): every page of the site's layout says
        # what it is (not a printout's sheet, nor the last-resort error page).
        if page.find("header", class_="site-header"):
            description = page.find("meta", attrs={"name": "description"})
            assert description and description.get("content", "").strip(), "no meta description"
    elif page.title is not None:
        check_error_prefix(page, page.title.get_text(" ", strip=True), language)
    return page


def page_language(page: BeautifulSoup) -> str:
    html = page.find("html")
    return (html.get("lang") if html else None) or "ro"


def error_prefix_of(page: BeautifulSoup, language: str | None = None) -> str:
    return ERROR_PREFIXES[language or page_language(page)]


def check_error_prefix(page: BeautifulSoup, title: str, language: str | None = None) -> None:
    """A problem shown is said first in the title, once (WCAG 2.4.2, 3.3.1), in the page's
    language; no problem, no prefix."""
    prefix = error_prefix_of(page, language)
    word = prefix.rstrip(" :")
    assert title.count(word) <= 1, f"title says {word} more than once: {title!r}"
    if page.select_one(PROBLEM_BOX):
        assert title.startswith(prefix), f"a problem box under the title {title!r}"
    else:
        assert word not in title, f"title {title!r} without a problem box"
