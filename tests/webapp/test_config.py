"""Configuration: one class per environment, secrets only from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.production import shared_state
from webapp import create_app
from webapp.config import Config, DevelopmentConfig, config_class, normalise_database_url

PUBLIC = "https://portal-pensii.example"
ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"


@pytest.fixture
def production_env(monkeypatch):
    """What production needs from the environment, and nothing left over from the shell."""
    monkeypatch.setenv("SECRET_KEY", "s" * 32)
    monkeypatch.setenv("PUBLIC_BASE_URL", PUBLIC)
    for name in ("TRUSTED_HOSTS", "TRUSTED_PROXIES", "PROXY_COUNT", "HSTS_MAX_AGE", "PORT"):
        monkeypatch.delenv(name, raising=False)
    shared_state(monkeypatch)
    return monkeypatch


def test_production_refuses_to_start_without_a_secret(production_env, migrated):
    production_env.delenv("SECRET_KEY")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"ENV_NAME": "production", "DATABASE_URL": migrated})


def test_production_refuses_a_secret_shorter_than_32_characters(production_env, tmp_path):
    production_env.setenv("SECRET_KEY", "s" * 31)
    with pytest.raises(RuntimeError, match="at least 32 characters"):
        Config(str(tmp_path))
    production_env.setenv("SECRET_KEY", "s" * 32)
    assert Config(str(tmp_path)).SECRET_KEY == "s" * 32


@pytest.mark.parametrize(
    "url",
    [None, "", "http://portal-pensii.example", "https://", "https://portal-pensii.example/?a=1"],
)
def test_production_refuses_to_start_without_an_https_public_address(production_env, tmp_path, url):
    if url is None:
        production_env.delenv("PUBLIC_BASE_URL")
    else:
        production_env.setenv("PUBLIC_BASE_URL", url)
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):
        Config(str(tmp_path))


def test_production_answers_only_the_public_host_and_the_listed_ones(production_env, tmp_path):
    production_env.setenv("PUBLIC_BASE_URL", PUBLIC + "/")
    config = Config(str(tmp_path))
    assert config.PUBLIC_BASE_URL == PUBLIC
    assert config.TRUSTED_HOSTS == ["portal-pensii.example"]
    production_env.setenv("TRUSTED_HOSTS", "www.portal-pensii.example, portal-pensii.example")
    assert Config(str(tmp_path)).TRUSTED_HOSTS == [
        "portal-pensii.example",
        "www.portal-pensii.example",
    ]


def test_development_serves_this_machine_over_http(production_env, tmp_path):
    production_env.delenv("PUBLIC_BASE_URL")
    production_env.setenv("PORT", "5123")
    config = DevelopmentConfig(str(tmp_path))
    assert config.PUBLIC_BASE_URL == "http://127.0.0.1:5123"
    assert {"127.0.0.1", "localhost", "::1"} <= set(config.TRUSTED_HOSTS)
    assert config.HSTS_MAX_AGE == 0 and not config.SESSION_COOKIE_NAME.startswith("__Host-")


def test_development_generates_a_secret_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = DevelopmentConfig(str(tmp_path)).SECRET_KEY
    second = DevelopmentConfig(str(tmp_path)).SECRET_KEY
    assert first == second and len(first) >= 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_secret_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert DevelopmentConfig(str(tmp_path)).SECRET_KEY == "from-the-environment"


def test_unknown_environment_name_is_refused():
    with pytest.raises(RuntimeError, match="PORTAL_ENV"):
        config_class("preproductie")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.sqlite3", "sqlite:////tmp/x.sqlite3"),
    ],
)
def test_database_urls_get_an_explicit_driver(given, expected):
    assert normalise_database_url(given) == expected


def test_sqlite_by_default_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    expected = f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    url = DevelopmentConfig(str(tmp_path)).DATABASE_URL
    assert url == expected


def test_rate_limit_storage_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/0")
    assert DevelopmentConfig(str(tmp_path)).RATELIMIT_STORAGE_URI == "redis://127.0.0.1:6379/0"


def test_dates_in_romanian_and_bucharest_time():
    import datetime as dt

    from domain.ro import long_date, time_of_day

    moment = dt.datetime(2026, 12, 31, 22, 30, tzinfo=dt.UTC)
    assert long_date(moment) == "1 ianuarie 2027"
    assert time_of_day(moment) == "00:30"
    assert long_date(dt.date(2026, 11, 22)) == "22 noiembrie 2026"


@pytest.mark.parametrize("env_name", ["production", "staging"])
def test_production_and_staging_refuse_sqlite(production_env, tmp_path, env_name):
    production_env.setenv("PUBLIC_BASE_URL", "http://127.0.0.1:8080")
    if env_name == "production":
        production_env.setenv("PUBLIC_BASE_URL", PUBLIC)
    production_env.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with pytest.raises(RuntimeError, match="DATABASE_URL is SQLite"):
        config_class(env_name)(str(tmp_path))
    production_env.delenv("DATABASE_URL")  # the default is SQLite too
    with pytest.raises(RuntimeError, match="DATABASE_URL is SQLite"):
        config_class(env_name)(str(tmp_path))


@pytest.mark.parametrize("env_name", ["production", "staging"])
def test_production_and_staging_refuse_rate_limits_in_memory(production_env, tmp_path, env_name):
    production_env.setenv("PUBLIC_BASE_URL", "http://127.0.0.1:8080")
    if env_name == "production":
        production_env.setenv("PUBLIC_BASE_URL", PUBLIC)
    production_env.delenv("REDIS_URL")
    with pytest.raises(RuntimeError, match="RATELIMIT_STORAGE_URI unset or memory://"):
        config_class(env_name)(str(tmp_path))
    production_env.setenv("RATELIMIT_STORAGE_URI", "memory://")
    production_env.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    with pytest.raises(RuntimeError, match="REDIS_URL"):
        config_class(env_name)(str(tmp_path))


def test_rate_limits_are_kept_in_redis_when_only_redis_url_is_set(production_env, tmp_path):
    production_env.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    config = Config(str(tmp_path))
    assert config.RATELIMIT_STORAGE_URI == "redis://127.0.0.1:6379/3"
    assert config.REDIS_URL == "redis://127.0.0.1:6379/3"
    production_env.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/4")
    assert Config(str(tmp_path)).RATELIMIT_STORAGE_URI == "redis://127.0.0.1:6379/4"


def test_development_keeps_sqlite_and_limits_in_memory(monkeypatch, tmp_path):
    for name in ("DATABASE_URL", "REDIS_URL", "RATELIMIT_STORAGE_URI"):
        monkeypatch.delenv(name, raising=False)
    config = DevelopmentConfig(str(tmp_path))
    assert config.DATABASE_URL.startswith("sqlite:///")
    assert config.RATELIMIT_STORAGE_URI == "memory://"


def test_staging_is_production_over_plain_http_on_this_machine(production_env, tmp_path):
    production_env.setenv("PUBLIC_BASE_URL", "http://127.0.0.1:8080/")
    config = config_class("staging")(str(tmp_path))
    assert config.PUBLIC_BASE_URL == "http://127.0.0.1:8080"
    assert config.TRUSTED_HOSTS == ["127.0.0.1"]
    assert config.SESSION_COOKIE_SECURE is False and config.HSTS_MAX_AGE == 0
    assert not config.SESSION_COOKIE_NAME.startswith("__Host-")
    assert config.PREFERRED_URL_SCHEME == "http"
    # Production's rules otherwise: a real secret.
    production_env.setenv("SECRET_KEY", "short")
    with pytest.raises(RuntimeError, match="at least 32 characters"):
        config_class("staging")(str(tmp_path))


@pytest.mark.parametrize(
    "url", [None, "http://portal-pensii.example", "ftp://127.0.0.1", "http://10.0.0.5:8080"]
)
def test_staging_serves_only_loopback(production_env, tmp_path, url):
    if url is None:
        production_env.delenv("PUBLIC_BASE_URL")
    else:
        production_env.setenv("PUBLIC_BASE_URL", url)
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL must be set in staging"):
        config_class("staging")(str(tmp_path))


def without_shared_storage() -> dict[str, str]:
    names = ("REDIS_URL", "RATELIMIT_STORAGE_URI", "WEB_CONCURRENCY")
    return {key: value for key, value in os.environ.items() if key not in names}


def test_gunicorn_refuses_several_workers_with_rate_limits_in_memory():
    # on_starting runs before gunicorn binds or loads the app: the port is never opened.
    refused = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "--config", str(GUNICORN_CONFIG), "-w", "2"],
        cwd=ROOT,
        env={**without_shared_storage(), "PORTAL_ENV": "testing"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert refused.returncode != 0
    assert "2 gunicorn workers with rate limits in memory" in refused.stderr
    assert "REDIS_URL" in refused.stderr


@pytest.mark.parametrize(
    ("env", "workers"), [({}, "1"), ({"REDIS_URL": "redis://127.0.0.1:6379/0"}, "2")]
)
def test_gunicorn_runs_one_worker_while_rate_limits_are_in_memory(env, workers):
    code = "import runpy, sys; s = runpy.run_path(sys.argv[1]); print(s['workers'], s['limit_request_line'])"
    shown = subprocess.run(
        [sys.executable, "-c", code, str(GUNICORN_CONFIG)],
        env={**without_shared_storage(), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    # F17: a request line of at most 8190 bytes (`make run` had none).
    assert shown.stdout.split() == [workers, "8190"]
