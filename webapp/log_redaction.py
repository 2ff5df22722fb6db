"""What must never reach a log line, taken out of every record before any handler writes it.

A log line outlives the data it mentions (rotated files, a log service, a support ticket), so a
record is cleaned whatever its source: our own messages, a library's, an exception's text.
Passwords and e-mail bodies have no shape to recognise: they are kept out by the code never
logging a form or a message (tests/webapp/test_log_journey.py greps a whole journey for them).
What has a shape is replaced here:

- a run of 13 or more digits (a CNP, with or without a valid control digit, or one inside a
  longer run typed by mistake) becomes [CNP];
- a signed token (itsdangerous: activation, reset and download links, the CSRF token, the
  session cookie, "payload.timestamp.signature") and any long run of base64url characters
  mixing letters and digits or cases (random tokens, hashes) becomes [token];
- the value after password=, token=, csrf_token=, "Authorization: Bearer" … becomes [redacted];
- an e-mail address keeps its first letter and its domain: i***@example.ro (enough to see
  which provider refuses mail, not whose address it was).
"""

import logging
import re

REDACTED = "[redacted]"
CNP_MARK = "[CNP]"
TOKEN_MARK = "[token]"

_CNP = re.compile(r"(?<![0-9])[0-9]{13,}(?![0-9])")
# payload.timestamp.signature or payload.signature; the session cookie may start with a dot.
# The last part is a signature: 27 characters for SHA-1, more for longer digests.
_SIGNED = re.compile(r"\.?[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?\.[A-Za-z0-9_-]{20,}")
_LONG_RUN = re.compile(r"[A-Za-z0-9_-]{24,}")
_SECRET_VALUE = re.compile(
    r"(?i)\b(password|passwd|parola|secret|token|csrf_token|api_key|authorization)"
    r"(\"?'?\s*[:=]\s*\"?'?)(?!(?:bearer|basic)\s)[^\s\"'&,;]+"
)
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+")
_EMAIL = re.compile(r"([^\W_])[\w.%+-]*@([\w-]+(?:\.[\w-]+)+)")


def _token_or_word(match: re.Match) -> str:
    # Long identifiers of code (ix_background_jobs_due, SOME_CONSTANT_NAME) are one kind of
    # character; random tokens and hex digests mix at least two of lower, upper and digit.
    run = match.group(0)
    kinds = (any(c.islower() for c in run), any(c.isupper() for c in run))
    kinds += (any(c.isdigit() for c in run),)
    return TOKEN_MARK if sum(kinds) >= 2 else run


# Anything any pattern below could match; most lines have none, and one search is cheaper
# than six substitutions.
_SUSPECT = re.compile(
    r"[0-9]{13}|@|[A-Za-z0-9_-]{20}|(?i:password|passwd|parola|secret|token|api_key"
    r"|authorization|bearer|basic)"
)


def redact(text: str) -> str:
    """The text with CNPs, tokens, secrets after their names and e-mail addresses masked."""
    if not text or not _SUSPECT.search(text):
        return text
    text = _BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    text = _SECRET_VALUE.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)
    # Tokens before CNPs: digits inside a token must not split it into pieces left readable.
    text = _SIGNED.sub(TOKEN_MARK, text)
    text = _LONG_RUN.sub(_token_or_word, text)
    text = _CNP.sub(CNP_MARK, text)
    return _EMAIL.sub(r"\1***@\2", text)


# A record's own attributes; anything else on it came from `extra=` and is cleaned too, except
# the request line's fields, which are built from the URL rule and never from what was sent.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}
SAFE_FIELDS = frozenset(
    {"correlation_id", "method", "endpoint", "route", "status", "duration_ms", "instance"}
)
_NOT_EXTRA = _RECORD_ATTRIBUTES | SAFE_FIELDS


class RedactingFilter(logging.Filter):
    """On every handler: renders the message with its arguments, cleans it, and cleans the
    exception's and the stack's text (rendered here, so that no formatter renders them again
    from the raw exception). Never refuses a record."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            # Arguments that do not fit the message: keep both, as text, cleaned.
            message = f"{record.msg} {record.args!r}"
        record.msg, record.args = redact(str(message)), None
        if record.exc_info:
            if not record.exc_text:
                record.exc_text = self._formatter.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for name, value in vars(record).items():
            if isinstance(value, str) and name not in _NOT_EXTRA:
                setattr(record, name, redact(value))
        return True
