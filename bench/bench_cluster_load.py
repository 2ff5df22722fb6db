"""Load on the cluster (scripts/cluster.py): the Locust mix of bench/locust/portal.py run headless
against 1 app instance and then 3, on the same PostgreSQL and Redis servers (our own, started
here, so that other work on the machine's servers neither disturbs nor is disturbed; a fresh
database and an empty Redis for each run); then a third run on 3 instances with one client
flooding PDF downloads (F6); then the CPU each route costs, one request at a time, for the
capacity model.

    .venv/bin/python bench/bench_cluster_load.py [--users 30] [--run-time 45] [--out FILE]

Reported per run: requests per second, p50/p95/p99 and errors (Locust's CSV), and the CPU
seconds each part used (app instances, nginx, PostgreSQL, Redis, Locust itself), so that what
limits the run is visible: on a 2-core machine the load generator and the database share the
cores with the instances, and 3 instances cannot do 3 times the work of one.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "locust"))

import requests  # noqa: E402
from answers import SourceAddress, applicant_answers, csrf_token, life_certificate_answers  # noqa: E402
from people import make_people  # noqa: E402

from scripts.cluster import Cluster  # noqa: E402
from tests.cluster.servers import OwnPostgres, OwnRedis, free_port, tree_cpu_seconds  # noqa: E402

LOCUST = ROOT / ".venv" / "bin" / "locust"
# Short pauses between a person's actions: the run measures what the cluster serves, not how
# long people think.
THINK = "0.1,0.5"
MIX = ["Reader", "Applicant", "LifeCertificate", "StatusChecker", "Citizen", "Clerk"]
# Rate limits stay as in production: every simulated person has an address of their own.
CLUSTER_ENV = {"JOB_CLAIM_LEASE_SECONDS": "300"}


class Servers:
    def __init__(self, work: Path):
        self.postgres = OwnPostgres().init()
        self.postgres.start()
        self.redis = OwnRedis(work / "redis")
        self.redis.start()

    def fresh(self, name: str) -> dict:
        """A new database and an empty Redis: the environment of one run's cluster."""
        subprocess.run(
            ["redis-cli", "-p", str(self.redis.port), "flushall"], check=True, capture_output=True
        )
        return {"DATABASE_URL": self.postgres.url(name), "REDIS_URL": self.redis.url}

    def cpu(self) -> dict:
        return {
            "postgres": tree_cpu_seconds(self.postgres.postmaster_pid()),
            "redis": tree_cpu_seconds(self.redis.process.pid),
        }

    def stop(self):
        self.redis.cleanup()
        self.postgres.cleanup()


def cluster_cpu(cluster, instances: int) -> dict:
    cpu = {"app": sum(tree_cpu_seconds(cluster.instance_pid(i)) for i in range(1, instances + 1))}
    # The cluster keeps nginx's pid with the others (its pid file); no public accessor yet.
    nginx = cluster._pid("nginx")
    cpu["nginx"] = tree_cpu_seconds(nginx) if nginx else 0.0
    cpu["job workers"] = sum(tree_cpu_seconds(cluster.job_worker_pid(j)) for j in (1, 2))
    return cpu


def run_locust(base_url, people_file, classes, users, run_time, csv_prefix) -> None:
    """Runs Locust headless, its statistics in <csv_prefix>_stats.csv."""
    env = os.environ | {"PORTAL_LOAD_PEOPLE": str(people_file), "PORTAL_LOAD_THINK": THINK}
    command = [
        str(LOCUST), "-f", str(ROOT / "bench" / "locust" / "portal.py"), "--headless",
        "--host", base_url, "--users", str(users), "--spawn-rate", str(max(users // 3, 1)),
        "--run-time", f"{run_time}s", "--csv", str(csv_prefix), "--only-summary",
        "--stop-timeout", "10", "--loglevel", "WARNING", *classes,
    ]  # fmt: skip
    with open(f"{csv_prefix}.log", "w") as log:
        subprocess.run(
            command, env=env, stdout=subprocess.DEVNULL, stderr=log, timeout=run_time + 120
        )


def _child_cpu(_process=None) -> float:
    # Locust, once waited for, adds its time to our own children_* fields.
    times = os.times()
    return times.children_user + times.children_system


def read_stats(csv_prefix) -> list[dict]:
    with open(f"{csv_prefix}_stats.csv", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def summary(rows: list[dict], seconds: float, skip=lambda name: False) -> dict:
    """Aggregate of the rows not skipped (Locust's own Aggregated row when nothing is)."""
    chosen = [row for row in rows if row["Name"] != "Aggregated" and not skip(row["Name"])]
    if not any(skip(row["Name"]) for row in rows):
        aggregated = next(row for row in rows if row["Name"] == "Aggregated")
        return {
            "requests": int(aggregated["Request Count"]),
            "errors": int(aggregated["Failure Count"]),
            "rps": float(aggregated["Requests/s"]),
            "p50": float(aggregated["50%"]),
            "p95": float(aggregated["95%"]),
            "p99": float(aggregated["99%"]),
        }
    count = sum(int(row["Request Count"]) for row in chosen)
    # Percentiles of a union are not the weighted mean of percentiles; the worst route's p95
    # and the request-weighted mean are both shown.
    return {
        "requests": count,
        "errors": sum(int(row["Failure Count"]) for row in chosen),
        "rps": count / seconds,
        "p50": _weighted(chosen, "50%"),
        "p95": _weighted(chosen, "95%"),
        "p99": _weighted(chosen, "99%"),
    }


def _weighted(rows, column) -> float:
    total = sum(int(row["Request Count"]) for row in rows)
    return sum(float(row[column]) * int(row["Request Count"]) for row in rows) / max(total, 1)


def one_run(servers, work, name, instances, users, run_time, classes) -> dict:
    env = servers.fresh(name) | CLUSTER_ENV
    port = free_port(instances + 2)
    cluster = Cluster(
        run_dir=work / name, port=port, instances=instances, job_workers=2, env=env, demo=False
    )
    cluster.start(timeout=120)
    try:
        people = make_people(env["DATABASE_URL"], clerks=12, citizens=30)
        people_file = work / f"{name}-people.json"
        people_file.write_text(json.dumps(people), encoding="utf-8")
        before = cluster_cpu(cluster, instances) | servers.cpu()
        locust_before = _child_cpu(None)
        load = os.getloadavg()[0]
        run_locust(cluster.base_url, people_file, classes, users, run_time, work / name)
        after = cluster_cpu(cluster, instances) | servers.cpu()
        cpu = {part: after[part] - before[part] for part in after}
        cpu["locust"] = _child_cpu(None) - locust_before
        result = {
            "name": name,
            "instances": instances,
            "users": users,
            "seconds": run_time,
            "load_before": load,
            "load_after": os.getloadavg()[0],
            "cpu": cpu,
            "rows": read_stats(work / name),
        }
        if instances == 1:
            result["route_costs"] = route_costs(cluster, servers, instances, people)
        return result
    finally:
        cluster.stop()


# --- CPU per request of each route, one request at a time ------------------------------------


def route_costs(cluster, servers, instances, people, repeat=20) -> list[dict]:
    """CPU milliseconds per request (app, PostgreSQL, Redis, nginx) of each route, measured
    alone: `repeat` requests one after another, each part's CPU before and after."""
    base = cluster.base_url
    counter = iter(range(10**6))

    def person() -> requests.Session:
        session = requests.Session()
        n = next(counter)
        session.mount("http://", SourceAddress(f"127.200.{n // 250 % 250 + 1}.{n % 250 + 1}"))
        return session

    def get(session, url):
        response = session.get(base + url, allow_redirects=False)
        assert response.status_code == 200, (url, response.status_code)
        return response

    def post(session, url, data, expect=303):
        response = session.post(base + url, data=data, allow_redirects=False)
        assert response.status_code == expect, (url, response.status_code)
        return response

    def account_journey(session):
        data = applicant_answers()
        for url in (
            "/cont/cerere",
            "/cont/cerere/act-de-identitate",
            "/cont/cerere/adresa",
            "/cont/cerere/contact",
            "/cont/cerere/casa-de-pensii",
        ):
            post(session, url, data | {"csrf_token": csrf_token(get(session, url))})
        token = csrf_token(get(session, "/cont/cerere/persoane"))
        post(session, "/cont/cerere/persoane", {"csrf_token": token, "action": "continue"})
        token = csrf_token(get(session, "/cont/cerere/verificare"))
        sent = post(session, "/cont/cerere/verificare", {"csrf_token": token})
        return sent.headers["Location"].rsplit("/", 1)[1]

    def life_certificate(session):
        token = csrf_token(get(session, "/certificat-de-viata/date"))
        data = life_certificate_answers() | {"csrf_token": token}
        post(session, "/certificat-de-viata/date", data)
        token = csrf_token(get(session, "/certificat-de-viata/verificare"))
        post(session, "/certificat-de-viata/verificare", {"csrf_token": token})

    citizen = person()
    email, password = people["citizens"][0]
    token = csrf_token(get(citizen, "/autentificare"))
    post(citizen, "/autentificare", {"csrf_token": token, "email": email, "password": password})
    applicant = person()
    reference = account_journey(applicant)
    certificate = person()
    life_certificate(certificate)
    status_reference, digits = people["statuses"][0]

    def sign_in_once():
        session = person()
        token = csrf_token(get(session, "/autentificare"))
        post(session, "/autentificare", {"csrf_token": token, "email": email, "password": password})

    def status_once():
        session = person()
        token = csrf_token(get(session, "/stare"))
        data = {"csrf_token": token, "reference": status_reference, "cnp_end": digits}
        post(session, "/stare", data, expect=200)

    cases = [
        ("GET / (home)", 1, lambda: get(person(), "/")),
        (
            "GET /pensie/calcul (calculated)",
            1,
            lambda: get(
                person(), "/pensie/calcul?start_date=01.06.2026&points=30&action=calculate"
            ),
        ),
        (
            "GET /api/v1/pension/estimate",
            1,
            lambda: get(
                person(),
                "/api/v1/pension/estimate?start_date=2025-09-01&contributory_years=36&points=30",
            ),
        ),
        ("GET+POST /stare", 2, status_once),
        ("GET+POST /autentificare (citizen)", 2, sign_in_once),
        ("GET /contul-meu/", 1, lambda: get(citizen, "/contul-meu/")),
        ("account request: 14 pages to submission", 14, lambda: account_journey(person())),
        ("GET account request PDF", 1, lambda: get(applicant, f"/cont/cerere/{reference}.pdf")),
        ("life certificate: 4 pages", 4, lambda: life_certificate(person())),
        (
            "GET life certificate PDF",
            1,
            lambda: get(certificate, "/certificat-de-viata/certificat-de-viata.pdf"),
        ),
    ]
    results = []
    for name, requests_per_case, case in cases:
        case()  # warm: templates compiled, caches as a returning visitor finds them
        before = cluster_cpu(cluster, instances) | servers.cpu()
        started = time.perf_counter()
        for _ in range(repeat):
            case()
        wall = time.perf_counter() - started
        after = cluster_cpu(cluster, instances) | servers.cpu()
        per = 1000 / (repeat * requests_per_case)
        results.append(
            {
                "route": name,
                "requests": repeat * requests_per_case,
                "wall_ms": wall * per,
                **{f"{part}_ms": (after[part] - before[part]) * per for part in after},
            }
        )
    return results


# --- Report -------------------------------------------------------------------------------


def report(runs: list[dict]) -> str:
    lines = ["## Cluster load (bench/bench_cluster_load.py)", ""]
    normal = lambda name: name.startswith("flood")  # noqa: E731
    lines.append(
        "| run | instances | users | requests | errors | req/s | p50 ms | p95 ms | p99 ms | "
        "load avg before/after | CPU s: app / nginx / PostgreSQL / Redis / workers / Locust |"
    )
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
    by_name = {}
    for run in runs:
        figures = summary(run["rows"], run["seconds"], skip=normal)
        by_name[run["name"]] = figures
        cpu = run["cpu"]
        lines.append(
            f"| {run['name']} | {run['instances']} | {run['users']} | {figures['requests']} | "
            f"{figures['errors']} | {figures['rps']:.1f} | {figures['p50']:.0f} | "
            f"{figures['p95']:.0f} | {figures['p99']:.0f} | "
            f"{run['load_before']:.2f} / {run['load_after']:.2f} | "
            f"{cpu['app']:.1f} / {cpu['nginx']:.1f} / {cpu['postgres']:.1f} / "
            f"{cpu['redis']:.1f} / {cpu['job workers']:.1f} / {cpu['locust']:.1f} |"
        )
    if "one" in by_name and "three" in by_name:
        ratio = by_name["three"]["rps"] / max(by_name["one"]["rps"], 1e-9)
        lines += ["", f"Requests per second, 3 instances : 1 = **{ratio:.2f}** (aim ≥ 2.5)."]
    flood = next((run for run in runs if run["name"] == "flood"), None)
    if flood:
        rows = {row["Name"]: row for row in flood["rows"]}
        home = rows.get("/")
        pdf = rows.get("flood: PDF")
        calm = next(run for run in runs if run["name"] == "three")
        calm_home = {row["Name"]: row for row in calm["rows"]}.get("/")
        lines.append("")
        if home and calm_home:
            lines.append(
                f"F6: p95 of the home page `/` with one client flooding PDF downloads: "
                f"**{float(home['95%']):.0f} ms** (same 3 instances without the flood: "
                f"{float(calm_home['95%']):.0f} ms); mix p95 {by_name['flood']['p95']:.0f} ms."
            )
        if pdf:
            lines.append(
                f"The flooder: {pdf['Request Count']} PDF requests, {pdf['Failure Count']} of them "
                f"refused (429 by the download limit counts as refused), "
                f"{float(pdf['Requests/s']):.1f}/s, p50 {float(pdf['50%']):.0f} ms."
            )
    costs = next((run.get("route_costs") for run in runs if run.get("route_costs")), None)
    if costs:
        lines += [
            "",
            "### CPU per request, each route alone (1 instance, one request at a time)",
            "",
            "| route | requests | wall ms | app CPU ms | PostgreSQL CPU ms | Redis CPU ms | "
            "nginx CPU ms |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in costs:
            lines.append(
                f"| {row['route']} | {row['requests']} | {row['wall_ms']:.1f} | "
                f"{row['app_ms']:.1f} | {row['postgres_ms']:.1f} | {row['redis_ms']:.2f} | "
                f"{row['nginx_ms']:.2f} |"
            )
    per_route = ["", "### Per route in the 1- and 3-instance runs (p50 / p95 ms, requests)", ""]
    one = {row["Name"]: row for row in runs[0]["rows"]}
    three = {row["Name"]: row for row in runs[1]["rows"]} if len(runs) > 1 else {}
    per_route.append("| route | 1 instance | 3 instances |")
    per_route.append("|---|---|---|")
    for name, row in one.items():
        other = three.get(name)
        per_route.append(
            f"| {name} | {row['50%']} / {row['95%']} ({row['Request Count']}) | "
            + (f"{other['50%']} / {other['95%']} ({other['Request Count']}) |" if other else "– |")
        )
    return "\n".join(lines + per_route) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--run-time", type=int, default=45)
    parser.add_argument("--out", type=Path, help="also write the report (Markdown) here")
    parser.add_argument("--no-flood", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="portal-load-"))
    servers = Servers(work)
    runs = []
    try:
        runs.append(one_run(servers, work, "one", 1, args.users, args.run_time, MIX))
        runs.append(one_run(servers, work, "three", 3, args.users, args.run_time, MIX))
        if not args.no_flood:
            runs.append(
                one_run(
                    servers, work, "flood", 3, args.users + 1, args.run_time, [*MIX, "PdfFlooder"]
                )
            )
    finally:
        servers.stop()
    text = report(runs)
    print(text)
    (work / "runs.json").write_text(json.dumps(runs, indent=1), encoding="utf-8")
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(f"Locust CSVs and logs: {work}")
    if os.environ.get("PORTAL_LOAD_KEEP") != "1":
        shutil.rmtree(work / "redis", ignore_errors=True)


if __name__ == "__main__":
    main()
