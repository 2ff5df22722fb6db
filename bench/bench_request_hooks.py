"""What logging and metrics cost per request (webapp/request_log.py, webapp/metrics.py).

The same tiny route through the Flask test client, three ways, interleaved so that the
machine's load touches each alike: the app as production runs it (JSON request line written,
to /dev/null here, and the metrics counted), the metrics without the line (LOG_LEVEL=WARNING),
and the app with both hooks taken out. Prints the median of ROUNDS rounds of BATCH requests
each, per request in CPU time of the process (the wall clock on a shared machine mostly
measures the other processes), and the differences, which are the hooks' cost.

    .venv/bin/python bench/bench_request_hooks.py
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from webapp import create_app, logging_setup, request_log
from webapp.migrations import upgrade

ROUNDS = 15
BATCH = 300


def make_app(database_url: str, *, log_level: str, hooks: bool):
    app = create_app({"ENV_NAME": "testing", "DATABASE_URL": database_url, "LOG_LEVEL": log_level})

    @app.get("/proba-cost")
    def tiny():
        return "ok"

    if not hooks:
        app.after_request_funcs[None].remove(request_log._observe)
        # Unwrap /metrics (outermost) and the tracer (inside the proxy fix, absent here).
        app.wsgi_app = app.wsgi_app.app.app
    return app


def per_request_us(client) -> float:
    # CPU time of this process: on a shared machine the wall clock mostly measures the others.
    start = time.process_time()
    for _ in range(BATCH):
        client.get("/proba-cost")
    return (time.process_time() - start) / BATCH * 1e6


def main() -> None:
    folder = tempfile.mkdtemp(prefix="bench-hooks-")
    url = f"sqlite:///{folder}/bench.sqlite3"
    upgrade(url)
    sink = open(os.devnull, "w")  # noqa: SIM115 (kept open for the whole run)
    variants = {
        "hooks on, JSON line written": make_app(url, log_level="INFO", hooks=True),
        "hooks on, no line (LOG_LEVEL=WARNING)": make_app(url, log_level="WARNING", hooks=True),
        "hooks off": make_app(url, log_level="WARNING", hooks=False),
    }
    clients = {name: app.test_client() for name, app in variants.items()}
    timings = {name: [] for name in variants}
    for _ in range(ROUNDS):
        for name, client in clients.items():
            app = variants[name]
            logging_setup.configure({**app.config, "LOG_FORMAT": "json"}, stream=sink)
            timings[name].append(per_request_us(client))
    medians = {name: statistics.median(values) for name, values in timings.items()}
    off = medians["hooks off"]
    load = os.getloadavg()
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {ROUNDS} rounds x {BATCH}")
    print("| variant | median CPU per request (µs) | over hooks off (µs) |")
    print("|---|---:|---:|")
    for name, value in medians.items():
        print(f"| {name} | {value:.0f} | {value - off:+.0f} |")


if __name__ == "__main__":
    main()
