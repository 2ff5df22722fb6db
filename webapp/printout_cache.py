"""The printouts' shared cache in Redis (a documents.cache.Store): a file one instance rendered is
served by every other (F6), so a repeated download costs a lookup, wherever the proxy sends it.

What Redis holds, per file, under PRINTOUT_CACHE_PREFIX (by default `printout:`): the file
sealed by documents/cache.py (AES-GCM, with a key derived from the same context: unreadable
without the answers) under `printout:<SHA-256 of the document, its versions and the whole
context>`, for PRINTOUT_CACHE_TTL_SECONDS; and `printout:index`, a sorted set of those names by
the time they were stored, so that no more than PRINTOUT_CACHE_MAX_ENTRIES are kept (the oldest
go first). Files over PRINTOUT_CACHE_MAX_ENTRY_BYTES are not shared: the whole stays under
entries x bytes.

Set up by create_app from PRINTOUT_CACHE_URL (by default REDIS_URL); without it, each process
has only its own LRU. Short socket timeouts and no retries: a download never waits on a Redis
that is down for longer than one timeout (documents/cache.py then leaves it alone for a while).
"""

import time

import redis
from flask import Flask, current_app
from redis.backoff import NoBackoff
from redis.retry import Retry

INDEX = "index"  # never a lookup key: those are 64 hexadecimal digits
EXTENSION = "printout_store"


class RedisStore:
    """Sealed printout files in Redis, each with a time to live, the count bounded."""

    def __init__(
        self,
        client: redis.Redis,
        *,
        prefix: str,
        ttl_seconds: int,
        max_entries: int,
        max_bytes: int,
    ):
        self.client = client
        self.prefix = prefix
        self.index = prefix + INDEX
        self.ttl_seconds = ttl_seconds
        self.max_entries = max_entries
        self.max_bytes = max_bytes

    @classmethod
    def from_url(cls, url: str, *, timeout_seconds: float, **bounds) -> "RedisStore":
        client = redis.Redis.from_url(
            url,
            socket_timeout=timeout_seconds,
            socket_connect_timeout=timeout_seconds,
            retry=Retry(NoBackoff(), 0),
        )
        return cls(client, **bounds)

    def get(self, key: str) -> bytes | None:
        return self.client.get(self.prefix + key)

    def set(self, key: str, value: bytes) -> None:
        if len(value) > self.max_bytes:
            return
        name, now = self.prefix + key, time.time()
        pipe = self.client.pipeline(transaction=True)
        pipe.set(name, value, ex=self.ttl_seconds)
        pipe.zadd(self.index, {name: now})
        # Entries whose time to live has run out are gone from Redis: forget them here too.
        pipe.zremrangebyscore(self.index, "-inf", now - self.ttl_seconds)
        pipe.expire(self.index, self.ttl_seconds)
        pipe.zcard(self.index)
        count = pipe.execute()[-1]
        if count > self.max_entries:
            oldest = self.client.zpopmin(self.index, count - self.max_entries)
            if oldest:
                self.client.delete(*(member for member, _ in oldest))


def init_app(app: Flask) -> None:
    url = app.config.get("PRINTOUT_CACHE_URL")
    app.extensions[EXTENSION] = (
        RedisStore.from_url(
            url,
            timeout_seconds=app.config["PRINTOUT_CACHE_TIMEOUT_SECONDS"],
            prefix=app.config["PRINTOUT_CACHE_PREFIX"],
            ttl_seconds=app.config["PRINTOUT_CACHE_TTL_SECONDS"],
            max_entries=app.config["PRINTOUT_CACHE_MAX_ENTRIES"],
            max_bytes=app.config["PRINTOUT_CACHE_MAX_ENTRY_BYTES"],
        )
        if url
        else None
    )


def store() -> RedisStore | None:
    """This application's shared store, if it has one."""
    return current_app.extensions.get(EXTENSION)
