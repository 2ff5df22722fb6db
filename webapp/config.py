"""One configuration class per environment. Secrets come only from the environment."""

import os
import secrets
from pathlib import Path

SMTP_SETTINGS = (
    "SMTP_HOST",
    "SMTP_PORT",
    "SMTP_USERNAME",
    "SMTP_PASSWORD",
    "SMTP_STARTTLS",
    "SMTP_TIMEOUT",
    "MAIL_FROM",
)


class Config:
    ENV_NAME = "production"
    # No SMTP_HOST: emails stay in the outbox (in development, listed at /dezvoltare/emailuri).
    SMTP_HOST = None
    SMTP_PORT = 25
    SMTP_USERNAME = None
    SMTP_PASSWORD = None
    SMTP_STARTTLS = False
    SMTP_TIMEOUT = 30
    MAIL_FROM = "Portal pensii <nu-raspundeti@portal-pensii.ro>"
    # Links in emails are absolute; production is served over HTTPS behind a proxy.
    PREFERRED_URL_SCHEME = "https"
    PROXY_COUNT = 0
    # Forms hold up to 20 administered persons; 64 KiB leaves room for long valid input
    # while an oversized body gets a 413 before any parsing.
    MAX_CONTENT_LENGTH = 64 * 1024
    MAX_FORM_PARTS = 600
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "portal_pensii"
    # People fill these forms slowly; a CSRF token that expired after an hour would lose their work.
    WTF_CSRF_TIME_LIMIT = None
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    ACCOUNT_SUBMIT_RATE_LIMIT = "5 per minute;30 per hour"
    ACCOUNT_MAX_PERSONS = 20
    DRAFT_MAX_AGE_DAYS = 7
    ACTIVATION_MAX_AGE_SECONDS = 72 * 3600
    PASSWORD_RESET_MAX_AGE_SECONDS = 3600
    SESSION_IDLE_MINUTES = 30
    # The signed cookie itself lives long so that an unfinished form is never lost; signed-in
    # people are signed out after SESSION_IDLE_MINUTES by webapp.auth.
    PERMANENT_SESSION_LIFETIME = 7 * 24 * 3600
    SIGN_IN_RATE_LIMIT = "20 per minute"
    RESEND_RATE_LIMIT = "3 per hour"
    STATUS_RATE_LIMIT = "10 per minute;50 per hour"
    SQLALCHEMY_ECHO = False
    TESTING = False

    def __init__(self, instance_path: str):
        self.INSTANCE_PATH = instance_path
        env = os.environ
        self.DATABASE_URL = normalise_database_url(
            env.get("DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'portal.sqlite3'}"
        )
        if env.get("RATELIMIT_STORAGE_URI"):
            self.RATELIMIT_STORAGE_URI = env["RATELIMIT_STORAGE_URI"]
        # Email delivery (webapp/outbox): without SMTP_HOST emails wait in the outbox.
        for name in SMTP_SETTINGS:
            if env.get(name):
                setattr(self, name, env[name])
        if env.get("PROXY_COUNT"):
            self.PROXY_COUNT = int(env["PROXY_COUNT"])
        if env.get("SESSION_IDLE_MINUTES"):
            self.SESSION_IDLE_MINUTES = int(env["SESSION_IDLE_MINUTES"])
        self.SECRET_KEY = self.secret_key(env)

    def secret_key(self, env) -> str:
        key = env.get("SECRET_KEY")
        if not key:
            raise RuntimeError("SECRET_KEY must be set in the environment in production.")
        return key


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    SESSION_COOKIE_SECURE = False
    PREFERRED_URL_SCHEME = "http"

    def secret_key(self, env) -> str:
        if env.get("SECRET_KEY"):
            return env["SECRET_KEY"]
        # Generated once per checkout so that sessions survive restarts; never committed.
        path = Path(self.INSTANCE_PATH) / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48), encoding="ascii")
            path.chmod(0o600)
        return path.read_text(encoding="ascii").strip()


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SESSION_COOKIE_SECURE = False
    PREFERRED_URL_SCHEME = "http"
    RATELIMIT_ENABLED = False

    def secret_key(self, env) -> str:
        return secrets.token_urlsafe(32)


CONFIGS = {
    "production": Config,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
}


def config_class(name: str | None = None) -> type[Config]:
    name = name or os.environ.get("PORTAL_ENV", "production")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"PORTAL_ENV must be one of {sorted(CONFIGS)}, not {name!r}") from None


def normalise_database_url(url: str) -> str:
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants an explicit driver.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url
