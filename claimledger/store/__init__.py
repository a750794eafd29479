"""Where articles, claims and failures are kept: one Store interface, SQLite or PostgreSQL behind it.

    with open_store("claims.db") as store:
        store.put_article(article)
        store.replace_claims(article.id, claims)

    pages = open_store("claims.db", read_only=True)   # every write fails with a StoreError
"""
from __future__ import annotations

import os
import re

from ..errors import StoreError
from .base import Store
from .sqlite import SQLiteStore

__all__ = ["Store", "SQLiteStore", "open_store"]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def open_store(db: str | os.PathLike, *, migrate: bool = True, create: bool = True,
               read_only: bool = False) -> Store:
    """Open the store at ``db`` (a file path for SQLite, a ``postgresql://`` URL for
    PostgreSQL) and, unless told not to,
    bring its schema up to date (pass ``migrate=False`` to report migrations yourself).
    With ``create=False`` a missing SQLite file is an error, not a new empty database.

    ``read_only=True`` opens an existing, migrated store for reading only (SQLite in
    ``mode=ro``, PostgreSQL sessions with ``default_transaction_read_only``): it neither
    creates nor migrates, and any write raises a StoreError that says so."""
    if read_only:
        migrate, create = False, False
    target = os.fsdecode(os.fspath(db))
    if target.startswith(("postgresql://", "postgres://")):
        store = _postgres(target, read_only)
    elif _URL.match(target):
        raise StoreError(f"unknown database URL {target!r}; use a file path for SQLite "
                         "or a postgresql://user@host/dbname URL")
    elif not create and not os.path.exists(target):
        raise StoreError(f"no database at {target}: run `claimledger ingest PATH` first, "
                         "or point --db (or CLAIMLEDGER_DB) at an existing one")
    else:
        store = SQLiteStore(target, read_only=read_only)
    if migrate:
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
    return store


def _postgres(url: str, read_only: bool) -> Store:
    # imported here so that SQLite users never load psycopg
    try:
        from .postgres import PostgresStore
    except ImportError as error:
        raise StoreError(f"the PostgreSQL backend needs psycopg ({error}); "
                         "install it with: pip install 'psycopg[binary]'") from None
    return PostgresStore(url, read_only=read_only)
