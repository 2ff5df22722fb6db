"""Throughput of the pension calculator page, as a ratio to a bare Flask route in the same run.

Served like bench/throughput.py serves the form page (its gunicorn and wrk helpers are reused):
gunicorn with 2 sync workers on 127.0.0.1, wrk loading bare/page/fragment in turn for each run so
that a noisy neighbour hits all alike, the median of the runs reported.

The query is the heaviest the page meets in use: a 45-year career pasted as the year/amount table
(1960-1990 and 2012-2025, Romanian number formats), the annual points of 1991-2011, the stage,
birth date and sex, so the result has 45 annual scores, stability points, the age check (art. 56
applies: over 5 years beyond the complete stage) and the net with CASS and tax. Two ways of asking:

- the page: GET without htmx, the whole page with the result (JavaScript off, a shared link);
- the fragment: the same GET with ``HX-Request: true``, the result block alone (typing with htmx).

For scale, a third way: the page for the common case, total points from the career report.

The query stays under gunicorn's default 4,094-byte request line, which it checks.

    .venv/bin/python bench/bench_pension_page.py [--duration 10] [--runs 3] [--strict]
"""

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from urllib.parse import urlencode

from _support import ROOT, app_env, markdown_table, migrate
from throughput import LATENCY, UNITS_MS, WARM_UP_SECONDS, Run, gunicorn

PATH = "/pensie/calcul"
AIM = 0.25  # as for the form page in bench/throughput.py
GUNICORN_REQUEST_LINE = 4094
YEARS = [*range(1960, 1991), *range(2012, 2026)]


def career_query() -> str:
    # Amounts vary by year and are written the way the career report writes them (3.517,45).
    lines = ["An\tVenit brut lunar mediu"]
    for year in YEARS:
        amount = 900 + (year % 50) * 137 if year < 1991 else 2500 + (year - 2012) * 310
        lines.append(f"{year}\t{amount:,}".replace(",", ".") + ",45")
    params = {
        "start_date": "01.01.2026",
        "contributory_years": "45",
        "contributory_months": "3",
        "points": "19,84512",
        "income": "\n".join(lines),
        "birth_date": "10.06.1961",
        "sex": "M",
    }
    return urlencode(params, safe=",:")


POINTS_QUERY = urlencode(
    {
        "start_date": "01.09.2026",
        "contributory_years": "38",
        "points": "31,25412",
        "birth_date": "14.05.1962",
        "sex": "M",
    },
    safe=",",
)


def load(wrk, url, duration, connections, headers=()) -> Run:
    """bench/throughput.py's load(), with request headers."""
    command = [wrk, "-t1", f"-c{connections}", f"-d{duration}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    result = subprocess.run([*command, url], capture_output=True, text=True, timeout=duration + 30)
    out = result.stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if result.returncode != 0 or not rate:
        raise RuntimeError(f"wrk failed on {url}:\n{out}{result.stderr}")
    if bad := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out):
        raise RuntimeError(f"{url}: {bad.group(1)} non-2xx/3xx responses under load:\n{out}")
    latency = {pct: float(value) * UNITS_MS[unit] for pct, value, unit in LATENCY.findall(out)}
    return Run(float(rate.group(1)), latency["50"], latency["99"], None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, choices=range(1, 61), metavar="1-60")
    parser.add_argument("--runs", type=int, default=3, choices=range(1, 10), metavar="1-9")
    parser.add_argument("--connections", type=int, default=2, choices=range(1, 65), metavar="1-64")
    parser.add_argument("--strict", action="store_true", help="exit 1 if page/bare < 25 %%")
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("wrk is missing: apt-get install -y wrk")
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _exit_on_signal)

    query = career_query()
    request_line = len(f"GET {PATH}?{query} HTTP/1.1")
    if request_line > GUNICORN_REQUEST_LINE:
        sys.exit(f"the query makes a {request_line}-byte request line; gunicorn refuses it")

    load_before = os.getloadavg()
    with ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-pension-page-"))
        database_url = f"sqlite:///{tmp}/bench.sqlite3"
        migrate(database_url)
        bare_url, _ = stack.enter_context(
            gunicorn("bare_app:app", ROOT / "bench", os.environ.copy(), "/", tmp)
        )
        page_url, _ = stack.enter_context(
            gunicorn("wsgi:app", ROOT, app_env(database_url), f"{PATH}?{query}", tmp, "Pensia netă")
        )
        targets = [
            ("Bare Flask route `/`", bare_url, ()),
            ("Calculator page, 45-year career", page_url, ()),
            ("Result fragment (htmx), same query", page_url, ("HX-Request: true",)),
            ("Calculator page, total points", page_url.split("?")[0] + "?" + POINTS_QUERY, ()),
        ]
        for _name, url, headers in targets:
            load(wrk, url, WARM_UP_SECONDS, args.connections, headers)
        results: dict[str, list[Run]] = {name: [] for name, _url, _headers in targets}
        for number in range(1, args.runs + 1):
            for name, url, headers in targets:
                run = load(wrk, url, args.duration, args.connections, headers)
                results[name].append(run)
                print(
                    f"run {number} {name}: {run.requests_per_second:.0f} req/s, "
                    f"p50 {run.p50_ms:.2f} ms, p99 {run.p99_ms:.2f} ms",
                    flush=True,
                )
    load_after = os.getloadavg()

    medians = {
        name: statistics.median(run.requests_per_second for run in runs)
        for name, runs in results.items()
    }
    bare = medians[targets[0][0]]
    rows = []
    for name, runs in results.items():
        rows.append(
            [
                name,
                " / ".join(f"{run.requests_per_second:.0f}" for run in runs),
                f"{medians[name]:.0f}",
                f"{statistics.median(run.p50_ms for run in runs):.2f}",
                f"{statistics.median(run.p99_ms for run in runs):.2f}",
                "" if medians[name] == bare else f"{medians[name] / bare:.1%}",
            ]
        )
    print(
        f"\n## Pension calculator throughput (gunicorn 2 workers, wrk -t1 -c{args.connections} "
        f"-d{args.duration}s, median of {args.runs}, {os.cpu_count()} cores, "
        f"load {load_before[0]:.2f} → {load_after[0]:.2f}, query {len(query)} bytes)\n"
    )
    header = ["Server", "Runs req/s", "Median req/s", "p50 ms", "p99 ms", "÷ bare"]
    print(markdown_table(header, rows))
    ratio = medians[targets[1][0]] / bare
    if ratio < AIM:
        print(f"\nBelow the aim: page/bare {ratio:.1%} < {AIM:.0%}.")
        return 1 if args.strict else 0
    print(f"\nWithin the aim: page/bare {ratio:.1%} ≥ {AIM:.0%}.")
    return 0


def _exit_on_signal(signum, _frame):
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as error:
        print(f"bench_pension_page: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
