"""Servers of our own for the cluster tests and the load bench, on free loopback ports: a
PostgreSQL cluster made with initdb (so a test may stop and restart it; the machine's PostgreSQL
is never touched), a redis-server, and free ports. Each lives in a directory of its own, so that
pytest-xdist workers and a bench running beside them never share one."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psutil

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_USER = "postgres"


def free_port(count: int = 1) -> int:
    """A port p such that p … p+count-1 are all free on 127.0.0.1 now (the cluster takes its
    port and the next ones for its instances)."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + count > 65000:
            continue
        if all(_port_free(base + offset) for offset in range(count)):
            return base
    raise RuntimeError(f"no {count} consecutive free ports on 127.0.0.1")


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_for_port(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def _run_as_postgres(*args: str, **kwargs) -> subprocess.CompletedProcess:
    command = [str(arg) for arg in args]
    if os.geteuid() == 0:
        # initdb and postgres refuse to run as root.
        command = ["runuser", "-u", PG_USER, "--", *command]
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return result


class OwnPostgres:
    """A PostgreSQL 15 cluster in a fresh directory of /tmp (the postgres user must reach it, and
    pytest's tmp_path is private to root), listening on 127.0.0.1:`port` only, trust auth for
    loopback. `url(name)` gives the psycopg URL of a fresh database of that name."""

    def __init__(self, port: int | None = None):
        self.directory = Path(tempfile.mkdtemp(prefix="portal-pg-"))
        self.directory.chmod(0o755)
        self.data = self.directory / "data"
        self.port = port or free_port()
        self.log = self.directory / "postgres.log"

    def init(self) -> "OwnPostgres":
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.directory, PG_USER, PG_USER)
        _run_as_postgres(
            PG_BIN / "initdb",
            "-D",
            self.data,
            "-U",
            PG_USER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            # Loopback only, a socket directory of its own, and quick to start and stop.
            conf.write(
                f"listen_addresses = '127.0.0.1'\nport = {self.port}\n"
                f"unix_socket_directories = '{self.directory}'\nmax_connections = 200\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "shared_buffers = 64MB\n"
            )
        return self

    def start(self) -> None:
        _run_as_postgres(
            PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "30", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        with contextlib.suppress(RuntimeError):
            _run_as_postgres(PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def restart(self) -> None:
        _run_as_postgres(
            PG_BIN / "pg_ctl", "-D", self.data, "-m", "fast", "-l", self.log, "-w", "restart"
        )

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def url(self, name: str) -> str:
        self.create_database(name)
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{name}"

    def create_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={PG_USER} dbname=postgres", autocommit=True
        ) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')

    def cleanup(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


class OwnRedis:
    """A redis-server on 127.0.0.1:`port`, no persistence, its files in `directory`."""

    def __init__(self, directory: Path, port: int | None = None):
        self.directory = Path(directory)
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--logfile",
                str(self.directory / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) of a process and all its descendants, including those that
    exited and were waited for (their time is in their parent's children_* fields)."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            times = process.cpu_times()
            total += times.user + times.system + times.children_user + times.children_system
    return total
