"""Shared by the bench scripts: paths, a throwaway migrated database, compression, tables."""

import gzip
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
KIB = 1024

try:
    import brotli
except ImportError:  # optional: reported when present, never a dependency
    brotli = None


def venv_tool(name: str) -> str:
    path = VENV_BIN / name
    if not path.exists():
        sys.exit(f"{path} is missing; run `make install` first.")
    return str(path)


def app_env(database_url: str) -> dict:
    env = os.environ.copy()
    env.update(PORTAL_ENV="development", DATABASE_URL=database_url)
    return env


def migrate(database_url: str) -> None:
    """Through the same CLI as `make run`, so the bench sees the schema a deployment gets."""
    result = subprocess.run(
        [venv_tool("flask"), "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=app_env(database_url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        sys.exit(f"flask db upgrade failed:\n{result.stdout}{result.stderr}")


def gzip_size(data: bytes) -> int:
    # Level 6 is nginx's and most servers' usual setting; mtime=0 keeps the figure reproducible.
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def brotli_size(data: bytes) -> int | None:
    # Quality 6 is ngx_brotli's default for on-the-fly compression.
    return len(brotli.compress(data, quality=6)) if brotli else None


def markdown_table(header: list[str], rows: list[list], align: str = "") -> str:
    """align: one letter per column, l or r; numbers read best right-aligned."""
    align = align or "l" + "r" * (len(header) - 1)
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---:" if a == "r" else "---" for a in align) + "|")
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
