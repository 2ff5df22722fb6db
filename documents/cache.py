"""The one cache of rendered printout files, shared by every document.

People download the PDF, then the Word file, then the PDF again after printing fails; a PDF costs
about a hundred milliseconds of CPU. The bytes are kept in a small LRU inside the process (each
worker has its own): bounded in entries, so the personal data it holds is a few dozen recent
printouts at most, and gone at restart. At up to about 100 KB a file, 64 entries stay under 7 MB.

The key is a SHA-256 of the document's name, the kind of file, the whole context and the
modification times of the files that shape the output (templates, stylesheet, translations), so
that an edited template is never served stale. Only someone holding the same answers can produce
the same key, so nobody gets someone else's file.
"""

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path

ENTRIES = 64
_files: OrderedDict[str, bytes] = OrderedDict()
_lock = threading.Lock()
_stats = {"hits": 0, "misses": 0}


def rendered(
    document: str,
    kind: str,
    context: dict,
    render: Callable[[dict], bytes],
    *,
    sources: Iterable[Path],
) -> bytes:
    """The file of `kind` for `context`, from the cache or from `render(context)` once."""
    found = key(document, kind, context, sources)
    with _lock:
        body = _files.get(found)
        if body is not None:
            _files.move_to_end(found)
            _stats["hits"] += 1
            return body
        _stats["misses"] += 1
    # Rendered outside the lock: two identical first requests may both render; same bytes.
    body = render(context)
    with _lock:
        _files[found] = body
        _files.move_to_end(found)
        while len(_files) > ENTRIES:
            _files.popitem(last=False)
    return body


def key(document: str, kind: str, context: dict, sources: Iterable[Path]) -> str:
    stamps = [str(path.stat().st_mtime_ns) for path in sources if path.exists()]
    payload = json.dumps(
        [document, kind, stamps, context], sort_keys=True, ensure_ascii=False, default=_bytes
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _bytes(value) -> str:
    # A context may carry an image (the account request's QR code as PNG).
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"Not a context value: {type(value).__name__}")


def info() -> dict[str, int]:
    with _lock:
        return {**_stats, "size": len(_files), "max_size": ENTRIES}


def clear() -> None:
    with _lock:
        _files.clear()
        _stats.update(hits=0, misses=0)
