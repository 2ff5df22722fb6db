"""What Python's cyclic garbage collector costs a PDF render, and what the two levers save:
the collector paused during a render (documents.rendering.collector_paused) and the app's own
objects frozen out of its passes (gc.freeze() in wsgi.py, after create_app).

    .venv/bin/python bench/bench_gc_render.py [--runs 9]

Each case runs in a fresh process: the account request with 20 persons and the life certificate's
first render (Italian, nothing reused), one warm-up each, then `runs` renders. CPU time
(time.process_time) per render, median and mean: the collector's big passes come every few
renders, so the median can miss what the mean (the throughput) pays. "gc" is the time spent inside
collector passes (gc.callbacks) per render, mean, including the pass after a paused render that
collects what it left (counted here as gc.collect(0) right after it, in the timed span).

- bench heap: only documents/ imported (about 100,000 tracked objects), as the other benches;
- app: wsgi imported, i.e. create_app and gc.freeze() as in a gunicorn worker (about 210,000
  objects before the freeze); "app, not frozen" undoes the freeze to show what it saves.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CASES = {
    "bench heap, collector running": ("bench", False),
    "bench heap, paused during the render": ("bench", True),
    "app, not frozen, collector running": ("app-unfrozen", False),
    "app (frozen), collector running": ("app", False),
    "app (frozen), paused during the render": ("app", True),
}

CHILD = r"""
import contextlib, datetime as dt, gc, json, os, statistics, sys, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
heap, paused, runs = {heap!r}, {paused!r}, {runs!r}
if heap.startswith("app"):
    import wsgi  # create_app, then gc.freeze()
    if heap == "app-unfrozen":
        gc.unfreeze()
from documents import account_request, life_certificate, rendering
import bench_documents, bench_life_certificate_pdf as lc_bench

if not paused:
    rendering.collector_paused = contextlib.nullcontext
spent = [0.0, 0.0, 0]
def watch(phase, info):
    if phase == "start":
        spent[1] = time.process_time()
    else:
        spent[0] += time.process_time() - spent[1]
        spent[2] += 1
account = account_request.build_context(bench_documents.request_data(20), today=dt.date.today())
certificate = life_certificate.build_context(
    lc_bench.ANSWERS | {{"language": "it"}}, today=lc_bench.TODAY
)
def account_pdf():
    account_request._OUTPUTS._pdf(account)
def certificate_pdf():
    life_certificate.layout_cache_clear()
    life_certificate._render_pdf(certificate)
result = {{"tracked": len(gc.get_objects()), "frozen": gc.get_freeze_count()}}
gc.callbacks.append(watch)
for name, render in (("account request, 20 persons", account_pdf), ("life certificate, first", certificate_pdf)):
    render()
    spent[0], spent[2] = 0.0, 0
    times = []
    for _ in range(runs):
        start = time.process_time()
        render()
        if paused:
            gc.collect(0)  # what the first allocation after the render would set off
        times.append(time.process_time() - start)
    result[name] = {{
        "median_ms": statistics.median(times) * 1000,
        "mean_ms": statistics.fmean(times) * 1000,
        "gc_ms": spent[0] / runs * 1000,
        "passes": spent[2] / runs,
    }}
print(json.dumps(result))
"""


def run_case(heap: str, paused: bool, runs: int) -> dict:
    code = CHILD.format(
        root=str(ROOT), bench=str(ROOT / "bench"), heap=heap, paused=paused, runs=runs
    )
    env = os.environ | {"PORTAL_ENV": os.environ.get("PORTAL_ENV", "development")}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    print(f"{runs} renders per case, CPU time; load average {os.getloadavg()[0]:.2f}")
    print("case | printout | median | mean | in gc | gc passes")
    print("---- | -------- | -----: | ---: | ----: | --------:")
    for label, (heap, paused) in CASES.items():
        result = run_case(heap, paused, runs)
        for printout in ("account request, 20 persons", "life certificate, first"):
            row = result[printout]
            print(
                f"{label} | {printout} | {row['median_ms']:.1f} ms | {row['mean_ms']:.1f} ms"
                f" | {row['gc_ms']:.1f} ms | {row['passes']:.0f}"
            )
    print(f"load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
