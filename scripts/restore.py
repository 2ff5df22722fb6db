"""Restores a dump of scripts/backup.py into a fresh PostgreSQL database, after checking its
SHA-256 against the .sha256 file beside it.

    .venv/bin/python scripts/restore.py DUMP --database-url URL [--create]

The target must be empty (no table in it): a restore never mixes with or overwrites live data.
--create makes the database first (it must not exist). pg_restore runs in one transaction and
stops at the first error, so a failed restore leaves the target empty again. Then point the site
at it (DATABASE_URL) and run `flask db upgrade`, which applies any migration newer than the dump.
Exit status: 0 restored, 1 refused or failed.
"""

import argparse
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from backup import database_name, libpq_url, sha256_of, tool_arguments


class Refused(Exception):
    pass


def verify(dump: Path) -> None:
    checksum = dump.with_name(dump.name + ".sha256")
    if not checksum.exists():
        raise Refused(f"{checksum.name} is missing: the dump cannot be checked.")
    expected = checksum.read_text(encoding="ascii").split()[0]
    if sha256_of(dump) != expected:
        raise Refused(f"{dump.name} does not match its checksum: it is damaged or incomplete.")


def create_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    admin = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database_name(url))))


def tables_in(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as connection:
        return connection.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', "
            "'information_schema')"
        ).fetchone()[0]


def restore(dump: Path, url: str, create: bool = False) -> None:
    url = libpq_url(url)
    verify(dump)
    if create:
        create_database(url)
    elif tables_in(url):
        raise Refused(f"{database_name(url)} is not empty: restore into a fresh database.")
    target, env = tool_arguments(url)
    result = subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            target,
            str(dump),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    if result.returncode != 0:
        raise Refused(f"pg_restore failed: {result.stderr.strip()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", type=Path)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--create", action="store_true", help="create the database first")
    options = parser.parse_args(argv)
    try:
        restore(options.dump, options.database_url, options.create)
    except Refused as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Restored {options.dump.name} into {database_name(libpq_url(options.database_url))}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
