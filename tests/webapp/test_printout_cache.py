"""The printouts' cache shared through Redis (F6): two instances of the site (two create_app on
one database and one Redis) render a file once; an edited template is a new file; a Redis that
is down or silent never fails a download; nobody is served another person's file.

Redis: PRINTOUT_CACHE_TEST_REDIS_URL, by default database 13 of the machine's Redis, under a
prefix of this test's own, whose keys are deleted afterwards (nothing else in the database is
touched). Without a Redis there, the tests that need one are skipped and say why.
"""

import io
import logging
import os
import shutil
import socket
import uuid

import pytest
import redis
from pypdf import PdfReader

from documents import cache, life_certificate, rendering
from tests.builders import life_certificate_answers as answers
from webapp import create_app, printout_cache

REDIS_URL = os.environ.get("PRINTOUT_CACHE_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
BASE = "/certificat-de-viata"
PDF = f"{BASE}/certificat-de-viata.pdf"
SECRET = "a-secret-key-the-instances-share-0123456789"


@pytest.fixture
def prefix():
    """A key prefix of this test's own in the test database, emptied afterwards."""
    client = redis.Redis.from_url(REDIS_URL, socket_timeout=1, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"needs Redis at {REDIS_URL}: {error}")
    name = f"test-printouts-{uuid.uuid4().hex}:"
    yield name
    keys = list(client.scan_iter(match=name + "*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture(autouse=True)
def _empty_lru():
    cache.clear()
    yield
    cache.clear()


def instance(database_url, url, prefix="printouts:"):
    """One instance of the site, as gunicorn on another machine would create it."""
    return create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": database_url,
            "SECRET_KEY": SECRET,
            "WTF_CSRF_ENABLED": False,
            "PRINTOUT_CACHE_URL": url,
            "PRINTOUT_CACHE_PREFIX": prefix,
        }
    )


def fill_certificate(client, **overrides):
    """The life certificate filled and confirmed in `client`'s browser."""
    assert client.post(f"{BASE}/date", data=answers(**overrides)).status_code == 303
    assert client.post(f"{BASE}/verificare").status_code == 303


def same_browser(client, other_app):
    """A client of `other_app` with `client`'s cookies: the proxy sent the next request there."""
    other = other_app.test_client()
    for cookie in client._cookies.values():
        other.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)
    return other


def count_renders(monkeypatch) -> list[str]:
    calls = []
    real = life_certificate._render_pdf

    def counting(context):
        calls.append(context["full_name"])
        return real(context)

    monkeypatch.setattr(life_certificate, "_render_pdf", counting)
    return calls


def pdf_text(body: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def dispose(*apps):
    for app in apps:
        app.extensions["db_engine"].dispose()


def test_two_instances_render_a_file_once(migrated, prefix, monkeypatch):
    renders = count_renders(monkeypatch)
    first_app, second_app = (
        instance(migrated, REDIS_URL, prefix),
        instance(migrated, REDIS_URL, prefix),
    )
    browser = first_app.test_client()
    fill_certificate(browser)
    first = browser.get(PDF)
    assert first.status_code == 200 and first.mimetype == "application/pdf"
    cache.clear()  # the other instance is another process: its LRU has nothing
    again = same_browser(browser, second_app).get(PDF)
    assert again.status_code == 200
    assert again.data == first.data
    assert len(renders) == 1
    assert cache.info()["shared_hits"] == 1
    # What Redis holds is sealed: no name, CNP or PDF in the clear.
    client = second_app.extensions[printout_cache.EXTENSION].client
    names = [name for name in client.scan_iter(match=prefix + "*") if not name.endswith(b"index")]
    [value] = [client.get(name) for name in names]
    assert value.startswith(cache.SEALED) and b"%PDF" not in value
    assert answers()["cnp"].encode() not in value
    assert 0 < client.ttl(names[0]) <= second_app.config["PRINTOUT_CACHE_TTL_SECONDS"]
    dispose(first_app, second_app)


@pytest.fixture
def template_copies(monkeypatch, tmp_path):
    """The printouts read their templates from a copy, so that editing one touches no other test."""
    shutil.copytree(rendering.TEMPLATES / "print", tmp_path / "print")
    monkeypatch.setattr(rendering, "TEMPLATES", tmp_path)
    rendering.environment.cache_clear()
    yield tmp_path
    rendering.environment.cache_clear()  # before monkeypatch puts TEMPLATES back


def test_an_edited_template_is_rendered_again(migrated, prefix, monkeypatch, template_copies):
    renders = count_renders(monkeypatch)
    app = instance(migrated, REDIS_URL, prefix)
    browser = app.test_client()
    fill_certificate(browser)
    assert browser.get(PDF).status_code == 200
    assert browser.get(PDF).status_code == 200
    assert len(renders) == 1
    template = template_copies / life_certificate.TEMPLATE
    template.write_text(template.read_text() + "{#- edited -#}\n")
    assert browser.get(PDF).status_code == 200
    assert len(renders) == 2  # neither the LRU nor Redis served the file of the old template
    dispose(app)


def test_the_cache_never_serves_another_persons_file(migrated, prefix, monkeypatch):
    renders = count_renders(monkeypatch)
    first_app, second_app = (
        instance(migrated, REDIS_URL, prefix),
        instance(migrated, REDIS_URL, prefix),
    )
    ana, ion = first_app.test_client(), second_app.test_client()
    fill_certificate(ana)
    fill_certificate(ion, last_name="Popescu", first_name="Ion", cnp="1500514123451")
    ana_pdf = ana.get(PDF).data
    cache.clear()
    ion_pdf = ion.get(PDF).data
    assert len(renders) == 2
    assert "POPESCU ION" in pdf_text(ion_pdf) and "1500514123451" in pdf_text(ion_pdf)
    assert "ȚĂRĂNESCU" not in pdf_text(ion_pdf)
    assert "ȚĂRĂNESCU" in pdf_text(ana_pdf) and "POPESCU ION" not in pdf_text(ana_pdf)
    dispose(first_app, second_app)


def silent_port():
    """A port that accepts connections and never answers (a Redis that hangs)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    return listener


def closed_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


@pytest.mark.parametrize("fault", ["down", "silent"])
def test_a_redis_down_or_silent_never_fails_a_download(migrated, monkeypatch, caplog, fault):
    renders = count_renders(monkeypatch)
    listener = silent_port() if fault == "silent" else None
    port = listener.getsockname()[1] if listener else closed_port()
    app = instance(migrated, f"redis://127.0.0.1:{port}/13")
    browser = app.test_client()
    fill_certificate(browser)
    with caplog.at_level(logging.WARNING, logger="documents.cache"):
        first = browser.get(PDF)
        cache.clear()
        second = browser.get(PDF)
    assert first.status_code == second.status_code == 200
    assert first.data.startswith(b"%PDF") and pdf_text(second.data) == pdf_text(first.data)
    assert len(renders) == 2
    assert "Printout cache: shared store read failed" in caplog.text
    # The first failure paused the store: the second download did not wait on it again.
    assert cache.info()["shared_errors"] == 1
    dispose(app)
    if listener:
        listener.close()


def test_without_redis_each_process_keeps_its_own_lru(app):
    assert app.config["PRINTOUT_CACHE_URL"] is None
    assert app.extensions[printout_cache.EXTENSION] is None


def test_redis_keeps_at_most_the_entries_and_bytes_it_is_allowed(prefix):
    store = printout_cache.RedisStore.from_url(
        REDIS_URL, timeout_seconds=1, prefix=prefix, ttl_seconds=60, max_entries=3, max_bytes=100
    )
    for number in range(5):
        store.set(f"{number:064x}", b"x" * 10)
    store.set("f" * 64, b"x" * 101)  # larger than allowed: not shared
    kept = [number for number in range(5) if store.get(f"{number:064x}") is not None]
    assert kept == [2, 3, 4]  # the oldest went first
    assert store.get("f" * 64) is None
    assert store.client.zcard(store.index) == 3
    assert 0 < store.client.ttl(prefix + f"{4:064x}") <= 60
    store.client.close()
