"""/healthz and /readyz (webapp/health.py): answered for any Host, without a cookie, and never a 500."""

import pytest

from tests.smtp_server import free_port
from webapp import create_app


def test_healthz_answers_for_any_host_without_a_cookie_or_the_database():
    # A database nobody listens on: liveness does not ask it.
    app = create_app(
        {"ENV_NAME": "testing", "DATABASE_URL": f"postgresql+psycopg://x@127.0.0.1:{free_port()}/x"}
    )
    answer = app.test_client().get("/healthz", headers={"Host": "10.0.0.5:8081"})
    assert answer.status_code == 200 and answer.json == {"status": "ok"}
    assert "Set-Cookie" not in answer.headers
    assert answer.headers["Cache-Control"] == "no-store"


def test_readyz_says_which_dependency_answers(client):
    answer = client.get("/readyz", headers={"Host": "evil.example"})
    assert answer.status_code == 200
    # The tests' app keeps its limits in memory: there is no Redis to ask.
    assert answer.json == {"status": "ok", "checks": {"database": "ok", "redis": "not used"}}
    assert "Set-Cookie" not in answer.headers


def test_readyz_is_503_naming_redis_when_redis_does_not_answer(migrated):
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": migrated,
            "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
        }
    )
    answer = app.test_client().get("/readyz")
    assert answer.status_code == 503
    assert answer.json["failed"] == ["redis"]
    assert answer.json["checks"]["database"] == "ok"
    assert answer.json["checks"]["redis"].startswith("error: ")
    app.extensions["db_engine"].dispose()


def test_readyz_is_503_naming_the_database_when_it_does_not_answer():
    app = create_app(
        {"ENV_NAME": "testing", "DATABASE_URL": f"postgresql+psycopg://x@127.0.0.1:{free_port()}/x"}
    )
    answer = app.test_client().get("/readyz")
    assert answer.status_code == 503
    assert answer.json["failed"] == ["database"]
    assert answer.json["checks"]["database"] == "error: OperationalError"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_takes_only_get_and_head(client, path):
    assert client.post(path).status_code == 405
    head = client.head(path)
    assert head.status_code == 200 and head.data == b""
