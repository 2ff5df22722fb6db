"""bench/bench_lighthouse.py without Chromium: the medians, the table, --strict, and that
`make bench` runs it only when asked. The reports are cut down to the fields the script reads."""

import contextlib
import json

import bench_lighthouse
import pytest
import run_all


def report(performance=1.0, accessibility=1.0, failing_audit=None, tbt=0.0) -> dict:
    audits = {audit_id: {"numericValue": 0.0} for audit_id in bench_lighthouse.METRICS}
    audits["total-blocking-time"]["numericValue"] = tbt
    audits["color-contrast"] = {"score": 0 if failing_audit else 1, "title": "Contrast"}
    categories = {
        category: {"score": 1.0, "auditRefs": [{"id": "color-contrast", "weight": 7}]}
        for category in bench_lighthouse.TARGETS
    }
    categories["performance"]["score"] = performance
    categories["accessibility"]["score"] = accessibility
    return {
        "lighthouseVersion": "12.2.3",
        "environment": {"hostUserAgent": "Mozilla/5.0 HeadlessChrome/156.0.0.0 Safari/537.36"},
        "categories": categories,
        "audits": audits,
    }


def test_each_category_is_the_median_of_the_runs():
    result = bench_lighthouse.PageResult("/")
    for performance in (0.99, 0.91, 1.0):
        result.add(report(performance=performance))
    assert result.scores["performance"] == [99, 91, 100]
    assert result.median("performance") == 99
    assert result.misses() == []


def test_a_median_below_target_is_a_miss_and_shown_in_bold():
    result = bench_lighthouse.PageResult("/stare")
    for accessibility in (0.98, 1.0, 0.98):
        result.add(report(accessibility=accessibility, failing_audit=True))
    assert result.misses() == ["accessibility"]
    assert result.failing == {"color-contrast": "Contrast"}
    row = next(
        line
        for line in bench_lighthouse.summary_table([result], 3).splitlines()
        if "/stare" in line
    )
    assert "**98 (98–100)**" in row


def test_a_page_that_did_not_load_is_an_error_not_a_zero():
    broken = report()
    broken["categories"]["seo"]["score"] = None
    with pytest.raises(bench_lighthouse.LighthouseError):
        bench_lighthouse.PageResult("/").add(broken)


@pytest.fixture
def fake_lighthouse(monkeypatch):
    """main() with no database, server or browser: each page gets the report given."""
    reports = {}

    @contextlib.contextmanager
    def server(*_args):
        yield "http://127.0.0.1:1/", 1

    def run(url, output):
        data = reports.get(url.removeprefix("http://127.0.0.1:1"), report())
        output.write_text(json.dumps(data), encoding="utf-8")
        return data

    monkeypatch.setattr(bench_lighthouse, "migrate", lambda _url: None)
    monkeypatch.setattr(bench_lighthouse, "gunicorn", server)
    monkeypatch.setattr(bench_lighthouse, "run_lighthouse", run)
    return reports


def test_a_missed_target_fails_the_run_only_with_strict(fake_lighthouse, capsys):
    fake_lighthouse["/stare"] = report(performance=0.9)
    pages = ["--pages", "/", "/stare", "--runs", "1"]
    assert bench_lighthouse.main(pages) == 0
    assert bench_lighthouse.main([*pages, "--strict"]) == 1
    out = capsys.readouterr().out
    assert "Below target: /stare performance" in out
    assert "Lighthouse 12.2.3 (HeadlessChrome/156.0.0.0" in out
    assert "load " in out


def test_every_target_met_passes_with_strict(fake_lighthouse, capsys):
    assert bench_lighthouse.main(["--pages", "/", "--runs", "2", "--strict"]) == 0
    assert "Every median meets its target." in capsys.readouterr().out


def test_a_lost_trace_is_run_again_and_a_lasting_failure_stops_the_run(monkeypatch, tmp_path):
    calls = []

    def flaky(url, output):
        calls.append(url)
        if len(calls) < 2:
            raise bench_lighthouse.LighthouseError(f"{url}: NO_NAVSTART")
        return report()

    monkeypatch.setattr(bench_lighthouse, "run_lighthouse", flaky)
    assert bench_lighthouse.run_with_retries("/x", tmp_path / "x.json")["lighthouseVersion"]
    assert calls == ["/x", "/x"]

    def broken(url, output):
        raise bench_lighthouse.LighthouseError("no Chromium")

    monkeypatch.setattr(bench_lighthouse, "run_lighthouse", broken)
    with pytest.raises(bench_lighthouse.LighthouseError):
        bench_lighthouse.run_with_retries("/x", tmp_path / "x.json")


def test_the_app_is_served_in_production_config():
    env = bench_lighthouse.production_env("postgresql+psycopg://postgres@127.0.0.1/x")
    assert env["PORTAL_ENV"] == "production"
    # Production refuses SQLite and in-memory rate limits (webapp/config.py).
    assert env["DATABASE_URL"].startswith("postgresql") and env["REDIS_URL"].startswith("redis://")
    assert env["PUBLIC_BASE_URL"].startswith("https://")
    assert len(env["SECRET_KEY"]) >= 32


def test_make_bench_runs_lighthouse_only_when_asked():
    assert "bench_lighthouse.py" not in run_all.scripts(lighthouse=False)
    assert run_all.scripts(lighthouse=True)[-1] == "bench_lighthouse.py"
