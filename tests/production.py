"""For tests that build a production app: production refuses SQLite and in-memory rate limits
from its environment (webapp/config.py, refuse_single_process_state), so the environment names
shared ones, and the app under test then runs on the test database with in-memory limits through
create_app's overrides, which are code, not environment."""

SHARED_STATE_ENV = {
    "DATABASE_URL": "postgresql+psycopg://portal@db.invalid/portal",
    "REDIS_URL": "redis://redis.invalid:6379/0",
}
# What the overrides then put back, beside the test's own DATABASE_URL.
LOCAL_STATE = {"RATELIMIT_STORAGE_URI": "memory://", "REDIS_URL": None}


def shared_state(monkeypatch) -> dict:
    """Sets the shared storage production asks for; returns the overrides for create_app."""
    for name, value in SHARED_STATE_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    return dict(LOCAL_STATE)
