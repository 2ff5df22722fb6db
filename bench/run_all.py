"""Every benchmark, one after the other (`make bench`).

Each runs as its own process with the repo's .venv python, so that one script's imports, warm
caches or servers cannot colour the next one's figures. Output is streamed as it comes; a
summary of exit statuses closes the run, and the exit status is non-zero if any script failed.

    .venv/bin/python bench/run_all.py [--lighthouse]

--lighthouse adds bench/bench_lighthouse.py (about 10 minutes for 13 pages x 3 runs, and it
needs Chromium): opt-in, so that `make bench` stays as quick as it was. `make bench
BENCH_ARGS=--lighthouse` passes the option through.
"""

import argparse
import subprocess
import sys
import time

from _support import ROOT, markdown_table, venv_tool

BENCH = ROOT / "bench"
# Run in this order; the last two belong to other journeys and may not exist yet.
SCRIPTS = [
    "page_budgets.py",
    "throughput.py",
    "bench_documents.py",
    "bench_pension.py",
    "bench_pension_page.py",
    "bench_career_page.py",
    "bench_password_hash.py",
    "bench_sign_in_timing.py",
    "bench_payment_pdf.py",
    "bench_life_certificate_pdf.py",
    "bench_career_report.py",
    "bench_career_import.py",
    "bench_petitions_queue.py",
    "bench_notifications.py",
]
OPTIONAL = {"bench_documents.py", "bench_pension.py"}
# Only with --lighthouse: slow, and its scores are noisy on a shared machine.
LIGHTHOUSE = "bench_lighthouse.py"
TIMEOUT_SECONDS = 15 * 60
LIGHTHOUSE_TIMEOUT_SECONDS = 45 * 60


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lighthouse", action="store_true", help=f"also run bench/{LIGHTHOUSE}")
    args = parser.parse_args(argv)
    python = venv_tool("python")
    summary = []
    for name in scripts(args.lighthouse):
        path = BENCH / name
        if not path.exists():
            if name not in OPTIONAL:
                summary.append([f"`bench/{name}`", "missing", "–"])
            continue
        print(f"\n# bench/{name}\n", flush=True)
        started = time.monotonic()
        timeout = LIGHTHOUSE_TIMEOUT_SECONDS if name == LIGHTHOUSE else TIMEOUT_SECONDS
        code = run(python, path, timeout)
        status = {0: "ok", None: f"timed out after {timeout} s"}.get(code, f"exit {code}")
        summary.append([f"`bench/{name}`", status, f"{time.monotonic() - started:.0f}"])

    print("\n# Summary\n")
    print(markdown_table(["Script", "Status", "Seconds"], summary, align="llr"))
    return 0 if all(row[1] == "ok" for row in summary) else 1


def scripts(lighthouse: bool) -> list[str]:
    return [*SCRIPTS, LIGHTHOUSE] if lighthouse else SCRIPTS


def run(python: str, path, timeout: int = TIMEOUT_SECONDS) -> int | None:
    """The script's exit status, or None if it ran too long.

    Not subprocess.run: on a timeout or Ctrl-C it SIGKILLs the child, which would leave a
    benchmark's servers running. SIGTERM (or the Ctrl-C the child got too) lets it stop them.
    """
    child = subprocess.Popen([python, str(path)], cwd=ROOT)
    try:
        return child.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.terminate()
        _reap(child)
        return None
    except KeyboardInterrupt:
        _reap(child)
        raise


def _reap(child: subprocess.Popen) -> None:
    try:
        child.wait(timeout=60)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


if __name__ == "__main__":
    sys.exit(main())
