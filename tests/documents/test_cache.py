"""The printouts' file cache: bounded, least recently used first out, keyed by content and sources."""

import os

import pytest

from documents import cache


@pytest.fixture(autouse=True)
def _empty():
    cache.clear()
    yield
    cache.clear()


def test_renders_once_per_distinct_content(tmp_path):
    calls = []

    def render(context):
        calls.append(context["name"])
        return context["name"].encode()

    first = cache.rendered("doc", "pdf", {"name": "Ana"}, render, sources=())
    assert cache.rendered("doc", "pdf", {"name": "Ana"}, render, sources=()) is first
    cache.rendered("doc", "docx", {"name": "Ana"}, render, sources=())
    cache.rendered("other", "pdf", {"name": "Ana"}, render, sources=())
    cache.rendered("doc", "pdf", {"name": "Ion"}, render, sources=())
    assert calls == ["Ana", "Ana", "Ana", "Ion"]
    assert cache.info() == {"hits": 1, "misses": 4, "size": 4, "max_size": cache.ENTRIES}


def test_is_bounded_and_forgets_the_least_recently_used():
    def render(context):
        return str(context["n"]).encode()

    cache.rendered("doc", "pdf", {"n": 0}, render, sources=())
    for n in range(1, cache.ENTRIES + 5):
        cache.rendered("doc", "pdf", {"n": n}, render, sources=())
        cache.rendered("doc", "pdf", {"n": 0}, render, sources=())  # kept by being used
    assert cache.info()["size"] == cache.ENTRIES
    hits = cache.info()["hits"]
    cache.rendered("doc", "pdf", {"n": 0}, render, sources=())
    cache.rendered("doc", "pdf", {"n": cache.ENTRIES + 4}, render, sources=())
    assert cache.info()["hits"] == hits + 2
    cache.rendered("doc", "pdf", {"n": 1}, render, sources=())  # the oldest went first
    assert cache.info()["hits"] == hits + 2


def test_key_depends_on_document_kind_content_and_sources(tmp_path):
    template = tmp_path / "template.html"
    template.write_text("x")
    context = {"name": "Ana", "qr_png": b"\x89PNG"}
    key = cache.key("doc", "pdf", context, [template])
    assert key == cache.key("doc", "pdf", dict(context), [template])
    assert key != cache.key("doc", "docx", context, [template])
    assert key != cache.key("other", "pdf", context, [template])
    assert key != cache.key("doc", "pdf", context | {"qr_png": b"\x89PNH"}, [template])
    stat = template.stat()
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert key != cache.key("doc", "pdf", context, [template])
