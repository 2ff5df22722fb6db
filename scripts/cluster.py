"""`make cluster`: the production shape on this machine, nginx in front of several app instances
(gunicorn) and job workers, on PostgreSQL and Redis, in PORTAL_ENV=staging.

    .venv/bin/python scripts/cluster.py start [--instances 3] [--job-workers 2] [--port 8080]
                                              [--run-dir instance/cluster] [--no-demo]
    .venv/bin/python scripts/cluster.py stop   [--run-dir instance/cluster]
    .venv/bin/python scripts/cluster.py status [--run-dir instance/cluster]

nginx listens on the port (CLUSTER_PORT, 8080), instance i on port + i. Everything the cluster
keeps (pids, the rendered nginx.conf, logs, the generated SECRET_KEY, nginx's temporary files)
lives in the run dir, so `stop` works from another shell. Tests and benches use the Cluster
class (tests/cluster/). It installs nothing: `make cluster` does that first.
"""

import argparse
import contextlib
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RUN_DIR = ROOT / "instance" / "cluster"
DEFAULT_DATABASE_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/portal_cluster"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
# The form around the files of an upload (the routes add the same to their own limit).
FORM_BYTES = 64 * 1024
# gunicorn's access log of each instance: the path without its query (which may hold a CNP, F10),
# the address nginx passed on and the request id (X-Request-ID, set by nginx).
ACCESS_LOG_FORMAT = (
    '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms '
    "forwarded_for=%({x-forwarded-for}i)s request_id=%({x-request-id}i)s"
)
# Seconds a process has after SIGTERM before it gets SIGKILL.
STOP_GRACE = 8.0


class ClusterError(RuntimeError):
    pass


class Cluster:
    def __init__(
        self,
        run_dir: Path | str = DEFAULT_RUN_DIR,
        port: int = 8080,
        instances: int = 3,
        job_workers: int = 2,
        env: dict[str, str] | None = None,
        demo: bool = True,
        workers_per_instance: int = 2,
    ):
        self.run_dir = Path(run_dir).resolve()
        self.port = port
        self.instances = instances
        self.job_workers = job_workers
        self.demo = demo
        self.workers_per_instance = workers_per_instance
        self.given_env = dict(env or {})
        # The processes this object started, to reap them (the others are found by pid file).
        self._children: dict[str, subprocess.Popen] = {}

    # --- where things are

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def instance_port(self, i: int) -> int:
        return self.port + i

    @property
    def logs(self) -> Path:
        return self.run_dir / "logs"

    def log_paths(self) -> list[Path]:
        return sorted(path for path in self.logs.glob("*.log") if path.is_file())

    # --- the whole cluster

    def start(self, timeout: float = 60) -> "Cluster":
        """Migrates the database (created if missing), loads the demo data if asked, starts the
        instances, the job workers and nginx, and returns once /readyz answers 200 through nginx."""
        deadline = time.monotonic() + timeout
        running = [name for name in self._pid_names() if self._alive(name)]
        if running:
            raise ClusterError(
                f"A cluster is already running from {self.run_dir} ({', '.join(running)}): "
                "stop it first (make cluster-stop)."
            )
        self._check_ports_free()
        for folder in ("logs", "pids", "tmp"):
            (self.run_dir / folder).mkdir(parents=True, exist_ok=True)
        env = self.environment()
        create_database_if_missing(env["DATABASE_URL"])
        self._flask(env, "db", "upgrade", log="migrate.log")
        if self.demo:
            self._flask(env, "demo", "load", log="demo-load.log")
        try:
            for i in range(1, self.instances + 1):
                self.start_instance(i, wait=False)
            for j in range(1, self.job_workers + 1):
                self.start_job_worker(j)
            for i in range(1, self.instances + 1):
                self._wait_ready(
                    f"http://127.0.0.1:{self.instance_port(i)}", f"instance-{i}", deadline
                )
            self._start_nginx()
            self._wait_ready(self.base_url, "nginx", deadline)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """SIGTERM to every process group the cluster started, then SIGKILL to what is left."""
        names = self._pid_names()
        for name in names:
            self._signal(name, signal.SIGTERM)
        end = time.monotonic() + STOP_GRACE
        while time.monotonic() < end and any(self._alive(name) for name in names):
            self._reap()
            time.sleep(0.1)
        for name in names:
            if self._alive(name):
                self._signal(name, signal.SIGKILL)
        for name in names:
            self._wait_gone(name, 5)
            self._pid_file(name).unlink(missing_ok=True)

    def status(self) -> dict[str, int | None]:
        """Every process the run dir knows of: its pid, or None if it is not running."""
        return {
            name: (self._pid(name) if self._alive(name) else None) for name in self._pid_names()
        }

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()

    # --- one process at a time (for the fault tests)

    def instance_pid(self, i: int) -> int | None:
        return self._pid(f"instance-{i}") if self._alive(f"instance-{i}") else None

    def kill_instance(self, i: int, sig: int = signal.SIGKILL) -> None:
        """The instance's whole process group: its gunicorn arbiter and workers."""
        self._signal(f"instance-{i}", sig)
        if sig in (signal.SIGKILL, signal.SIGTERM):
            self._wait_gone(f"instance-{i}", STOP_GRACE)

    def start_instance(self, i: int, wait: bool = True, timeout: float = 30) -> int:
        name = f"instance-{i}"
        command = [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--config",
            str(GUNICORN_CONFIG),
            "--bind",
            f"127.0.0.1:{self.instance_port(i)}",
            "--workers",
            str(self.workers_per_instance),
            "--access-logfile",
            str(self.logs / f"{name}-access.log"),
            "--access-logformat",
            ACCESS_LOG_FORMAT,
            "--error-logfile",
            "-",
        ]
        pid = self._spawn(name, command, self.environment())
        if wait:
            self._wait_ready(
                f"http://127.0.0.1:{self.instance_port(i)}", name, time.monotonic() + timeout
            )
        return pid

    def job_worker_pid(self, j: int) -> int | None:
        return self._pid(f"worker-{j}") if self._alive(f"worker-{j}") else None

    def kill_job_worker(self, j: int, sig: int = signal.SIGKILL) -> None:
        self._signal(f"worker-{j}", sig)
        if sig in (signal.SIGKILL, signal.SIGTERM):
            self._wait_gone(f"worker-{j}", STOP_GRACE)

    def start_job_worker(self, j: int) -> int:
        command = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi", "worker"]
        return self._spawn(f"worker-{j}", command, self.environment())

    # --- configuration

    def environment(self) -> dict[str, str]:
        """What every process of the cluster runs with: the caller's environment (SMTP_*,
        PORTAL_* and the other settings pass through), then staging behind this nginx."""
        env = {**os.environ, **self.given_env}
        env.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
        env.setdefault("REDIS_URL", DEFAULT_REDIS_URL)
        env.setdefault("SECRET_KEY", self._secret_key())
        env.update(
            PORTAL_ENV=self.given_env.get("PORTAL_ENV", "staging"),
            PUBLIC_BASE_URL=self.given_env.get("PUBLIC_BASE_URL", self.base_url),
            # nginx on this machine is the one proxy whose X-Forwarded-For is believed (F16).
            PROXY_COUNT="1",
            TRUSTED_PROXIES="127.0.0.1",
            PYTHONUNBUFFERED="1",
        )
        # gunicorn reads this as its worker count; the command line sets it anyway.
        env.pop("WEB_CONCURRENCY", None)
        return env

    def nginx_conf(self) -> str:
        servers = "\n".join(
            f"        server 127.0.0.1:{self.instance_port(i)} max_fails=1 fail_timeout=5s;"
            for i in range(1, self.instances + 1)
        )
        brotli = BROTLI_MODULE.exists()
        values = {
            "LOAD_MODULES": f"load_module {BROTLI_MODULE};" if brotli else "# (no brotli module)",
            # Run as root (this machine's containers), nginx would hand its workers to `nobody`,
            # who cannot read a private run dir; they run as whoever runs the cluster instead.
            "USER": f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else "",
            "BROTLI_STATIC": "brotli_static on;" if brotli else "",
            "RUN_DIR": str(self.run_dir),
            "PORT": str(self.port),
            "SERVERS": servers,
            "MAX_BODY": str(largest_body_bytes()),
            "STATIC_DIR": str(ROOT / "static"),
            "ERRORS_DIR": str(ROOT / "deploy" / "errors"),
        }
        text = NGINX_TEMPLATE.read_text(encoding="utf-8")
        for name, value in values.items():
            text = text.replace("{{" + name + "}}", value)
        if "{{" in text:
            raise ClusterError(f"{NGINX_TEMPLATE} names a value the script does not fill in.")
        return text

    # --- internals

    def _secret_key(self) -> str:
        path = self.run_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48), encoding="ascii")
            path.chmod(0o600)
        return path.read_text(encoding="ascii").strip()

    def _check_ports_free(self) -> None:
        import socket

        for port in [self.port, *(self.instance_port(i) for i in range(1, self.instances + 1))]:
            with socket.socket() as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    probe.bind(("127.0.0.1", port))
                except OSError:
                    raise ClusterError(
                        f"Port {port} on 127.0.0.1 is taken: choose another with CLUSTER_PORT "
                        f"(nginx uses the port, instance i the port + i)."
                    ) from None

    def _flask(self, env: dict[str, str], *args: str, log: str) -> None:
        log_path = self.logs / log
        with log_path.open("wb") as out:
            done = subprocess.run(
                [str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi", *args],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
        if args[0] == "demo":
            log_path.chmod(0o600)  # it lists the demo staff's passwords
        if done.returncode != 0:
            raise ClusterError(f"flask {' '.join(args)} failed:\n{tail(log_path)}")

    def _start_nginx(self) -> None:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise ClusterError(
                "nginx is not installed: `make cluster` installs it (apt-get install nginx)."
            )
        conf = self.run_dir / "nginx.conf"
        conf.write_text(self.nginx_conf(), encoding="utf-8")
        error_log = str(self.logs / "nginx-error.log")
        prefix = str(self.run_dir) + "/"
        checked = subprocess.run(
            [nginx, "-t", "-q", "-p", prefix, "-e", error_log, "-c", str(conf)],
            capture_output=True,
            text=True,
            check=False,
        )
        if checked.returncode != 0:
            raise ClusterError(f"nginx refuses {conf}:\n{checked.stderr}")
        self._spawn("nginx", [nginx, "-p", prefix, "-e", error_log, "-c", str(conf)], os.environ)

    def _spawn(self, name: str, command: list[str], env) -> int:
        if self._alive(name):
            raise ClusterError(f"{name} is already running (pid {self._pid(name)}).")
        with (self.logs / f"{name}.log").open("ab") as out:
            # A session of its own: the process and its children are one group, killed together.
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._children[name] = process
        self._pid_file(name).write_text(f"{process.pid} {start_time(process.pid)}\n")
        return process.pid

    def _wait_ready(self, base_url: str, name: str, deadline: float) -> None:
        while True:
            try:
                with urllib.request.urlopen(base_url + "/readyz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            self._reap()
            if not self._alive(name):
                raise ClusterError(
                    f"{name} stopped while starting:\n{tail(self.logs / f'{name}.log')}"
                )
            if time.monotonic() > deadline:
                raise ClusterError(
                    f"{name} was not ready at {base_url}/readyz in time:\n"
                    f"{tail(self.logs / f'{name}.log')}"
                )
            time.sleep(0.1)

    def _pid_file(self, name: str) -> Path:
        return self.run_dir / "pids" / f"{name}.pid"

    def _pid_names(self) -> list[str]:
        folder = self.run_dir / "pids"
        return sorted(path.stem for path in folder.glob("*.pid")) if folder.is_dir() else []

    def _pid(self, name: str) -> int | None:
        """The pid from the pid file, if that process is still the one the cluster started
        (same start time: a pid reused by another process is never signalled)."""
        try:
            pid, started = self._pid_file(name).read_text().split()
        except (OSError, ValueError):
            return None
        return int(pid) if start_time(int(pid)) == started else None

    def _alive(self, name: str) -> bool:
        self._reap()
        pid = self._pid(name)
        return pid is not None and process_state(pid) not in (None, "Z", "X")

    def _signal(self, name: str, sig: int) -> None:
        pid = self._pid(name)
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, sig)

    def _wait_gone(self, name: str, seconds: float) -> None:
        end = time.monotonic() + seconds
        while self._alive(name) and time.monotonic() < end:
            time.sleep(0.05)
        process = self._children.pop(name, None)
        if process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=1)

    def _reap(self) -> None:
        for process in self._children.values():
            process.poll()


def largest_body_bytes() -> int:
    """The largest request body any route accepts; each route sets its own limit in the app,
    nginx's must not be lower than the largest of them."""
    from webapp.config import Config
    from webapp.counter.petitions import ANSWER_BODY_LIMIT
    from webapp.petitions.views import UPLOAD_BODY_LIMIT

    return max(
        Config.MAX_CONTENT_LENGTH,
        UPLOAD_BODY_LIMIT,  # a petition with its attachments
        ANSWER_BODY_LIMIT,  # the counter's answer to one
        2 * Config.QES_UPLOAD_MAX_BYTES + FORM_BYTES,  # the signed request and its annex
        2 * Config.LIFE_CERTIFICATE_UPLOAD_MAX_BYTES + FORM_BYTES,  # both sides
    )


def create_database_if_missing(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from webapp.config import normalise_database_url

    target = make_url(normalise_database_url(url))
    if not target.drivername.startswith("postgresql"):
        raise ClusterError(
            f"DATABASE_URL must be PostgreSQL for the cluster (several processes share it), "
            f"not {target.drivername}."
        )
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            found = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
            ).scalar()
            if not found:
                quoted = connection.dialect.identifier_preparer.quote(target.database)
                connection.execute(text(f"CREATE DATABASE {quoted}"))
    finally:
        engine.dispose()


def start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (/proc/<pid>/stat, field 22)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rpartition(")")[2].split()[19]


def process_state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return None


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"({path} is missing)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("start", "stop", "status"):
        command = commands.add_parser(name)
        command.add_argument("--run-dir", type=Path, default=DEFAULT_RUN_DIR)
        if name == "start":
            command.add_argument("--instances", type=int, default=3)
            command.add_argument("--job-workers", type=int, default=2)
            command.add_argument(
                "--port", type=int, default=int(os.environ.get("CLUSTER_PORT") or 8080)
            )
            command.add_argument("--workers-per-instance", type=int, default=2)
            command.add_argument("--no-demo", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "start":
        cluster = Cluster(
            run_dir=args.run_dir,
            port=args.port,
            instances=args.instances,
            job_workers=args.job_workers,
            demo=not args.no_demo,
            workers_per_instance=args.workers_per_instance,
        )
        try:
            cluster.start()
        except ClusterError as error:
            print(f"Eroare: {error}", file=sys.stderr)
            return 1
        if cluster.demo:
            print((cluster.logs / "demo-load.log").read_text(encoding="utf-8"))
        print(f"Portal pensii (cluster): {cluster.base_url}")
        for name, pid in cluster.status().items():
            print(f"  {name}: pid {pid}")
        print(f"Jurnale: {cluster.logs}. Oprire: make cluster-stop")
        return 0
    cluster = Cluster(run_dir=args.run_dir)
    if args.command == "stop":
        cluster.stop()
        print(f"Cluster oprit ({cluster.run_dir}).")
        return 0
    for name, pid in cluster.status().items():
        print(f"{name}: {'pid ' + str(pid) if pid else 'oprit'}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
