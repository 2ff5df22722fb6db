"""Configuration: one class per environment, secrets only from the environment."""

import pytest

from webapp.config import DevelopmentConfig, config_class, normalise_database_url
from webapp.factory import create_app


def test_production_refuses_to_start_without_a_secret(monkeypatch, migrated):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"ENV_NAME": "production", "DATABASE_URL": migrated})


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
        config_class("staging")


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

    from webapp.formatting import long_date, time_of_day

    moment = dt.datetime(2026, 12, 31, 22, 30, tzinfo=dt.UTC)
    assert long_date(moment) == "1 ianuarie 2027"
    assert time_of_day(moment) == "00:30"
    assert long_date(dt.date(2026, 11, 22)) == "22 noiembrie 2026"
