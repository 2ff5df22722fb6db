"""The one cache of rendered printout files, shared by every document and every instance.

People download the PDF, then the Word file, then the PDF again after printing fails, and behind
a proxy each request may reach another instance; a PDF costs about a hundred milliseconds of CPU.
Two levels:

- a small LRU inside the process (each worker has its own), bounded in entries: at up to about
  100 KB a file, 64 entries stay under 7 MB, and they are gone at restart;
- behind it, a store shared by all instances (webapp/printout_cache.py wires Redis in; without
  it, as in `make run` and the tests, the LRU works alone). A file is stored there sealed:
  encrypted and authenticated (AES-GCM) with a key derived from the same context as its lookup
  key, so the store holds no readable personal data and nothing in it can be read or altered
  into a file without the answers it was made from. The store's failures never fail a download:
  the file is rendered and served, a warning logged, and the store left alone for a while.

The lookup key is a SHA-256 of the document's name, the kind of file, the whole context and the
versions of what shapes the output (documents/versions.py: the contents of the templates,
stylesheet and translations, and the renderer itself), so that an edited template is never
served stale. Only someone holding the same answers can produce the same key, so nobody gets
someone else's file.
"""

import hashlib
import json
import logging
import os
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from documents import versions

log = logging.getLogger(__name__)

ENTRIES = 64
# After a failure of the shared store this process renders without it for this long, so that
# an outage costs one timeout now and then rather than one on every download.
PAUSE_SECONDS = 30
SEALED = b"pc1"  # the format of a sealed file: this, a 12-byte nonce, the AES-GCM ciphertext
_NONCE_BYTES = 12

_files: OrderedDict[str, bytes] = OrderedDict()
_lock = threading.Lock()
_stats = {"hits": 0, "shared_hits": 0, "misses": 0, "shared_errors": 0}
_paused: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class Store(Protocol):
    """Sealed files shared by all instances, by lookup key (webapp/printout_cache.py: Redis).
    Either method may raise; the cache treats any error as the store being unavailable."""

    def get(self, key: str) -> bytes | None: ...

    def set(self, key: str, value: bytes) -> None: ...


_store: ContextVar[Store | None] = ContextVar("printout_store", default=None)


@contextmanager
def shared_by(store: Store | None) -> Iterator[None]:
    """Within the block, files are also looked up in and kept in `store` (None: the LRU alone)."""
    token = _store.set(store)
    try:
        yield
    finally:
        _store.reset(token)


def rendered(
    document: str,
    kind: str,
    context: dict,
    render: Callable[[dict], bytes],
    *,
    sources: Iterable[Path],
) -> bytes:
    """The file of `kind` for `context`, from a cache or from `render(context)` once."""
    material = _material(document, kind, context, sources)
    found = _key(material)
    with _lock:
        body = _files.get(found)
        if body is not None:
            _files.move_to_end(found)
            _stats["hits"] += 1
            return body
    store = _usable(_store.get())
    body = _fetch(store, found, material) if store is not None else None
    if body is not None:
        _count("shared_hits")
    else:
        _count("misses")
        # Rendered outside the lock: two identical first requests may both render; same bytes.
        body = render(context)
        if _usable(store) is not None:  # not if the read just failed
            _keep(store, found, material, body)
    with _lock:
        _files[found] = body
        _files.move_to_end(found)
        while len(_files) > ENTRIES:
            _files.popitem(last=False)
    return body


def key(document: str, kind: str, context: dict, sources: Iterable[Path]) -> str:
    return _key(_material(document, kind, context, sources))


def _material(document: str, kind: str, context: dict, sources: Iterable[Path]) -> bytes:
    payload = [document, kind, versions.of(sources), context]
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=_bytes)
    return text.encode("utf-8")


def _key(material: bytes) -> str:
    return hashlib.sha256(b"printout key\0" + material).hexdigest()


def _secret(material: bytes) -> bytes:
    # Another hash of the same material: knowing a lookup key (a store's listing) gives nothing.
    return hashlib.sha256(b"printout secret\0" + material).digest()


def _bytes(value) -> str:
    # A context may carry an image (the account request's QR code as PNG).
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"Not a context value: {type(value).__name__}")


def seal(material: bytes, found: str, body: bytes) -> bytes:
    nonce = os.urandom(_NONCE_BYTES)
    return SEALED + nonce + AESGCM(_secret(material)).encrypt(nonce, body, found.encode())


def unseal(material: bytes, found: str, value: bytes) -> bytes | None:
    """The file, or None if `value` is not a file sealed for this key and material."""
    if not value.startswith(SEALED):
        return None
    nonce = value[len(SEALED) : len(SEALED) + _NONCE_BYTES]
    try:
        return AESGCM(_secret(material)).decrypt(
            nonce, value[len(SEALED) + _NONCE_BYTES :], found.encode()
        )
    except InvalidTag:
        return None


def _usable(store: Store | None) -> Store | None:
    if store is None or _paused.get(store, 0.0) > time.monotonic():
        return None
    return store


def _fetch(store: Store, found: str, material: bytes) -> bytes | None:
    try:
        value = store.get(found)
    except Exception as error:  # whatever the store: a cache must never fail the download
        _failed(store, "read", error)
        return None
    if value is None:
        return None
    body = unseal(material, found, value)
    if body is None:
        # Not ours (a collision, a tampered or half-written entry): rendered afresh instead.
        log.warning("Printout cache: an entry did not open with its key; rendering afresh")
    return body


def _keep(store: Store, found: str, material: bytes, body: bytes) -> None:
    try:
        store.set(found, seal(material, found, body))
    except Exception as error:
        _failed(store, "write", error)


def _failed(store: Store, action: str, error: Exception) -> None:
    _count("shared_errors")
    _paused[store] = time.monotonic() + PAUSE_SECONDS
    log.warning(
        "Printout cache: shared store %s failed (%s: %s); rendering without it for %d s",
        action,
        type(error).__name__,
        error,
        PAUSE_SECONDS,
    )


def _count(name: str) -> None:
    with _lock:
        _stats[name] += 1


def info() -> dict[str, int]:
    with _lock:
        return {**_stats, "size": len(_files), "max_size": ENTRIES}


def clear() -> None:
    """Empties this process's LRU and its counters (never the shared store)."""
    with _lock:
        _files.clear()
        _stats.update(dict.fromkeys(_stats, 0))
    _paused.clear()
