"""/healthz and /readyz, for nginx, the cluster script and whatever supervises the instances.

/healthz: the process is alive and answers (no database, no Redis: a database outage must not make
a supervisor restart every instance). /readyz: this instance can serve, its database answers
`SELECT 1` and its Redis a PING, each within a short timeout; otherwise 503 with the part that
failed, never a 500.

They are answered in front of Flask, as WSGI middleware: a probe must get its answer whatever
Host it sends (a supervisor reaches an instance by its address, which TRUSTED_HOSTS need not
list), without a session cookie, a rate limit or a CSRF check, and without a page render.
"""

import json
import logging
from typing import Any

import redis
from flask import Flask
from sqlalchemy import text

log = logging.getLogger(__name__)

# Seconds each dependency has to answer: a probe that hangs is as bad as a failed one.
CHECK_TIMEOUT = 2.0
PATHS = ("/healthz", "/readyz")


def init_app(app: Flask) -> None:
    app.wsgi_app = HealthChecks(app.wsgi_app, app)


class HealthChecks:
    def __init__(self, wsgi_app, app: Flask):
        self.wsgi_app = wsgi_app
        self.app = app
        self.redis_url = redis_url(app.config)
        self._redis: redis.Redis | None = None

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path not in PATHS:
            return self.wsgi_app(environ, start_response)
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return _answer(start_response, 405, {"status": "method not allowed"}, environ)
        if path == "/healthz":
            return _answer(start_response, 200, {"status": "ok"}, environ)
        checks = {"database": self.check_database(), "redis": self.check_redis()}
        failed = [name for name, result in checks.items() if result not in ("ok", "not used")]
        body = {"status": "unavailable" if failed else "ok", "checks": checks}
        if failed:
            body["failed"] = failed
        return _answer(start_response, 503 if failed else 200, body, environ)

    def check_database(self) -> str:
        engine = self.app.extensions["db_engine"]
        try:
            with engine.connect() as connection:
                if engine.dialect.name == "postgresql":
                    milliseconds = int(CHECK_TIMEOUT * 1000)
                    connection.execute(text(f"SET LOCAL statement_timeout = {milliseconds}"))
                connection.execute(text("SELECT 1"))
        except Exception as error:
            log.warning("readyz: the database does not answer: %s", error)
            return f"error: {type(error).__name__}"
        return "ok"

    def check_redis(self) -> str:
        if not self.redis_url:
            return "not used"
        try:
            if self._redis is None:
                self._redis = redis.Redis.from_url(
                    self.redis_url,
                    socket_timeout=CHECK_TIMEOUT,
                    socket_connect_timeout=CHECK_TIMEOUT,
                )
            self._redis.ping()
        except Exception as error:
            log.warning("readyz: Redis does not answer: %s", error)
            return f"error: {type(error).__name__}"
        return "ok"


def redis_url(config) -> str | None:
    """The Redis the site depends on: REDIS_URL, or the rate limits' storage if that is Redis."""
    storage = config.get("RATELIMIT_STORAGE_URI") or ""
    if config.get("REDIS_URL"):
        return config["REDIS_URL"]
    if storage.startswith(("redis://", "rediss://")):
        return storage
    return None


def _answer(start_response, status: int, body: dict[str, Any], environ) -> list[bytes]:
    payload = json.dumps(body).encode()
    reason = {200: "OK", 405: "METHOD NOT ALLOWED", 503: "SERVICE UNAVAILABLE"}[status]
    start_response(
        f"{status} {reason}",
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(payload))),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
        ],
    )
    return [] if environ.get("REQUEST_METHOD") == "HEAD" else [payload]
