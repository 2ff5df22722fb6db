"""The cleaning filter on every log handler (webapp/log_redaction.py): CNPs, signed and random
tokens, secrets after their names and e-mail addresses are masked in the message, its
arguments, the exception's text and the extra fields; code identifiers and the request line's
own fields are left alone."""

import io
import json
import logging
import secrets

import pytest
from itsdangerous import URLSafeTimedSerializer

from tests.builders import APPLICANT_CNP
from webapp import logging_setup
from webapp.log_redaction import RedactingFilter, redact

SERIALIZER = URLSafeTimedSerializer("k" * 32, salt="portal-pensii.activation.v1")


SECRETS = {
    "cnp": lambda: APPLICANT_CNP,
    "wrong control digit": lambda: "1800101123460",  # still 13 digits
    "one digit too many": lambda: "25805141234571",
    "activation token": lambda: SERIALIZER.dumps({"a": 12, "s": "0123456789abcdef"}),
    # The session cookie's shape: compressed payloads start with a dot.
    "session cookie": lambda: (
        ".eJyrVkpOLSrKzEtXslJKzs8rSc0rUaoFAFHUB6c.Z1x2Yw.AbCdEfGhIjKlMnOpQrStUvWxYz0"
    ),
    "random token": lambda: secrets.token_urlsafe(32),
    "hex digest": lambda: secrets.token_hex(20),
}


# Made inside the test: xdist's workers must collect the same test names.
@pytest.mark.parametrize("kind", SECRETS)
def test_cnps_and_tokens_are_masked_wherever_they_sit(kind):
    secret = SECRETS[kind]()
    for text in (secret, f"x={secret}", f"/cont/activare/{secret}?next=1", f"«{secret}»"):
        cleaned = redact(text)
        assert secret not in cleaned, cleaned
        assert "[CNP]" in cleaned or "[token]" in cleaned, cleaned


def test_digits_inside_a_token_do_not_split_it_into_readable_pieces():
    token = "eyJhIjoxfQ.Z1x2Yw.abc2580514123457defghijklmnopq"
    assert redact(f"link {token} end") == "link [token] end"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("password=Pensie2026! next", "password=[redacted] next"),
        ('{"parola": "Secret-1"}', '{"parola": "[redacted]"}'),
        ("csrf_token=abc&x=1", "csrf_token=[redacted]&x=1"),
        ("Authorization: Bearer abc.def", "Authorization: Bearer [redacted]"),
        ("SMTP login with Basic dXNlcjpwYXNz", "SMTP login with Basic [redacted]"),
    ],
)
def test_a_secret_after_its_name_is_masked(text, expected):
    assert redact(text) == expected


def test_an_address_keeps_its_first_letter_and_domain_only():
    assert redact("550 <ana.taranescu@example.ro> unknown") == "550 <a***@example.ro> unknown"
    assert redact("ionuț.popescu@exemplu.ro") == "i***@exemplu.ro"
    assert redact(redact("ana@example.ro")) == "a***@example.ro"


@pytest.mark.parametrize(
    "text",
    [
        "background job 12 (career_report) done, attempt 1, 830 ms",
        "UPDATE background_jobs SET claimed_until=? WHERE ix_background_jobs_due_something",
        "POST /ghiseu/cerere/<reference>/inregistrare 303 41.2 ms",
        "CC-2026-000123 RC-2026-000001 1.234,56 lei 2026-12-04T19:00:00",
        "LIFE_CERTIFICATE_UPLOAD_RATE_LIMIT webapp.outbox.delivery",
    ],
)
def test_ordinary_text_is_left_as_it_is(text):
    assert redact(text) == text


def make_logger(stream) -> logging.Logger:
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(message)s|%(where)s"))
    logger = logging.getLogger("tests.redaction")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger


def test_the_filter_cleans_arguments_exceptions_and_extra_fields():
    stream = io.StringIO()
    logger = make_logger(stream)
    token = SERIALIZER.dumps({"a": 1})
    try:
        raise ValueError(f"no account for {APPLICANT_CNP}")
    except ValueError:
        logger.exception("lookup of %s failed", "ana@example.ro", extra={"where": token})
    logger.info("%s %d", APPLICANT_CNP, 3, extra={"where": "ok"})
    written = stream.getvalue()
    for secret in (APPLICANT_CNP, "ana@example.ro", token):
        assert secret not in written
    assert "lookup of a***@example.ro failed|[token]" in written
    assert "ValueError: no account for [CNP]" in written
    assert "[CNP] 3|ok" in written


def test_a_message_whose_arguments_do_not_fit_is_still_written_cleaned():
    stream = io.StringIO()
    logger = make_logger(stream)
    logger.warning("%s and %s", APPLICANT_CNP, extra={"where": "-"})
    assert APPLICANT_CNP not in stream.getvalue() and "[CNP]" in stream.getvalue()


def test_the_json_lines_of_the_app_are_cleaned_too(app):
    stream = io.StringIO()
    logging_setup.configure({**app.config, "LOG_FORMAT": "json"}, stream=stream)
    try:
        logging.getLogger("webapp.test").warning(
            "reset for %s", "ana@example.ro", extra={"detail": f"cnp {APPLICANT_CNP}"}
        )
    finally:
        logging_setup.configure(app.config)
    (line,) = stream.getvalue().splitlines()
    record = json.loads(line)
    assert record["message"] == "reset for a***@example.ro"
    assert record["detail"] == "cnp [CNP]"
    assert record["level"] == "WARNING" and record["logger"] == "webapp.test"
