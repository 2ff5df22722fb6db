"""The cluster of `make cluster` (scripts/cluster.py), started for real: nginx, three gunicorn
instances and two job workers on a PostgreSQL database of its own (created and dropped here) and
Redis db 11, on free ports, in a run dir under tmp_path, so that parallel runs never meet.

One cluster, one test: starting it is the cost (about 10 s on an idle machine), and the checks
are in the order a fault changes what comes after (the killed instance last, then `stop`)."""

import json
import os
import random
import re
import shutil
import signal
import socket
from pathlib import Path

import pytest
import redis
import requests
from requests.adapters import HTTPAdapter
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from scripts.cluster import ROOT, Cluster, largest_body_bytes

pytestmark = pytest.mark.cluster

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/11"
INSTANCES = 3


def reachable(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return False
    return True


def free_port_block(size: int) -> int:
    """A port p with p .. p + size - 1 all free on loopback (nginx, then the instances)."""
    for _ in range(200):
        base = random.randrange(20000, 60000 - size)
        sockets = []
        try:
            for port in range(base, base + size):
                probe = socket.socket()
                sockets.append(probe)
                probe.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for probe in sockets:
                probe.close()
    raise RuntimeError("no block of free ports")


@pytest.fixture
def cluster_database():
    if not reachable("127.0.0.1", 5432):
        pytest.skip("the cluster test needs PostgreSQL at 127.0.0.1:5432")
    name = f"cluster_{os.getpid()}"
    engine = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    yield make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture
def cluster(tmp_path, cluster_database):
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        pytest.skip("nginx is not installed (make test installs it: APT_TEST)")
    if not reachable("127.0.0.1", 6379):
        pytest.skip("the cluster test needs Redis at 127.0.0.1:6379")
    cluster = Cluster(
        run_dir=tmp_path / "cluster",
        port=free_port_block(INSTANCES + 1),
        instances=INSTANCES,
        job_workers=2,
        env={"DATABASE_URL": cluster_database, "REDIS_URL": REDIS_URL},
        demo=False,
        # One worker each: three instances must fit on two shared cores within the budget.
        workers_per_instance=1,
    )
    try:
        cluster.start(timeout=90)
        yield cluster
    finally:
        cluster.stop()


class SourceAddress(HTTPAdapter):
    """Connects from another loopback address (all of 127/8 is this machine), so that the
    client's address and nginx's own (127.0.0.1) can be told apart."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def client_from(address: str) -> requests.Session:
    session = requests.Session()
    session.mount("http://", SourceAddress(address))
    return session


def raw_request(port: int, head: str) -> tuple[int, dict[str, str], bytes]:
    """Sends only the head (a Content-Length with no body, a line too long for requests) and
    reads the answer by its Content-Length: nginx may keep the connection a while for a body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(head.encode("ascii"))
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += connection.recv(65536)
        header_block, _, body = answer.partition(b"\r\n\r\n")
        status_line, *lines = header_block.decode("latin-1").split("\r\n")
        headers = {name.lower(): value for name, value in (line.split(": ", 1) for line in lines)}
        while len(body) < int(headers["content-length"]):
            body += connection.recv(65536)
    return int(status_line.split()[1]), headers, body


def upstreams(cluster: Cluster) -> list[str]:
    log = (cluster.logs / "nginx-access.log").read_text()
    return re.findall(r"upstream=(127\.0\.0\.1:\d+)", log)


def instance_logs(cluster: Cluster) -> str:
    return "".join(
        (cluster.logs / f"instance-{i}-access.log").read_text() for i in range(1, INSTANCES + 1)
    )


def group_members(pgids: set[int]) -> set[int]:
    members = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) in pgids and fields[0] not in ("Z", "X"):
            members.add(int(stat.parent.name))
    return members


def test_the_cluster_serves_through_nginx_and_outlives_a_killed_instance(cluster):
    base, http = cluster.base_url, requests.Session()

    # A page, through nginx, from an app in staging (plain http: no Secure cookie).
    page = http.get(base + "/")
    assert page.status_code == 200 and "text/html" in page.headers["Content-Type"]
    assert page.headers["Server"] == "nginx"
    assert "Secure" not in page.headers.get("Set-Cookie", "")

    # Slow clients (F17): more half-sent requests than the instances have workers; nginx holds
    # them, the instances never see them, and a page still answers at once.
    slow = [socket.create_connection(("127.0.0.1", cluster.port)) for _ in range(2 * INSTANCES)]
    for connection in slow:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    assert http.get(base + "/", timeout=5).status_code == 200
    for connection in slow:
        connection.close()

    # Every instance answers: nginx's log names the upstream of each request.
    for _ in range(5 * INSTANCES):
        assert http.get(base + "/").status_code == 200
    ports = {f"127.0.0.1:{cluster.instance_port(i)}" for i in range(1, INSTANCES + 1)}
    assert set(upstreams(cluster)) == ports

    # Static files: from nginx, compressed, a year under their hashed names.
    css = re.search(r'href="(/static/css/site-[0-9a-f]{32}\.css)"', page.text).group(1)
    static = http.get(base + css, headers={"Accept-Encoding": "gzip"})
    assert static.status_code == 200 and static.headers["Content-Encoding"] == "gzip"
    assert static.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert static.headers["Content-Type"] == "text/css; charset=utf-8"
    assert static.content == (ROOT / css.lstrip("/")).read_bytes()
    plain = http.get(base + "/static/css/site.css", headers={"Accept-Encoding": "gzip"})
    assert plain.headers["Cache-Control"] == "no-cache"
    assert "/static/" not in instance_logs(cluster)
    # A file that is not there: the app's own page, not nginx's.
    missing = http.get(base + "/static/css/nu-exista.css")
    assert missing.status_code == 404 and "Pagina nu a fost găsită" in missing.text

    # Liveness for anyone; readiness (which names what failed) for this machine only.
    assert http.get(base + "/healthz").json() == {"status": "ok"}
    ready = http.get(base + "/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "redis": "ok"}
    outsider = (
        f"127.{random.randrange(1, 255)}.{random.randrange(1, 255)}.{random.randrange(2, 255)}"
    )
    assert client_from(outsider).get(base + "/readyz").status_code == 403
    assert "Set-Cookie" not in ready.headers

    # A body over the largest the app accepts: nginx answers 413 without reading it.
    too_big = largest_body_bytes() + 1
    status, headers, body = raw_request(
        cluster.port,
        f"POST / HTTP/1.1\r\nHost: 127.0.0.1:{cluster.port}\r\nContent-Length: {too_big}\r\n\r\n",
    )
    assert status == 413 and "prea mari" in body.decode()
    status, headers, body = raw_request(
        cluster.port,
        f"POST /api/v1/pension/net HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {too_big}\r\n\r\n",
    )
    assert status == 413 and headers["content-type"].startswith("application/json")

    # A request line longer than 8 KB on the API: 414, in the API's JSON.
    query = "&".join(f"x{n}=1234567890" for n in range(800))
    status, headers, body = raw_request(
        cluster.port,
        f"GET /api/v1/pension/net?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    )
    assert status == 414 and headers["content-type"].startswith("application/json")
    assert "prea lungă" in json.loads(body)["error"]["message"]
    status, headers, body = raw_request(
        cluster.port,
        f"GET /?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    )
    assert status == 414 and headers["content-type"].startswith("text/html")

    # The address the app counts (its rate limit, 20 a minute on /verificare) is the client's
    # own: a forged X-Forwarded-For changes nothing, and another client has its own count.
    limited = base + "/verificare"
    first = client_from(outsider).get(limited, headers={"X-Forwarded-For": "10.9.8.7"})
    second = client_from(outsider).get(limited, headers={"X-Forwarded-For": "10.1.2.3"})
    other = client_from(outsider.rsplit(".", 1)[0] + ".1").get(limited)
    assert int(first.headers["X-RateLimit-Remaining"]) - 1 == int(
        second.headers["X-RateLimit-Remaining"]
    )
    assert other.headers["X-RateLimit-Remaining"] == first.headers["X-RateLimit-Remaining"]
    keys = [key.decode() for key in redis.Redis.from_url(REDIS_URL).scan_iter(f"*{outsider}*")]
    assert keys, "the limit is counted under the client's address"
    assert "forwarded_for=10." not in instance_logs(cluster)

    # A request id reaches the instance: the client's own, or nginx's.
    http.get(base + "/", headers={"X-Request-ID": "proba-cluster-0001"})
    http.get(base + "/", headers={"X-Request-ID": "no\tgood"})
    assert "request_id=proba-cluster-0001" in instance_logs(cluster)
    assert re.search(r"request_id=[0-9a-f]{32}\b", instance_logs(cluster))

    # A form posted through nginx to every instance in turn: one instance's CSRF token and
    # session cookie are good on the others (one SECRET_KEY, state in PostgreSQL and Redis).
    browser = requests.Session()
    form = browser.get(base + "/autentificare")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form.text).group(1)
    before = len(upstreams(cluster))
    # Until every instance has answered one: an instance marked failed a moment ago by a step
    # above (max_fails=1) is skipped for fail_timeout, so three posts may not reach all three.
    # A new address each time: five failures of one (address, e-mail) pair would slow it down.
    for attempt in range(3 * INSTANCES):
        if len(set(upstreams(cluster)[before:])) == INSTANCES:
            break
        answer = browser.post(
            base + "/autentificare",
            data={
                "csrf_token": token,
                "email": f"nimeni{attempt}@example.ro",
                "password": "Gresit-12345678",
            },
        )
        assert answer.status_code == 200, answer.status_code
        assert "Adresa de e-mail sau parola nu sunt corecte." in answer.text
    assert len(set(upstreams(cluster)[before:])) == INSTANCES

    # kill -9 of one instance: every GET still answers, nginx passes them to the others.
    killed = cluster.instance_pid(1)
    cluster.kill_instance(1, signal.SIGKILL)
    assert cluster.instance_pid(1) is None
    answers = [http.get(base + "/").status_code for _ in range(12)]
    assert answers == [200] * 12
    restarted = cluster.start_instance(1)
    assert restarted != killed and cluster.instance_pid(1) == restarted

    # stop: nothing the cluster started is left, workers of the instances included.
    groups = {pid for pid in cluster.status().values() if pid}
    assert len(groups) == INSTANCES + 2 + 1
    members = group_members(groups)
    assert len(members) > len(groups)  # gunicorn's workers, nginx's workers

    # No instance left: nginx says so itself, in JSON on the API and in Romanian elsewhere.
    for i in range(1, INSTANCES + 1):
        cluster.kill_instance(i, signal.SIGKILL)
    api = http.get(base + "/api/v1/pension/net?gross=4467&date=2024-10-01")
    assert api.status_code == 502 and "nu răspunde" in api.json()["error"]["message"]
    down = http.get(base + "/")
    assert down.status_code == 502 and "Portalul nu răspunde acum" in down.text
    # From the run dir alone, as `make cluster-stop` in another shell.
    Cluster(run_dir=cluster.run_dir).stop()
    assert group_members(groups) == set()
    assert cluster.status() == {}
    assert not reachable("127.0.0.1", cluster.port)
