"""The logs as production writes them (JSON lines, through the app's own handler and its
cleaning filter), captured in memory for a test; the test's own logging is put back after."""

import io
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from webapp import logging_setup


@dataclass
class CapturedLogs:
    buffer: io.StringIO

    @property
    def text(self) -> str:
        return self.buffer.getvalue()

    def records(self) -> list[dict]:
        """Every line, parsed: a line that is not one JSON object fails here."""
        return [json.loads(line) for line in self.text.splitlines()]

    def of(self, logger: str) -> list[dict]:
        return [record for record in self.records() if record["logger"] == logger]


@contextmanager
def captured_logs(app, level: str = "INFO", sql: bool = False) -> Iterator[CapturedLogs]:
    """`sql`: SQLAlchemy's statements too (sqlalchemy.engine at INFO)."""
    buffer = io.StringIO()
    logging_setup.configure({**app.config, "LOG_FORMAT": "json", "LOG_LEVEL": level}, stream=buffer)
    engine_logger = logging.getLogger("sqlalchemy.engine")
    if sql:
        engine_logger.setLevel(logging.INFO)
    try:
        yield CapturedLogs(buffer)
    finally:
        engine_logger.setLevel(logging.NOTSET)
        logging_setup.configure(app.config)
