"""Lighthouse scores of the main pages against the targets of issue 13.

Serves the app the way it is deployed: gunicorn (2 sync workers) with the production config on a
free loopback port, a throwaway migrated PostgreSQL database (BENCH_POSTGRES_URL's server,
created and dropped here) and the Redis of REDIS_URL (production refuses SQLite and in-memory
rate limits), so that what Lighthouse sees is what a visitor gets (hashed static files cached a
year and compressed, no development-only pages).
Production wants an https PUBLIC_BASE_URL and a SECRET_KEY; the bench gives it made-up ones
and trusts 127.0.0.1 as a host name. Chrome treats 127.0.0.1 as a secure origin, so the
__Host- session cookie still works over plain http.

Lighthouse (node_modules, 12.2.3: 13 needs Node 22) runs headless with Debian's Chromium, mobile
form factor with simulated throttling (its default: 150 ms RTT, 1.6 Mbit/s, 4x CPU slowdown),
N times per page; each category's figure is the median of the runs. The targets: performance
>= 98, accessibility, best practices and SEO 100. Scores move with the machine's load (the
performance score above all), so the load average is printed at the start and the end, and
missing a target fails the run only with --strict.

    .venv/bin/python bench/bench_lighthouse.py [--runs 3] [--strict] [--pages / /stare]
    make bench BENCH_ARGS=--lighthouse

Exit status: 0 done (or all targets met with --strict), 1 a target missed with --strict,
2 Lighthouse could not run.
"""

import argparse
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from _support import ROOT, app_env, markdown_table, migrate
from throughput import gunicorn

PAGES = [
    "/",
    "/cont/cerere",
    "/stare",
    "/autentificare",
    "/pensie/calcul",
    "/pensie/impozit-si-cass",
    "/plata-card/cerere",
    # The start page itself: /certificat-de-viata answers with a redirect to it.
    "/certificat-de-viata/",
    "/protectia-datelor",
    "/declaratia-de-accesibilitate",
    "/cookie-uri",
    "/contact",
    "/despre",
]
# Lighthouse's category ids, with the lowest median score (0-100) each must reach.
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
HEADERS = {"performance": "Perf.", "accessibility": "Access.", "best-practices": "Best pr."}
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
POSTGRES_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
CHROMIUM = Path("/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
# Shown beside the scores: what moved a performance score is easier to find from these.
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
}
RUN_TIMEOUT_SECONDS = 180
# On a busy machine Lighthouse now and then loses the trace (NO_NAVSTART) or the browser; such a
# run says nothing about the page, so it is tried again, up to this many times in all.
ATTEMPTS = 3


class LighthouseError(Exception):
    pass


@dataclass
class PageResult:
    path: str
    scores: dict[str, list[int]] = field(default_factory=dict)  # category id -> one per run
    metrics: dict[str, list[float]] = field(default_factory=dict)  # audit id -> numericValue
    failing: dict[str, str] = field(default_factory=dict)  # audit id -> title, any run

    def add(self, report: dict) -> None:
        for category, data in report["categories"].items():
            if data["score"] is None:
                raise LighthouseError(f"{self.path}: no {category} score (page failed to load?)")
            self.scores.setdefault(category, []).append(round(data["score"] * 100))
        for audit_id in METRICS:
            value = report["audits"][audit_id].get("numericValue")
            if value is not None:
                self.metrics.setdefault(audit_id, []).append(value)
        self.failing.update(failing_audits(report))

    def median(self, category: str) -> float:
        return statistics.median(self.scores[category])

    def misses(self) -> list[str]:
        return [c for c, target in TARGETS.items() if self.median(c) < target]


def failing_audits(report: dict) -> dict[str, str]:
    """The audits that cost points: scored (weight > 0) and below 1."""
    failing = {}
    for data in report["categories"].values():
        for ref in data["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing[ref["id"]] = audit.get("title", ref["id"])
    return failing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, choices=range(1, 10), metavar="1-9")
    parser.add_argument("--pages", nargs="+", default=PAGES, metavar="PATH")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a median misses a target")
    parser.add_argument("--keep-reports", metavar="DIR", help="keep each run's JSON report here")
    args = parser.parse_args(argv)
    for tool in (LIGHTHOUSE, CHROMIUM):
        if not tool.exists():
            print(f"{tool} is missing; run `make install` first.", file=sys.stderr)
            return 2
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _exit_on_signal)

    load_before = os.getloadavg()
    results = {path: PageResult(path) for path in args.pages}
    versions = {}
    with ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-lighthouse-"))
        reports_dir = Path(args.keep_reports or tmp)
        reports_dir.mkdir(parents=True, exist_ok=True)
        database_url = stack.enter_context(throwaway_postgres())
        migrate(database_url)
        url, _pid = stack.enter_context(
            gunicorn("wsgi:app", ROOT, production_env(database_url), "/", tmp, "<h1")
        )
        base = url.rstrip("/")
        try:
            # Round-robin, so that a burst of load elsewhere on the machine spreads over pages.
            for number in range(1, args.runs + 1):
                for path in args.pages:
                    output = reports_dir / f"{_slug(path)}-{number}.json"
                    report = run_with_retries(base + path, output)
                    versions = versions or report_versions(report)
                    results[path].add(report)
                    scores = " ".join(
                        f"{HEADERS.get(c, c.upper())} {results[path].scores[c][-1]}"
                        for c in TARGETS
                    )
                    print(f"run {number} {path}: {scores}", flush=True)
        except LighthouseError as error:
            print(f"Lighthouse failed: {error}", file=sys.stderr)
            return 2
    load_after = os.getloadavg()

    print(
        f"\n## Lighthouse {versions.get('lighthouse', '?')} "
        f"({versions.get('chromium', '?')}, mobile, simulated throttling; "
        f"median of {args.runs}, {os.cpu_count()} cores, "
        f"load {_load(load_before)} → {_load(load_after)})\n"
    )
    print(summary_table(list(results.values()), args.runs))
    misses = {r.path: r.misses() for r in results.values() if r.misses()}
    failing = {}
    for result in results.values():
        failing.update(result.failing)
    if failing:
        print("\nAudits that cost points in some run:")
        for audit_id, title in sorted(failing.items()):
            print(f"- `{audit_id}`: {title}")
    if misses:
        print("\nBelow target: " + "; ".join(f"{p} {', '.join(c)}" for p, c in misses.items()))
        return 1 if args.strict else 0
    print("\nEvery median meets its target.")
    return 0


@contextmanager
def throwaway_postgres():
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = make_url(os.environ.get("BENCH_POSTGRES_URL") or POSTGRES_SERVER)
    name = f"bench_lighthouse_{os.getpid()}"
    engine = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def production_env(database_url: str) -> dict:
    env = app_env(database_url)
    env.update(
        REDIS_URL=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
        PORTAL_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(48),
        PUBLIC_BASE_URL="https://portal-pensii.example",
        TRUSTED_HOSTS="127.0.0.1",
    )
    return env


def run_with_retries(url: str, output: Path) -> dict:
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return run_lighthouse(url, output)
        except LighthouseError as error:
            if attempt == ATTEMPTS:
                raise
            print(f"retrying ({error})".splitlines()[0], file=sys.stderr, flush=True)
    raise AssertionError("unreachable")


def run_lighthouse(url: str, output: Path) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=" + ",".join(TARGETS),
    ]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    try:
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_SECONDS
        )
    except subprocess.TimeoutExpired:
        raise LighthouseError(f"{url}: no report after {RUN_TIMEOUT_SECONDS} s") from None
    if result.returncode != 0 or not output.exists():
        raise LighthouseError(f"{url}: exit {result.returncode}\n{result.stderr[-2000:]}")
    report = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise LighthouseError(f"{url}: {report['runtimeError'].get('message')}")
    return report


def report_versions(report: dict) -> dict:
    agent = report.get("environment", {}).get("hostUserAgent", "")
    chrome = next((part for part in agent.split() if "Chrome/" in part), "Chromium ?")
    return {"lighthouse": report.get("lighthouseVersion", "?"), "chromium": chrome}


def summary_table(results: list[PageResult], runs: int) -> str:
    header = ["Page", *(HEADERS.get(c, c.upper()) for c in TARGETS), *METRICS.values()]
    rows = []
    for result in results:
        scores = [_score(result, c, runs) for c in TARGETS]
        metrics = [_metric(a, result.metrics.get(a)) for a in METRICS]
        rows.append([f"`{result.path}`", *scores, *metrics])
    targets = [f"≥ {t}" if t < 100 else "100" for t in TARGETS.values()]
    rows.append(["*Target*", *targets, *("" for _ in METRICS)])
    return markdown_table(header, rows)


def _score(result: PageResult, category: str, runs: int) -> str:
    median = result.median(category)
    text = f"{median:g}"
    if runs > 1 and min(result.scores[category]) != max(result.scores[category]):
        text += f" ({min(result.scores[category])}–{max(result.scores[category])})"
    return f"**{text}**" if median < TARGETS[category] else text


def _metric(audit_id: str, values: list[float] | None) -> str:
    if not values:
        return "–"
    value = statistics.median(values)
    if audit_id == "cumulative-layout-shift":
        return f"{value:.3f}".rstrip("0").rstrip(".") or "0"
    return f"{value / 1000:.1f} s" if audit_id != "total-blocking-time" else f"{value:.0f} ms"


def _load(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{value:.2f}" for value in load)


def _slug(path: str) -> str:
    return path.strip("/").replace("/", "_") or "home"


def _exit_on_signal(signum, _frame):
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    sys.exit(main())
