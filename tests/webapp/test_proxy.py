"""X-Forwarded-* are believed only from TRUSTED_PROXIES (F16), and bad proxy settings stop the
app at start."""

import flask
import pytest

from webapp import config, create_app

FORGED = {"X-Forwarded-For": "10.66.66.66", "X-Forwarded-Proto": "https"}


def behind_proxy(migrated, **overrides):
    """A testing app with PROXY_COUNT=1 that records what each request sees."""
    app = create_app(
        {"ENV_NAME": "testing", "DATABASE_URL": migrated, "PROXY_COUNT": 1} | overrides
    )
    seen = {}

    @app.before_request
    def record():
        seen.update(address=flask.request.remote_addr, scheme=flask.request.scheme)

    return app, seen


def get_from(app, peer, headers=FORGED):
    response = app.test_client().get("/", headers=headers, environ_base={"REMOTE_ADDR": peer})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("peer", ["203.0.113.9", "10.0.0.5", "2001:db8::1", "not-an-address"])
def test_forwarded_headers_from_another_peer_are_ignored(migrated, peer):
    app, seen = behind_proxy(migrated)
    get_from(app, peer)
    assert seen == {"address": peer, "scheme": "http"}
    app.extensions["db_engine"].dispose()


@pytest.mark.parametrize("peer", ["127.0.0.1", "::1", "::ffff:127.0.0.1"])
def test_forwarded_headers_from_the_proxy_are_used(migrated, peer):
    app, seen = behind_proxy(migrated)
    get_from(app, peer)
    assert seen == {"address": "10.66.66.66", "scheme": "https"}
    app.extensions["db_engine"].dispose()


def test_only_the_last_proxy_hop_counts(migrated):
    """With one proxy, a client's own X-Forwarded-For entry before the proxy's is ignored."""
    app, seen = behind_proxy(migrated)
    get_from(app, "127.0.0.1", {"X-Forwarded-For": "1.2.3.4, 198.51.100.7"})
    assert seen["address"] == "198.51.100.7"
    app.extensions["db_engine"].dispose()


def test_trusted_proxies_may_be_networks(migrated):
    app, seen = behind_proxy(migrated, TRUSTED_PROXIES=("10.0.0.0/8",))
    get_from(app, "10.1.2.3")
    assert seen["address"] == "10.66.66.66"
    get_from(app, "127.0.0.1")
    assert seen["address"] == "127.0.0.1"
    app.extensions["db_engine"].dispose()


def test_trusted_proxies_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.1.2.3, ::1")
    assert config.TestingConfig(str(tmp_path)).TRUSTED_PROXIES == ("10.1.2.3", "::1")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"PROXY_COUNT": -1}, "PROXY_COUNT must be between 0 and 3"),
        ({"PROXY_COUNT": 4}, "PROXY_COUNT must be between 0 and 3"),
        ({"PROXY_COUNT": 1, "TRUSTED_PROXIES": ()}, "TRUSTED_PROXIES is empty"),
        ({"PROXY_COUNT": 1, "TRUSTED_PROXIES": ("proxy.local",)}, "not an IP address"),
    ],
)
def test_bad_proxy_settings_stop_the_app(migrated, overrides, message):
    with pytest.raises(RuntimeError, match=message):
        create_app({"ENV_NAME": "testing", "DATABASE_URL": migrated} | overrides)


def test_without_proxy_count_forwarded_headers_are_ignored_even_from_localhost(client):
    app = client.application
    seen = {}
    app.before_request(lambda: seen.update(address=flask.request.remote_addr))
    client.get("/", headers=FORGED, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert seen["address"] == "127.0.0.1"
