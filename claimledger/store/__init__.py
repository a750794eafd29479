"""Where articles, claims and failures are kept: one Store interface, SQLite behind it.

    with open_store("claims.db") as store:
        store.put_article(article)
        store.replace_claims(article.id, claims)
"""
from __future__ import annotations

import os
import re

from ..errors import StoreError
from .base import Store
from .sqlite import SQLiteStore

__all__ = ["Store", "SQLiteStore", "open_store"]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def open_store(db: str | os.PathLike, *, migrate: bool = True) -> Store:
    """Open the store at ``db`` (a file path for SQLite) and, unless told not to,
    bring its schema up to date (pass ``migrate=False`` to report migrations yourself)."""
    target = os.fsdecode(os.fspath(db))
    if target.startswith(("postgresql://", "postgres://")):
        raise StoreError("the PostgreSQL backend is not available yet; "
                         "use a file path for SQLite")
    if _URL.match(target):
        raise StoreError(f"unknown database URL {target!r}; use a file path for SQLite")
    store = SQLiteStore(target)
    if migrate:
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
    return store
