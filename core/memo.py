"""A bounded map of answers kept by a worker process between requests (see accounts.access and
core.versions for what is kept and for how long it stays right)."""

from __future__ import annotations

import threading

from django.db import connections


class BoundedMemo:
    """Answers by key, emptied all at once when full: entries of old tokens or versions are dead weight,
    and a full map means many users, for whom recomputing once each is cheap.

    `limit` counts entries; `size` (optional) tells how much an answer weighs (rows, say), and `budget`
    bounds their sum, for maps whose answers may be long lists."""

    def __init__(self, limit: int, *, size=None, budget: int | None = None):
        self.limit, self.size, self.budget = limit, size, budget
        self._entries: dict = {}
        self._weight = 0
        self._lock = threading.Lock()

    def get(self, key):
        return self._entries.get(key)

    def put(self, key, value) -> None:
        weight = self.size(value) if self.size else 0
        with self._lock:
            if len(self._entries) >= self.limit or (self.budget is not None and self._weight + weight > self.budget):
                self._entries.clear()
                self._weight = 0
            self._entries[key] = value
            self._weight += weight


def may_keep(using: str = "default") -> bool:
    """Only what was read outside a transaction block is kept: inside one, a request could read its own
    writes that are later rolled back (and the test suite, which runs each test in a transaction, keeps
    nothing unless a test asks for a transactional database)."""
    return not connections[using].in_atomic_block


__all__ = ["BoundedMemo", "may_keep"]
