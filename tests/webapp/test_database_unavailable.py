"""The database out of reach for a moment (a restart, a failover) answers a 503 that says to try
again shortly, never the 500 of a bug; the API answers it in JSON."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from webapp import create_app


def _lost_connection():
    raise OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly"))


@pytest.fixture
def unreachable_app(app):
    app.add_url_rule("/proba/baza-de-date", "proba_db", _lost_connection)
    app.add_url_rule("/api/v1/proba-db", "proba_db_api", _lost_connection)
    return app


def test_a_lost_database_connection_is_a_503_to_retry_not_a_500(unreachable_app):
    response = unreachable_app.test_client().get("/proba/baza-de-date")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = response.get_data(as_text=True)
    assert "Serviciul este indisponibil pentru câteva momente" in page
    assert "Încercați din nou" in page


def test_the_api_answers_the_same_in_json(unreachable_app):
    response = unreachable_app.test_client().get("/api/v1/proba-db")
    assert response.status_code == 503
    assert response.is_json
    assert response.get_json()["error"]["message"].startswith("Serviciul este indisponibil")


def test_a_database_that_refuses_connections_gives_the_503():
    # Nothing listens on port 1: every connection is refused, as while PostgreSQL restarts.
    app = create_app(
        {
            "ENV_NAME": "testing",
            "DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:1/absent?connect_timeout=2",
        }
    )

    @app.route("/proba/citire")
    def reads():
        from webapp.db import db

        return str(db().execute(text("SELECT 1")).scalar())

    response = app.test_client().get("/proba/citire")
    assert response.status_code == 503
