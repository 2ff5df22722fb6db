"""One configuration class per environment. Secrets come only from the environment."""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

SMTP_SETTINGS = (
    "SMTP_HOST",
    "SMTP_PORT",
    "SMTP_USERNAME",
    "SMTP_PASSWORD",
    "SMTP_STARTTLS",
    "SMTP_TIMEOUT",
    "MAIL_FROM",
)

# The operator's details (webapp/legal), each taken from the environment as it is.
LEGAL_SETTINGS = (
    "OPERATOR_NAME",
    "OPERATOR_ADDRESS",
    "OPERATOR_EMAIL",
    "OPERATOR_PHONE",
    "DPO_EMAIL",
    "DPO_ADDRESS",
    "ACCESSIBILITY_FEEDBACK_EMAIL",
    "ACCESSIBILITY_STATEMENT_DATE",
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
    # Every absolute link that leaves a request (emails, calendar files) is built from this,
    # never from the request's Host (F1). Production refuses to start without it.
    PUBLIC_BASE_URL: str | None = None
    # Host names answered; any other Host gets 400. Derived from PUBLIC_BASE_URL, plus
    # TRUSTED_HOSTS from the environment (comma-separated) for extra names.
    TRUSTED_HOSTS: list[str] | None = None
    PROXY_COUNT = 0
    # The only peers whose X-Forwarded-* headers are believed (F16): the proxy on this machine.
    TRUSTED_PROXIES = ("127.0.0.1", "::1")
    SECRET_KEY_MIN_LENGTH = 32
    # Production runs as several processes (instances, job workers): whatever they share must
    # live outside any one of them, so SQLite and memory:// rate limits are refused at start.
    MANY_PROCESSES = True
    # HSTS only where the site is served over HTTPS (production).
    HSTS_MAX_AGE = 31536000
    # Forms hold up to 20 administered persons; 64 KiB leaves room for long valid input
    # while an oversized body gets a 413 before any parsing.
    MAX_CONTENT_LENGTH = 64 * 1024
    MAX_FORM_PARTS = 600
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    # __Host-: only over HTTPS, for this host alone, path / (a sibling subdomain cannot plant it).
    SESSION_COOKIE_NAME = "__Host-portal_pensii"
    # People fill these forms slowly; a CSRF token that expired after an hour would lose their work.
    WTF_CSRF_TIME_LIMIT = None
    RATELIMIT_STORAGE_URI = "memory://"
    # The printouts' cache shared by every instance (webapp/printout_cache.py): a Redis URL, from
    # PRINTOUT_CACHE_URL or else REDIS_URL; none, each process keeps only its own small LRU.
    PRINTOUT_CACHE_URL: str | None = None
    # Before every name it stores: several sites (staging, production) may share one Redis.
    PRINTOUT_CACHE_PREFIX = "printout:"
    # A file is wanted again within a visit (PDF, Word, PDF again after a failed print): an hour
    # covers that with room to spare, and keeps the sealed personal data in Redis no longer.
    PRINTOUT_CACHE_TTL_SECONDS = 3600
    # At most entries x bytes in Redis (about 125 MB; a printout is 15-35 KB, so about 30 MB).
    PRINTOUT_CACHE_MAX_ENTRIES = 1000
    PRINTOUT_CACHE_MAX_ENTRY_BYTES = 128 * 1024
    # Longer than Redis ever takes when it is up, shorter than rendering the file anyway.
    PRINTOUT_CACHE_TIMEOUT_SECONDS = 0.2
    RATELIMIT_HEADERS_ENABLED = True
    ACCOUNT_SUBMIT_RATE_LIMIT = "5 per minute;30 per hour"
    DRAFT_MAX_AGE_DAYS = 7
    # How long personal data is kept: webapp/retention.py states every period and its reason.
    ACCOUNT_REQUEST_UNREGISTERED_DAYS = 30
    CLOSED_REQUEST_RETENTION_DAYS = 90
    SENT_EMAIL_BODY_DAYS = 7
    FAILED_EMAIL_BODY_DAYS = 30
    AUDIT_RETENTION_YEARS = 5
    # Career reports (webapp/reports): kept this long after they are made, then deleted.
    REPORT_RETENTION_DAYS = 90
    REPORT_REQUEST_RATE_LIMIT = "10 per hour;30 per day"
    # /verificare, public: enough for a bank clerk checking a pile of printouts, not for guessing.
    VERIFY_RATE_LIMIT = "20 per minute;200 per day"
    # The email worker runs the retention purges at start and then this often.
    RETENTION_PURGE_MINUTES = 10
    # How long a job worker holds a background job it took (webapp/jobs.py): a worker killed
    # mid-job leaves it to another after this. Longer than any job takes; the fault tests
    # shorten it to see the take-over within seconds.
    JOB_CLAIM_LEASE_SECONDS = 300
    # The wait before an email that could not be sent is tried again (doubled each time, at
    # most an hour); the fault tests shorten it.
    OUTBOX_FIRST_RETRY_SECONDS = 60
    # Tries before an email the server refuses for good (5xx, SMTPUTF8) is given up (F9).
    OUTBOX_PERMANENT_ATTEMPTS = 3
    # Whether the relay takes addresses with letters like ț before the @ (SMTPUTF8); without it
    # the forms refuse such addresses, which could never be delivered.
    SMTP_UTF8 = False
    # Who runs the site and answers for the data (webapp/legal): shown in the legal pages,
    # the footer and the emails. Left empty, each page says which setting is missing rather
    # than name an operator, a DPO or a date that nobody has confirmed.
    OPERATOR_NAME: str | None = None
    OPERATOR_ADDRESS: str | None = None
    OPERATOR_EMAIL: str | None = None
    OPERATOR_PHONE: str | None = None
    DPO_EMAIL: str | None = None
    DPO_ADDRESS: str | None = None
    ACCESSIBILITY_FEEDBACK_EMAIL: str | None = None
    # ISO date (2026-12-01) on which the accessibility statement was prepared or last reviewed.
    ACCESSIBILITY_STATEMENT_DATE: str | None = None
    ACTIVATION_MAX_AGE_SECONDS = 72 * 3600
    PASSWORD_RESET_MAX_AGE_SECONDS = 3600
    # The link in the submission email that downloads the request from any device; never longer
    # than ACCOUNT_REQUEST_UNREGISTERED_DAYS, however set (webapp/auth/tokens.py).
    REQUEST_DOWNLOAD_MAX_AGE_SECONDS = 30 * 24 * 3600
    # --- lcupload: the certified life certificate sent back online (issue 14).
    # Each file (the front, and the back side if any): a phone photo or a scan fits in 5 MB.
    LIFE_CERTIFICATE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    # Files chosen and sending: enough for a family sending for several people.
    LIFE_CERTIFICATE_UPLOAD_RATE_LIMIT = "10 per minute;40 per hour"
    # The status link of the receipt e-mail: a half year, until the next certificate is due.
    LIFE_CERTIFICATE_STATUS_MAX_AGE_SECONDS = 200 * 24 * 3600
    SESSION_IDLE_MINUTES = 30
    # A signed-in session ends this long after sign-in, however active (ASVS 3.3.2).
    SESSION_ABSOLUTE_HOURS = 12
    # The signed cookie itself lives as long as the drafts it points to (DRAFT_MAX_AGE_DAYS; set
    # in create_app, so an override of the days moves it too) and survives closing the browser,
    # so that an unfinished form is never lost; signed-in people are signed out after
    # SESSION_IDLE_MINUTES by webapp.auth.users.
    PERMANENT_SESSION_LIFETIME: int | None = None
    SIGN_IN_RATE_LIMIT = "20 per minute"
    RESEND_RATE_LIMIT = "3 per hour"
    STATUS_RATE_LIMIT = "10 per minute;50 per hour"
    # Wrong attempts per reference, whatever the address (F15): the 4-digit secret stays unguessable.
    STATUS_REFERENCE_RATE_LIMIT = "5 per hour;20 per day"
    # Every printout download (PDF, Word, the career report's CSV), per signed-in person or else per
    # address (F6): enough for a family printing for several people, not for making the servers
    # render all day. The saves of answers on the question pages (every field left is one), per
    # address (F7): a page of ten answers is about a dozen. Both keep working, uncounted, while
    # Redis is down (webapp/rate_limits.py).
    DOWNLOAD_RATE_LIMIT = "30 per minute;300 per hour"
    DRAFT_SAVE_RATE_LIMIT = "60 per minute;600 per hour"
    SQLALCHEMY_ECHO = False
    TESTING = False
    # The e-signature route of the account request (webapp/account/signed.py): the PEM files of
    # the trust anchors a signer's certificate must chain to (env QES_TRUST_ANCHORS, paths
    # separated by commas). None in any environment by default: until they are set the pages say
    # that the route is not available yet and refuse no one silently.
    QES_TRUST_ANCHORS: tuple[str, ...] = ()
    # Whether to fetch CRL/OCSP for the signer's certificate (hard-fail); off, revocation is not
    # checked and the clerk is told so.
    QES_CHECK_REVOCATION = False
    QES_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    QES_UPLOAD_RATE_LIMIT = "5 per minute;20 per hour"

    # --- obs: logs and metrics (webapp/logging_setup.py, webapp/metrics.py).
    # One JSON object a line on standard error, for the log collector; "text" reads better.
    LOG_FORMAT = "json"
    LOG_LEVEL = "INFO"
    # Who may read /metrics without a token: peers that connect from here, not through a proxy.
    METRICS_ALLOWED_NETWORKS: tuple[str, ...] = ("127.0.0.1", "::1")
    # Or any peer with "Authorization: Bearer <METRICS_TOKEN>" (at least 32 characters).
    METRICS_TOKEN: str | None = None

    def __init__(self, instance_path: str):
        self.INSTANCE_PATH = instance_path
        env = os.environ
        for name in ("LOG_FORMAT", "LOG_LEVEL", "METRICS_TOKEN"):
            if env.get(name, "").strip():
                setattr(self, name, env[name].strip())
        if env.get("METRICS_ALLOWED_NETWORKS", "").strip():
            self.METRICS_ALLOWED_NETWORKS = tuple(_split(env["METRICS_ALLOWED_NETWORKS"]))
        self.DATABASE_URL = normalise_database_url(
            env.get("DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'portal.sqlite3'}"
        )
        # Redis, shared by every process of the site: rate limits unless RATELIMIT_STORAGE_URI
        # names another storage, and what /readyz checks.
        self.REDIS_URL = env.get("REDIS_URL") or None
        self.RATELIMIT_STORAGE_URI = rate_limit_storage(env)
        self.PRINTOUT_CACHE_URL = self.printout_cache_url(env)
        if env.get("PRINTOUT_CACHE_TTL_SECONDS"):
            self.PRINTOUT_CACHE_TTL_SECONDS = int(env["PRINTOUT_CACHE_TTL_SECONDS"])
        if env.get("PRINTOUT_CACHE_PREFIX"):
            self.PRINTOUT_CACHE_PREFIX = env["PRINTOUT_CACHE_PREFIX"]
        if env.get("PRINTOUT_CACHE_MAX_ENTRIES"):
            self.PRINTOUT_CACHE_MAX_ENTRIES = int(env["PRINTOUT_CACHE_MAX_ENTRIES"])
        # Email delivery (webapp/outbox): without SMTP_HOST emails wait in the outbox.
        for name in SMTP_SETTINGS:
            if env.get(name):
                setattr(self, name, env[name])
        if env.get("PROXY_COUNT"):
            self.PROXY_COUNT = int(env["PROXY_COUNT"])
        if env.get("SMTP_UTF8"):
            self.SMTP_UTF8 = env["SMTP_UTF8"].strip().lower() in ("1", "true", "yes", "on", "da")
        for name in LEGAL_SETTINGS:
            if env.get(name, "").strip():
                setattr(self, name, env[name].strip())
        if env.get("SESSION_IDLE_MINUTES"):
            self.SESSION_IDLE_MINUTES = int(env["SESSION_IDLE_MINUTES"])
        if env.get("REPORT_RETENTION_DAYS"):
            self.REPORT_RETENTION_DAYS = int(env["REPORT_RETENTION_DAYS"])
        for name in ("JOB_CLAIM_LEASE_SECONDS", "OUTBOX_FIRST_RETRY_SECONDS"):
            if env.get(name):
                setattr(self, name, float(env[name]))
        if env.get("HSTS_MAX_AGE"):
            self.HSTS_MAX_AGE = int(env["HSTS_MAX_AGE"])
        if env.get("TRUSTED_PROXIES"):
            self.TRUSTED_PROXIES = tuple(_split(env["TRUSTED_PROXIES"]))
        if env.get("QES_TRUST_ANCHORS", "").strip():
            self.QES_TRUST_ANCHORS = tuple(_split(env["QES_TRUST_ANCHORS"]))
        if env.get("QES_CHECK_REVOCATION"):
            self.QES_CHECK_REVOCATION = env["QES_CHECK_REVOCATION"].strip().lower() in (
                "1",
                "true",
                "yes",
                "on",
                "da",
            )
        self.PUBLIC_BASE_URL = self.public_base_url(env)
        self.TRUSTED_HOSTS = self.trusted_hosts(env)
        self.SECRET_KEY = self.secret_key(env)
        if self.MANY_PROCESSES:
            refuse_single_process_state(self.DATABASE_URL, self.RATELIMIT_STORAGE_URI)

    def printout_cache_url(self, env) -> str | None:
        return (env.get("PRINTOUT_CACHE_URL") or env.get("REDIS_URL") or "").strip() or None

    def public_base_url(self, env) -> str:
        url = (env.get("PUBLIC_BASE_URL") or "").strip().rstrip("/")
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname or parts.query or parts.fragment:
            raise RuntimeError(
                "PUBLIC_BASE_URL must be set in production to the site's public https address, "
                "for example https://portal-pensii.ro (links in emails are built from it)."
            )
        return url

    def trusted_hosts(self, env) -> list[str]:
        hosts = [urlsplit(self.PUBLIC_BASE_URL).hostname, *_split(env.get("TRUSTED_HOSTS", ""))]
        return list(dict.fromkeys(hosts))

    def secret_key(self, env) -> str:
        key = env.get("SECRET_KEY")
        if not key:
            raise RuntimeError("SECRET_KEY must be set in the environment in production.")
        if len(key) < self.SECRET_KEY_MIN_LENGTH:
            raise RuntimeError(
                f"SECRET_KEY must be at least {self.SECRET_KEY_MIN_LENGTH} characters long "
                "(for example: python3 -c 'import secrets; print(secrets.token_urlsafe(48))')."
            )
        return key


LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1"]


class PlainHttp:
    """For the environments served over plain http on this machine (listed before Config among
    the bases, so that these win)."""

    SESSION_COOKIE_SECURE = False
    # __Host- needs Secure, which plain http cannot carry.
    SESSION_COOKIE_NAME = "portal_pensii"
    PREFERRED_URL_SCHEME = "http"
    HSTS_MAX_AGE = 0


class DevelopmentConfig(PlainHttp, Config):
    ENV_NAME = "development"
    # `make run` is one gunicorn on SQLite; deploy/gunicorn.conf.py still refuses memory://
    # rate limits with more than one worker.
    MANY_PROCESSES = False
    LOG_FORMAT = "text"

    def public_base_url(self, env) -> str:
        url = (env.get("PUBLIC_BASE_URL") or "").strip().rstrip("/")
        return url or f"http://127.0.0.1:{env.get('PORT') or 5000}"

    def trusted_hosts(self, env) -> list[str]:
        return list(dict.fromkeys([*super().trusted_hosts(env), *LOCAL_HOSTS]))

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


class StagingConfig(PlainHttp, Config):
    """Production's rules (PostgreSQL, shared rate limits, a real SECRET_KEY, a proxy in front)
    served over plain http on this machine: `make cluster` (scripts/cluster.py)."""

    ENV_NAME = "staging"

    def public_base_url(self, env) -> str:
        url = (env.get("PUBLIC_BASE_URL") or "").strip().rstrip("/")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.hostname not in LOCAL_HOSTS:
            raise RuntimeError(
                "PUBLIC_BASE_URL must be set in staging to the address on this machine the "
                "proxy serves, for example http://127.0.0.1:8080 (staging is plain http on "
                "loopback only)."
            )
        return url


class TestingConfig(PlainHttp, Config):
    ENV_NAME = "testing"
    TESTING = True
    MANY_PROCESSES = False
    LOG_FORMAT = "text"
    # Warnings and errors only: a line per request in every test would be noise.
    LOG_LEVEL = "WARNING"
    RATELIMIT_ENABLED = False

    def public_base_url(self, env) -> str:
        return "http://localhost"

    def printout_cache_url(self, env) -> str | None:
        # Tests share nothing through the environment; those that want Redis pass the URL.
        return None

    def trusted_hosts(self, env) -> list[str]:
        return [*LOCAL_HOSTS]

    def secret_key(self, env) -> str:
        return secrets.token_urlsafe(32)


CONFIGS = {
    "production": Config,
    "staging": StagingConfig,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
}


def config_class(name: str | None = None) -> type[Config]:
    name = name or os.environ.get("PORTAL_ENV", "production")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"PORTAL_ENV must be one of {sorted(CONFIGS)}, not {name!r}") from None


def rate_limit_storage(env) -> str:
    """Where the rate-limit counters live: RATELIMIT_STORAGE_URI, else REDIS_URL, else this
    process's memory (which counts per process: several processes would multiply every limit)."""
    return env.get("RATELIMIT_STORAGE_URI") or env.get("REDIS_URL") or "memory://"


def refuse_single_process_state(database_url: str, rate_limit_storage_uri: str) -> None:
    """Production and staging: what only one process can see is refused, naming the setting."""
    if database_url.startswith("sqlite"):
        raise RuntimeError(
            "DATABASE_URL is SQLite, which only one machine's processes can share: production "
            "and staging need PostgreSQL, for example "
            "DATABASE_URL=postgresql+psycopg://portal@db.internal/portal."
        )
    if rate_limit_storage_uri.startswith("memory://"):
        raise RuntimeError(
            "Rate limits are kept in memory (RATELIMIT_STORAGE_URI unset or memory://), so each "
            "process would count its own and let through several times the limit: set REDIS_URL "
            "(for example redis://127.0.0.1:6379/0) or RATELIMIT_STORAGE_URI to a shared storage."
        )


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def normalise_database_url(url: str) -> str:
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants an explicit driver.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url
