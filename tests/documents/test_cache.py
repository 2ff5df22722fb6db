"""The printouts' file cache: bounded, least recently used first out, keyed by content and the
contents of its sources; behind it a shared store that holds only sealed files and whose failures
never fail a render."""

import os

import pytest

from documents import cache, versions


@pytest.fixture(autouse=True)
def _empty():
    cache.clear()
    yield
    cache.clear()


class DictStore:
    """A shared store in a dict, as two instances would see one Redis."""

    def __init__(self):
        self.values: dict[str, bytes] = {}

    def get(self, key):
        return self.values.get(key)

    def set(self, key, value):
        self.values[key] = value


class BrokenStore:
    def __init__(self):
        self.calls = 0

    def get(self, key):
        self.calls += 1
        raise ConnectionError("Redis is down")

    def set(self, key, value):
        self.calls += 1
        raise TimeoutError("Redis is slow")


def counting_render(calls):
    def render(context):
        calls.append(context["name"])
        return f"file of {context['name']}".encode()

    return render


def test_renders_once_per_distinct_content(tmp_path):
    calls = []
    render = counting_render(calls)
    first = cache.rendered("doc", "pdf", {"name": "Ana"}, render, sources=())
    assert cache.rendered("doc", "pdf", {"name": "Ana"}, render, sources=()) is first
    cache.rendered("doc", "docx", {"name": "Ana"}, render, sources=())
    cache.rendered("other", "pdf", {"name": "Ana"}, render, sources=())
    cache.rendered("doc", "pdf", {"name": "Ion"}, render, sources=())
    assert calls == ["Ana", "Ana", "Ana", "Ion"]
    assert cache.info() == {
        "hits": 1,
        "shared_hits": 0,
        "misses": 4,
        "shared_errors": 0,
        "size": 4,
        "max_size": cache.ENTRIES,
    }


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


def test_key_depends_on_document_kind_context_and_the_contents_of_the_sources(tmp_path):
    template = tmp_path / "template.html"
    template.write_text("x")
    context = {"name": "Ana", "qr_png": b"\x89PNG"}
    key = cache.key("doc", "pdf", context, [template])
    assert key == cache.key("doc", "pdf", dict(context), [template])
    assert key != cache.key("doc", "docx", context, [template])
    assert key != cache.key("other", "pdf", context, [template])
    assert key != cache.key("doc", "pdf", context | {"qr_png": b"\x89PNH"}, [template])
    # Another machine's checkout: other path, other modification time, same contents.
    elsewhere = tmp_path / "elsewhere" / "template.html"
    elsewhere.parent.mkdir()
    elsewhere.write_text("x")
    stat = template.stat()
    os.utime(elsewhere, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert cache.key("doc", "pdf", context, [elsewhere]) == key
    # An edited template (the next second, as an editor saves it) is a new key at once.
    template.write_text("y")
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert cache.key("doc", "pdf", context, [template]) != key


def test_renderer_version_covers_libraries_code_and_fonts():
    assert len(versions.renderer()) == 64
    assert versions.of([]) != versions.of([versions.PACKAGE / "cache.py"])


def test_a_file_rendered_by_one_instance_is_served_by_another():
    store = DictStore()
    calls = []
    with cache.shared_by(store):
        first = cache.rendered("doc", "pdf", {"name": "Ana"}, counting_render(calls), sources=())
    cache.clear()  # the other instance's LRU is empty
    with cache.shared_by(store):
        again = cache.rendered("doc", "pdf", {"name": "Ana"}, counting_render(calls), sources=())
    assert again == first and calls == ["Ana"]
    assert cache.info()["shared_hits"] == 1 and cache.info()["misses"] == 0


def test_the_store_holds_no_readable_personal_data():
    store = DictStore()
    with cache.shared_by(store):
        cache.rendered(
            "doc", "pdf", {"name": "Ana", "cnp": "2850315125803"}, counting_render([]), sources=()
        )
    [(key, value)] = store.values.items()
    assert value.startswith(cache.SEALED)
    for secret in (b"Ana", b"2850315125803", b"file of"):
        assert secret not in value and secret not in key.encode()


def test_never_another_persons_file_even_from_a_tampered_store():
    store = DictStore()
    ana, ion = {"name": "Ana"}, {"name": "Ion"}
    calls = []
    with cache.shared_by(store):
        cache.rendered("doc", "pdf", ana, counting_render(calls), sources=())
        cache.rendered("doc", "pdf", ion, counting_render(calls), sources=())
    key_ana, key_ion = cache.key("doc", "pdf", ana, ()), cache.key("doc", "pdf", ion, ())
    # Someone with access to Redis swaps the two entries: neither opens under the other's key.
    store.values[key_ana], store.values[key_ion] = store.values[key_ion], store.values[key_ana]
    cache.clear()
    with cache.shared_by(store):
        assert cache.rendered("doc", "pdf", ana, counting_render(calls), sources=()) == (
            b"file of Ana"
        )
        assert cache.rendered("doc", "pdf", ion, counting_render(calls), sources=()) == (
            b"file of Ion"
        )
    assert calls == ["Ana", "Ion", "Ana", "Ion"]  # rendered afresh, not served


def test_a_failing_store_never_fails_a_render_and_is_left_alone_for_a_while(caplog):
    store = BrokenStore()
    calls = []
    with cache.shared_by(store):
        assert cache.rendered("doc", "pdf", {"name": "Ana"}, counting_render(calls), sources=())
        assert cache.rendered("doc", "pdf", {"name": "Ion"}, counting_render(calls), sources=())
    assert calls == ["Ana", "Ion"]
    assert store.calls == 1  # the first failure paused it: Ion's render did not wait on it
    assert cache.info()["shared_errors"] == 1
    assert "shared store read failed (ConnectionError: Redis is down)" in caplog.text


def test_without_a_store_the_lru_works_alone():
    calls = []
    with cache.shared_by(None):
        cache.rendered("doc", "pdf", {"name": "Ana"}, counting_render(calls), sources=())
        cache.rendered("doc", "pdf", {"name": "Ana"}, counting_render(calls), sources=())
    assert calls == ["Ana"] and cache.info()["hits"] == 1
