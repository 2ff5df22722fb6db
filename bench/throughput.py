"""Server time of the form page, as a ratio to a bare Flask route measured in the same run.

Both are served by gunicorn (2 sync workers) on 127.0.0.1: the real app (`wsgi:app`, development
config, a throwaway migrated SQLite database) and `bench/bare_app.py`. wrk loads them in turn,
bare/app/bare/app…, so that a noisy neighbour on a shared machine hits both alike; each figure is
the median of the runs. GET /cont/cerere without cookies creates no draft and touches no table,
so this is the cost of building and rendering the form (plus the CSRF token and the session).

The aim is app/bare >= 25 %. The figure is noisy on a shared 2-core machine, so missing the aim
only fails the run with --strict. The workers' CPU time per request (from /proc, Linux) is shown
too: other processes on the machine slow the requests down but do not change what each one costs.

    .venv/bin/python bench/throughput.py [--duration 10] [--runs 3] [--strict]
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from _support import ROOT, app_env, markdown_table, migrate, venv_tool

HOST = "127.0.0.1"
FORM_PATH = "/cont/cerere"
AIM = 0.25
WARM_UP_SECONDS = 2


@dataclass
class Target:
    name: str
    url: str
    pid: int  # gunicorn's master


@dataclass
class Run:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    cpu_ms: float | None  # the workers' CPU time per request


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, choices=range(1, 61), metavar="1-60")
    parser.add_argument("--runs", type=int, default=3, choices=range(1, 10), metavar="1-9")
    parser.add_argument("--connections", type=int, default=2, choices=range(1, 65), metavar="1-64")
    parser.add_argument("--strict", action="store_true", help="exit 1 if app/bare < 25 %%")
    args = parser.parse_args()
    wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("wrk is missing: apt-get install -y wrk")
    # SIGTERM (and a closed terminal) must unwind through the finally blocks that stop gunicorn.
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _exit_on_signal)

    load_before = os.getloadavg()
    with ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-throughput-"))
        database_url = f"sqlite:///{tmp}/bench.sqlite3"
        migrate(database_url)
        bare = Target(
            "Bare Flask route `/`",
            *stack.enter_context(
                gunicorn("bare_app:app", ROOT / "bench", os.environ.copy(), "/", tmp)
            ),
        )
        app = Target(
            f"Form page `{FORM_PATH}`",
            *stack.enter_context(
                gunicorn("wsgi:app", ROOT, app_env(database_url), FORM_PATH, tmp, "csrf_token")
            ),
        )
        for target in (bare, app):
            load(wrk, target, WARM_UP_SECONDS, args.connections)
        results = {bare.name: [], app.name: []}
        for number in range(1, args.runs + 1):
            for target in (bare, app):
                run = load(wrk, target, args.duration, args.connections)
                results[target.name].append(run)
                cpu = f", CPU {run.cpu_ms:.2f} ms/req" if run.cpu_ms is not None else ""
                print(
                    f"run {number} {target.name}: {run.requests_per_second:.0f} req/s, "
                    f"p50 {run.p50_ms:.2f} ms, p99 {run.p99_ms:.2f} ms{cpu}",
                    flush=True,
                )
    load_after = os.getloadavg()

    medians = {
        name: statistics.median(r.requests_per_second for r in runs)
        for name, runs in results.items()
    }
    ratio = medians[app.name] / medians[bare.name]
    cpu = {name: _median_cpu(runs) for name, runs in results.items()}
    rows = []
    for name, runs in results.items():
        rows.append(
            [
                name,
                " / ".join(f"{r.requests_per_second:.0f}" for r in runs),
                f"{medians[name]:.0f}",
                f"{statistics.median(r.p50_ms for r in runs):.2f}",
                f"{statistics.median(r.p99_ms for r in runs):.2f}",
                "–" if cpu[name] is None else f"{cpu[name]:.2f}",
            ]
        )
    cpu_ratio = f"{cpu[bare.name] / cpu[app.name]:.1%}" if cpu[bare.name] and cpu[app.name] else "–"
    rows.append(
        [f"**Form page / bare Flask** (aim ≥ {AIM:.0%})", "", f"**{ratio:.1%}**", "", "", cpu_ratio]
    )
    print(
        f"\n## Throughput (gunicorn 2 workers, wrk -t1 -c{args.connections} -d{args.duration}s, "
        f"median of {args.runs}, {os.cpu_count()} cores, "
        f"load {load_before[0]:.2f} → {load_after[0]:.2f})\n"
    )
    header = ["Server", "Runs req/s", "Median req/s", "p50 ms", "p99 ms", "CPU ms/req"]
    print(markdown_table(header, rows))
    if ratio < AIM:
        print(f"\nBelow the aim: {ratio:.1%} < {AIM:.0%}.")
        return 1 if args.strict else 0
    print(f"\nWithin the aim: {ratio:.1%} ≥ {AIM:.0%}.")
    return 0


def _exit_on_signal(signum, _frame):
    raise SystemExit(128 + signum)


def free_port() -> int:
    # The port could in theory be taken again before gunicorn binds; startup then fails loudly.
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(spec, cwd, env, path, log_dir, expect_text=None):
    """Serve `spec` on a free loopback port, giving (url, master pid); always stopped on the way
    out, errors included."""
    port = free_port()
    url = f"http://{HOST}:{port}{path}"
    log_path = os.path.join(log_dir, f"gunicorn-{spec.split(':')[0]}.log")
    command = [
        venv_tool("gunicorn"),
        "--workers", "2",
        "--bind", f"{HOST}:{port}",
        "--log-level", "warning",
        spec,
    ]  # fmt: skip
    with open(log_path, "wb") as log:
        # Own session: Ctrl-C reaches only us, and we stop the server in order below.
        server = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait_until_ready(server, url, expect_text, log_path)
        yield url, server.pid
    finally:
        _stop(server)


def _wait_until_ready(server, url, expect_text, log_path, timeout=30.0):
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8", "replace")
            if expect_text and expect_text not in body:
                raise RuntimeError(f"{url} answered without {expect_text!r}")
            return
        except OSError as error:
            last_error = error
            time.sleep(0.2)
    with open(log_path, encoding="utf-8", errors="replace") as log:
        tail = log.read()[-2000:]
    raise RuntimeError(f"gunicorn did not serve {url} ({last_error}):\n{tail}")


def _stop(server):
    if server.poll() is None:
        server.terminate()  # gunicorn's master stops its workers on SIGTERM
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # the group we created: master and workers
            server.wait(timeout=5)


LATENCY = re.compile(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def load(wrk, target, duration, connections) -> Run:
    url = target.url
    cpu_before = _workers_cpu_seconds(target.pid)
    result = subprocess.run(
        [wrk, "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=duration + 30,
    )
    out = result.stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if result.returncode != 0 or not rate:
        raise RuntimeError(f"wrk failed on {url}:\n{out}{result.stderr}")
    # A page that answers 4xx/5xx fast would flatter the figure: refuse it.
    if bad := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out):
        raise RuntimeError(f"{url}: {bad.group(1)} non-2xx/3xx responses under load:\n{out}")
    if errors := re.search(r"Socket errors:.*", out):
        print(f"  wrk {url}: {errors.group(0)}", file=sys.stderr)
    latency = {pct: float(value) * UNITS_MS[unit] for pct, value, unit in LATENCY.findall(out)}
    cpu_after = _workers_cpu_seconds(target.pid)
    served = re.search(r"(\d+) requests in", out)
    cpu_ms = None
    if cpu_before is not None and cpu_after is not None and served and int(served.group(1)):
        cpu_ms = (cpu_after - cpu_before) * 1000 / int(served.group(1))
    return Run(float(rate.group(1)), latency["50"], latency["99"], cpu_ms)


def _workers_cpu_seconds(master_pid) -> float | None:
    """User + system CPU time of gunicorn's workers so far; None where /proc cannot tell."""
    try:
        with open(f"/proc/{master_pid}/task/{master_pid}/children") as children:
            pids = children.read().split()
        ticks = 0
        for pid in pids:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, ValueError, IndexError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


def _median_cpu(runs) -> float | None:
    values = [r.cpu_ms for r in runs if r.cpu_ms is not None]
    return statistics.median(values) if values else None


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RuntimeError as error:
        print(f"throughput: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:  # the servers are already stopped by then
        sys.exit(130)
