"""A backup of the site's PostgreSQL database: one pg_dump in custom format, its SHA-256 beside
it, and only the newest N dumps kept.

pg_dump is consistent by itself: it reads every table inside one REPEATABLE READ transaction,
so the dump is the database as it was at one instant, even while the site keeps writing; no
lock stops the site (only schema changes wait for it). Nothing else needs to be paused.

    .venv/bin/python scripts/backup.py [--database-url URL] [--dir backups] [--keep 14]

DATABASE_URL (the app's own setting, postgresql+psycopg://… accepted) is the default URL. The
dump is written as <dir>/portal-<database>-<UTC time>.dump (for example
portal-portal-20261204T203000Z.dump), first under a .partial name and renamed only once it and
its checksum are complete, so a dump cut short is never taken for a good one; the checksum is
<dump>.sha256, in the format `sha256sum -c` reads. Prints the dump's path. Exit status: 0 done,
1 pg_dump failed (nothing is deleted then).
"""

import argparse
import datetime as dt
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_KEEP = 14
NAME = re.compile(r"^portal-(?P<db>.+)-(?P<at>\d{8}T\d{6}Z)\.dump$")


def libpq_url(url: str) -> str:
    """SQLAlchemy's postgresql+psycopg://… as the postgresql://… that libpq reads."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.split("+")[0] not in ("postgresql", "postgres"):
        raise SystemExit("A PostgreSQL URL is needed (postgresql://… or postgresql+psycopg://…).")
    return "postgresql://" + rest


def tool_arguments(url: str) -> tuple[str, dict]:
    """The URL for pg_dump or pg_restore without its password, which goes in PGPASSWORD instead:
    a command line is visible to every user of the machine (ps), the environment is not."""
    from sqlalchemy.engine import make_url

    parsed = make_url(libpq_url(url))
    env = os.environ.copy()
    if parsed.password is not None:
        env["PGPASSWORD"] = str(parsed.password)
    # URL.set() treats None as "unchanged": the tuple itself is replaced.
    return parsed._replace(password=None).render_as_string(hide_password=False), env


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/") or "postgres"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup(url: str, directory: Path, keep: int, now: dt.datetime | None = None) -> Path:
    url = libpq_url(url)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    final = directory / f"portal-{database_name(url)}-{stamp}.dump"
    if final.exists():
        raise RuntimeError(f"{final} exists already: one backup a second at most.")
    partial = final.with_name(final.name + ".partial")
    target, env = tool_arguments(url)
    result = subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "--file", str(partial), "--dbname", target],
        capture_output=True,
        text=True,
        env=env,
    )
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        # pg_dump's own message; it never contains the password of the URL.
        raise RuntimeError(f"pg_dump failed: {result.stderr.strip()}")
    checksum = final.with_name(final.name + ".sha256")
    checksum.write_text(f"{sha256_of(partial)}  {final.name}\n", encoding="ascii")
    os.replace(partial, final)
    prune(directory, database_name(url), keep)
    return final


def prune(directory: Path, database: str, keep: int) -> list[Path]:
    """Deletes all but the `keep` newest dumps of this database (and their checksums)."""
    dumps = sorted(
        (
            path
            for path in directory.iterdir()
            if (m := NAME.match(path.name)) and m["db"] == database
        ),
        key=lambda path: NAME.match(path.name)["at"],
    )
    removed = dumps[: max(0, len(dumps) - keep)]
    for path in removed:
        path.unlink()
        path.with_name(path.name + ".sha256").unlink(missing_ok=True)
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--dir", type=Path, default=Path(os.environ.get("BACKUP_DIR", "backups")))
    parser.add_argument(
        "--keep", type=int, default=int(os.environ.get("BACKUP_KEEP", DEFAULT_KEEP))
    )
    options = parser.parse_args(argv)
    if not options.database_url:
        parser.error("give --database-url or set DATABASE_URL")
    if options.keep < 1:
        parser.error("--keep must be at least 1")
    try:
        path = backup(options.database_url, options.dir, options.keep)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
