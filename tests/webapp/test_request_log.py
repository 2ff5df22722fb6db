"""The request line and the request id (webapp/request_log.py, webapp/logging_setup.py): one
JSON line per request naming the URL rule, never the path or the query; an id made here, or
nginx's from a trusted proxy when it looks like one, returned in X-Request-ID and stored with
the job and the e-mail the request causes, whose worker lines carry it."""

import io
import json
import logging
import logging.config
import re

import pytest

from tests.builders import active_citizen, ask_for_reset, run_jobs, stored
from tests.log_capture import captured_logs
from webapp import config, create_app, logging_setup
from webapp.models import BackgroundJob, OutboxEmail

HEX_ID = re.compile(r"[0-9a-f]{32}")


def test_one_line_per_request_with_the_rule_and_never_the_path_or_query(app):
    client = app.test_client()
    with captured_logs(app) as logs:
        client.get("/verificare?cod=ABCD-EFGH-JKLM-NPQR-STUV")
        response = client.get("/cont/cerere/CC-2026-000042.pdf?x=2580514123457")
        client.get("/nu-exista/2580514123457")
    first, second, third = logs.of("webapp.request")
    assert first["endpoint"] == "verify.verify" and first["route"] == "/verificare"
    assert first["method"] == "GET" and first["status"] == 200
    assert isinstance(first["duration_ms"], float) and first["duration_ms"] > 0
    assert second["route"] == "/cont/cerere/<reference>.<any(pdf, docx):extension>"
    assert second["status"] == response.status_code
    assert (third["endpoint"], third["route"], third["status"]) == (None, None, 404)
    assert third["message"].startswith("GET (no route) 404")
    for secret in ("ABCD-EFGH", "CC-2026-000042", "2580514123457", "nu-exista"):
        assert secret not in logs.text
    for line in (first, second, third):
        assert line["pid"] > 0 and line["instance"]
        assert line["correlation_id"] == HEX_ID.fullmatch(line["correlation_id"]).group(0)


def test_an_invented_method_is_logged_as_other(app):
    with captured_logs(app) as logs:
        app.test_client().open("/", method="X2580514123457")
    (line,) = logs.of("webapp.request")
    assert line["method"] == "other" and "2580514123457" not in logs.text


def test_every_response_has_a_fresh_request_id_error_pages_too(app):
    @app.get("/proba-eroare")
    def broken():
        raise RuntimeError("boom")

    client = app.test_client()
    ids = [
        client.get(path).headers["X-Request-ID"]
        for path in ("/", "/", "/nu-exista", "/proba-eroare")
    ]
    assert all(HEX_ID.fullmatch(value) for value in ids)
    assert len(set(ids)) == 4


def test_the_error_line_carries_the_request_id(app):
    @app.get("/proba-eroare")
    def broken():
        raise RuntimeError("boom")

    with captured_logs(app) as logs:
        response = app.test_client().get("/proba-eroare")
    assert response.status_code == 500
    (error,) = [r for r in logs.records() if r["level"] == "ERROR"]
    assert error["correlation_id"] == response.headers["X-Request-ID"]
    assert "RuntimeError: boom" in error["exc_info"]


def behind_proxy(migrated):
    return create_app({"ENV_NAME": "testing", "DATABASE_URL": migrated, "PROXY_COUNT": 1})


@pytest.mark.parametrize(
    "peer, given, kept",
    [
        ("127.0.0.1", "0123456789abcdef0123456789abcdef", True),  # nginx's $request_id
        ("127.0.0.1", "3f2c1a9e-7b1d-4f7e-9a51-0c8d2e6b4a10", True),
        ("203.0.113.9", "0123456789abcdef0123456789abcdef", False),  # not our proxy
        ("127.0.0.1", "short", False),
        ("127.0.0.1", "a" * 65, False),
        ("127.0.0.1", "abc def 12345", False),
        ("127.0.0.1", "abc%0d%0aSet-Cookie:x", False),
    ],
)
def test_the_proxy_s_request_id_is_kept_only_from_the_proxy_and_only_when_sane(
    migrated, peer, given, kept
):
    app = behind_proxy(migrated)
    response = app.test_client().get(
        "/",
        headers={"X-Request-ID": given, "X-Forwarded-For": "198.51.100.7"},
        environ_base={"REMOTE_ADDR": peer},
    )
    returned = response.headers["X-Request-ID"]
    assert (returned == given) is kept
    if not kept:
        assert HEX_ID.fullmatch(returned)
    app.extensions["db_engine"].dispose()


def test_without_a_proxy_configured_the_header_is_never_believed(app):
    response = app.test_client().get("/", headers={"X-Request-ID": "0123456789abcdef"})
    assert response.headers["X-Request-ID"] != "0123456789abcdef"


def test_the_job_and_the_email_a_request_causes_carry_its_id_into_the_worker(app, client_request):
    request = active_citizen(app, client_request)
    with captured_logs(app) as logs:
        response = ask_for_reset(client_request, request.email, expected_status=303)
        request_id = response.headers["X-Request-ID"]
        (job,) = stored(app, BackgroundJob, BackgroundJob.kind == "password_reset")
        assert job.correlation_id == request_id
        assert request_id not in str(job.payload)
        run_jobs(app)
    (email,) = stored(app, OutboxEmail, OutboxEmail.template == "password_reset")
    assert email.correlation_id == request_id
    (done,) = [r for r in logs.of("webapp.jobs") if "(password_reset) done" in r["message"]]
    assert done["correlation_id"] == request_id


def test_work_queued_outside_a_request_has_no_id(app):
    from webapp import jobs

    session = app.extensions["db_sessionmaker"]()
    job = jobs.enqueue(session, "password_reset", {"email": "nimeni@example.ro"})
    session.commit()
    assert job.correlation_id is None
    session.close()


def test_the_text_format_is_one_readable_line_with_the_id(app):
    stream = io.StringIO()
    logging_setup.configure({**app.config, "LOG_LEVEL": "INFO"}, stream=stream)
    try:
        response = app.test_client().get("/")
    finally:
        logging_setup.configure(app.config)
    (line,) = stream.getvalue().splitlines()
    request_id = response.headers["X-Request-ID"]
    assert re.fullmatch(
        rf"\S+ \S+ INFO webapp\.request \[{request_id}\]: GET / 200 \d+\.\d ms", line
    ), line


def test_production_logs_json_and_bad_settings_stop_the_start(app, monkeypatch):
    assert config.Config.LOG_FORMAT == "json" and config.Config.LOG_LEVEL == "INFO"
    assert config.DevelopmentConfig.LOG_FORMAT == "text"
    with pytest.raises(RuntimeError, match="LOG_FORMAT"):
        create_app({"ENV_NAME": "testing", "LOG_FORMAT": "xml"})
    with pytest.raises(RuntimeError, match="LOG_LEVEL"):
        create_app({"ENV_NAME": "testing", "LOG_LEVEL": "LOUD"})
    monkeypatch.setenv("LOG_FORMAT", "json")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    loaded = config.TestingConfig("/tmp")
    assert (loaded.LOG_FORMAT, loaded.LOG_LEVEL) == ("json", "debug")
    # The configuration is the app's again for the tests after this one.
    logging_setup.configure(app.config)
    assert logging.getLogger().level == logging.WARNING


def test_gunicorn_s_own_lines_are_json_and_its_access_log_is_silenced(capsys):
    config = logging_setup.gunicorn_logconfig()
    # Not the root logger here: pytest's own handlers are on it (gunicorn's master has none).
    config.pop("root")
    error, access = logging.getLogger("gunicorn.error"), logging.getLogger("gunicorn.access")
    saved = [(log, log.handlers[:], log.level, log.propagate) for log in (error, access)]
    try:
        logging.config.dictConfig(config)
        error.info("Booting worker with pid: %s", 4242)
        error.warning("Worker timeout for ana@example.ro")
        access.info('"GET /ghiseu/cautare?q=2580514123457 HTTP/1.1" 200')
    finally:
        for log, handlers, level, propagate in saved:
            log.handlers[:], log.level, log.propagate = handlers, level, propagate
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [line["message"] for line in lines] == [
        "Booting worker with pid: 4242",
        "Worker timeout for a***@example.ro",
    ]
    assert all(line["logger"] == "gunicorn.error" and line["instance"] for line in lines)
