"""What a rendered file depends on besides its context: the contents of the files that shape it
and the renderer itself, as digests that are the same on every machine.

The printouts' cache (documents/cache.py) is shared by every instance of the site, so its keys
must not depend on anything local to one machine: not a modification time (each checkout has its
own), not a path (/srv/portal here, /work/main there). A digest of a file's contents is computed
once for each version of the file (its size and modification time tell when it changed, so an
edited template is a new key at once); the renderer's digest once per process.
"""

import hashlib
import threading
from functools import cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# The libraries whose output is the file: a new version may lay it out or write it differently.
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "docxtpl", "python-docx", "segno", "jinja2")

_digests: dict[tuple[Path, int, int], str] = {}
_lock = threading.Lock()


def of(paths) -> str:
    """One digest of the contents of `paths`, in order, and of the renderer (renderer())."""
    parts = [renderer(), *(file_digest(Path(path)) for path in paths)]
    return hashlib.sha256("\n".join(parts).encode("ascii")).hexdigest()


def file_digest(path: Path) -> str:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return "absent"
    version = (path, stat.st_size, stat.st_mtime_ns)
    with _lock:
        found = _digests.get(version)
    if found is None:
        found = hashlib.sha256(path.read_bytes()).hexdigest()
        with _lock:
            _digests[version] = found
    return found


@cache
def renderer() -> str:
    """The code that turns a context into a file: this package's modules, the libraries' versions
    and the font files the printouts are set in (two machines with different fonts installed lay
    the same printout out differently, so they must not share its file)."""
    from documents import rendering  # here, not at the top: rendering imports WeasyPrint

    parts = [f"{name} {_version(name)}" for name in LIBRARIES]
    code = sorted(PACKAGE.rglob("*.py"))
    parts += [f"{path.relative_to(PACKAGE)} {file_digest(path)}" for path in code]
    parts += [file_digest(Path(font)) for font in rendering.font_files()]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"
