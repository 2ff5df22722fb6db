"""Static files (m16): hashed names cached a year, plain names revalidated, gzip and brotli
when asked for, pages never compressed nor stored; the favicon, robots.txt, meta descriptions.
Needs `make static` (the Makefile's install step) to have written the digest."""

import json
from pathlib import Path

import pytest

from tests.page_checks import soup

STATIC = Path(__file__).resolve().parents[2] / "static"
MANIFEST = STATIC / "cache_manifest.json"
YEAR = "max-age=31536000, public, immutable"


@pytest.fixture(scope="module")
def manifest() -> dict:
    assert MANIFEST.is_file(), "static/cache_manifest.json is missing: run `make static`"
    return json.loads(MANIFEST.read_text())


def test_the_digest_covers_every_static_file_with_both_encodings(manifest):
    for name in ("css/site.css", "js/portal.js", "vendor/htmx.min.js", "favicon.svg"):
        hashed = STATIC / manifest[name]
        assert hashed.read_bytes() == (STATIC / name).read_bytes()
        assert Path(f"{hashed}.gz").is_file() and Path(f"{hashed}.br").is_file()


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("/", ("css/site.css", "js/portal.js", "favicon.svg")),
        # htmx loads only where the page uses it (tests/webapp/test_htmx_script.py).
        ("/cont/cerere", ("css/site.css", "js/portal.js", "vendor/htmx.min.js", "favicon.svg")),
    ],
)
def test_pages_link_hashed_names(client_request, manifest, path, names):
    page = soup(client_request.get(path))
    urls = [tag.get("href") or tag.get("src") for tag in page.select("link[href], script[src]")]
    for name in names:
        assert f"/static/{manifest[name]}" in urls


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_hashed_files_are_kept_a_year_and_sent_compressed(client, manifest, encoding):
    url = f"/static/{manifest['vendor/htmx.min.js']}"
    response = client.get(url, headers={"Accept-Encoding": f"{encoding}, deflate"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == YEAR
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert len(response.data) < (STATIC / "vendor/htmx.min.js").stat().st_size / 2
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Set-Cookie" not in response.headers


def test_without_accept_encoding_the_file_is_sent_as_it_is(client, manifest):
    response = client.get(f"/static/{manifest['css/site.css']}")
    assert "Content-Encoding" not in response.headers
    assert response.data == (STATIC / "css/site.css").read_bytes()


def test_plain_names_are_revalidated_every_time(client):
    response = client.get("/static/css/site.css", headers={"Accept-Encoding": "br"})
    assert response.headers["Cache-Control"] == "max-age=0, public"
    assert response.headers["Content-Encoding"] == "br"
    again = client.get("/static/css/site.css", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_pages_are_neither_stored_nor_compressed(client):
    response = client.get("/", headers={"Accept-Encoding": "gzip, br"})
    assert response.headers["Cache-Control"] == "no-store"
    assert "Content-Encoding" not in response.headers


def test_the_favicon_and_robots_txt_are_at_the_root(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.data[:4] == b"\x00\x00\x01\x00"
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and "User-agent: *" in robots.get_data(as_text=True)


@pytest.mark.parametrize(
    "url", ["/", "/cont/cerere", "/stare", "/autentificare", "/pensie/calcul", "/pensie/punctaj"]
)
def test_every_page_has_its_own_meta_description(client_request, url):
    page = soup(client_request.get(url))
    descriptions = page.find_all("meta", attrs={"name": "description"})
    assert len(descriptions) == 1 and len(descriptions[0]["content"]) > 50


def test_main_pages_describe_themselves_differently(client_request):
    contents = {
        soup(client_request.get(url)).find("meta", attrs={"name": "description"})["content"]
        for url in ("/", "/cont/cerere", "/pensie/punctaj")
    }
    assert len(contents) == 3
