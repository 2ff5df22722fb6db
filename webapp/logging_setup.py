"""Logging for the site and the worker, set up in one place (create_app calls `configure`).

LOG_FORMAT=json (production's default; staging runs the production config) writes one JSON
object a line on standard error, for a log collector: time, level, logger, message, the
correlation id of the request or job the line belongs to, instance and pid, and any fields the
record carries (the request line's method, route, status, duration_ms). LOG_FORMAT=text
(development and tests) writes the same records as readable lines. Every handler cleans each
record first (webapp/log_redaction.py).

The correlation id is the request id (the X-Request-ID header, webapp/request_log.py) while a
request is served, and the id stored with a job or an e-mail while the worker handles it
(`correlated`); jobs.enqueue and outbox.queue_email store the current one, so the worker's
lines about the work a request caused carry that request's id. It is named correlation_id in
the code, the columns and the logs because `request_id` already means an account request's id
here (audit events, accounts, printouts).
"""

import logging
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask.logging import default_handler
from pythonjsonlogger.json import JsonFormatter

from webapp.log_redaction import RedactingFilter

FORMATS = ("json", "text")
_correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
# Libraries that are chatty below WARNING and say nothing an operator needs; DEBUG on the
# root logger (LOG_LEVEL=DEBUG) still leaves them quiet unless they are named here.
QUIET_LOGGERS = ("fontTools", "weasyprint.progress", "PIL", "urllib3")


def current_correlation_id() -> str | None:
    return _correlation_id.get()


@contextmanager
def correlated(correlation_id: str | None) -> Iterator[None]:
    """Log lines (and jobs or e-mails queued) inside the block carry this id."""
    token = _correlation_id.set(correlation_id)
    try:
        yield
    finally:
        _correlation_id.reset(token)


class ContextFilter(logging.Filter):
    """Adds the correlation id and the instance to every record."""

    def __init__(self, instance: str):
        super().__init__()
        self.instance = instance

    def filter(self, record: logging.LogRecord) -> bool:
        correlation_id = _correlation_id.get()
        if correlation_id is not None and not hasattr(record, "correlation_id"):
            record.correlation_id = correlation_id
        record.instance = self.instance
        return True


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s%(correlation)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        correlation_id = getattr(record, "correlation_id", None)
        record.correlation = f" [{correlation_id}]" if correlation_id else ""
        return super().format(record)


class LineFormatter(JsonFormatter):
    """One JSON object a line: time, level, logger and message first, then the rest."""

    def __init__(self):
        super().__init__(
            ["levelname", "name", "message", "process"],
            rename_fields={"levelname": "level", "name": "logger", "process": "pid"},
            timestamp="time",
            json_ensure_ascii=False,
        )

    def process_log_record(self, log_data):
        return {"time": log_data.pop("time"), **log_data}


class _StandardError(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (pytest and gunicorn may replace it)."""

    def __init__(self):
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value):
        pass


def instance_name() -> str:
    """INSTANCE_NAME from the environment (the cluster script names its instances), else the
    host name; the pid is on every line beside it."""
    return os.environ.get("INSTANCE_NAME", "").strip() or socket.gethostname()


def configure(config, stream=None) -> logging.Handler:
    """Replaces the root logger's handlers by one handler in config's LOG_FORMAT at its
    LOG_LEVEL; `stream` (a file object) instead of standard error for tests. Called by
    create_app, so it is safe to call again: the previous handler is removed."""
    log_format = str(config.get("LOG_FORMAT") or "text").strip().lower()
    if log_format not in FORMATS:
        raise RuntimeError(f"LOG_FORMAT must be one of {', '.join(FORMATS)}, not {log_format!r}.")
    level = str(config.get("LOG_LEVEL") or "INFO").strip().upper()
    if level not in logging.getLevelNamesMapping():
        raise RuntimeError(f"LOG_LEVEL {level!r} is not a logging level (DEBUG, INFO, WARNING…).")
    handler = _StandardError() if stream is None else logging.StreamHandler(stream)
    handler.setFormatter(LineFormatter() if log_format == "json" else TextFormatter())
    # Context first, then cleaning: the cleaning filter sees the record as it will be written.
    handler.addFilter(ContextFilter(instance_name()))
    handler.addFilter(RedactingFilter())
    handler.portal_handler = True
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "portal_handler", False)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(level)
    # Flask gives the app's logger a handler of its own when none is set up yet; this one is.
    logging.getLogger("webapp").removeHandler(default_handler)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level)))
    # SQL statements only with SQLALCHEMY_ECHO (their parameters are hidden anyway: webapp/db.py).
    logging.getLogger("sqlalchemy").setLevel(
        logging.INFO if config.get("SQLALCHEMY_ECHO") else logging.WARNING
    )
    return handler


def gunicorn_logconfig() -> dict:
    """For deploy/gunicorn.conf.py: `logconfig_dict = gunicorn_logconfig()`. Gunicorn's own
    lines (workers booting, timeouts, kills) as JSON like the app's, cleaned the same way; its
    access log silenced: its lines hold the raw path and query string (F10: CNPs, tokens), and
    the app's request line replaces it. Only gunicorn's loggers: each worker's create_app sets
    up the root logger."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "root": {"level": "WARNING", "handlers": []},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["json"], "propagate": False},
            "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
        },
        "handlers": {
            "json": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "json",
                "filters": ["context", "redact"],
            }
        },
        "formatters": {"json": {"()": LineFormatter}},
        "filters": {
            "context": {"()": ContextFilter, "instance": instance_name()},
            "redact": {"()": RedactingFilter},
        },
    }
