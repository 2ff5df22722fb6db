"""Issue 13: htmx loads only on pages with something for it to enhance; the others spare a slow
phone its 51 KB and its start-up (Lighthouse's "unused JavaScript", total blocking time)."""

import pytest

from tests.page_checks import soup
from webapp.htmx import uses_htmx


def scripts(response) -> list[str]:
    return [tag["src"] for tag in soup(response).find_all("script", src=True)]


def has_htmx(response) -> bool:
    return any("/vendor/htmx" in src for src in scripts(response))


@pytest.mark.parametrize(
    "path",
    ["/", "/autentificare", "/stare", "/certificat-de-viata/", "/contact", "/protectia-datelor"],
)
def test_pages_without_htmx_attributes_do_not_load_htmx(client_request, path):
    response = client_request.get(path)
    assert not has_htmx(response)
    # The site's own script still loads: the show-password button and the reveals need it.
    assert any("/js/portal" in src for src in scripts(response))


@pytest.mark.parametrize("path", ["/cont/cerere", "/pensie/calcul"])
def test_pages_with_htmx_attributes_load_htmx_before_the_site_script(client_request, path):
    response = client_request.get(path)
    assert soup(response).select("[hx-post], [hx-get]")
    sources = scripts(response)
    assert "/vendor/htmx" in sources[0] and "/js/portal" in sources[1]
    assert all(tag.has_attr("defer") for tag in soup(response).find_all("script", src=True))


@pytest.mark.parametrize(
    "html",
    [
        '<form hx-post="/x">',
        '<div class="a"\n  hx-swap-oob="true">',
        "<a id=n hx-swap-oob>",
        '<input hx-trigger="input changed">',
    ],
)
def test_an_htmx_attribute_is_found_wherever_it_sits_in_the_tag(html):
    assert uses_htmx(html)


@pytest.mark.parametrize(
    "html",
    [
        "<p>Codul hx-post apare în text</p>",
        '<p class="hx-post">',
        '<meta name="htmx-config" content="{}">',
        "",
    ],
)
def test_text_that_only_mentions_hx_does_not_count(html):
    assert not uses_htmx(html)
