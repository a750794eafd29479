"""Both backends keep the same tables, column by column: a query written once in
store/base.py finds in each the columns it names, of a matching kind, NULL allowed
or not alike. The differences are only those listed here, each for a reason."""
from __future__ import annotations

from claimledger.store import open_store

# (table, column): only one backend has it, and why
ONLY_POSTGRESQL = {
    ("articles", "search"),  # the tsvector of full-text search (SQLite: the FTS5 table)
    ("events", "seq"),  # an identity column from 0006; nothing reads it
}
ONLY_SQLITE_TABLES = {"articles_fts", "articles_fts_config", "articles_fts_data",
                      "articles_fts_docsize", "articles_fts_idx", "sqlite_sequence"}
# SQLite's declared type -> the PostgreSQL types it stands for
KINDS = {
    "TEXT": {"text", "date", "timestamp with time zone"},
    "INTEGER": {"integer", "bigint"},
    "REAL": {"double precision", "real"},
    "BLOB": {"bytea"},
}


def _sqlite_columns(path) -> dict[tuple[str, str], tuple[str, bool]]:
    with open_store(path) as store:
        tables = [r["name"] for r in store._conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {(t, c["name"]): (c["type"].upper(), not c["notnull"] and not c["pk"])
                for t in tables if t not in ONLY_SQLITE_TABLES
                for c in store._conn.execute(f"PRAGMA table_info({t})")}


def _postgres_columns(url) -> dict[tuple[str, str], tuple[str, bool]]:
    with open_store(url) as store:
        rows = store._conn.execute(
            "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
            "WHERE table_schema = current_schema()")
        return {(r["table_name"], r["column_name"]): (r["data_type"], r["is_nullable"] == "YES")
                for r in rows}


def test_both_backends_have_the_same_columns_of_matching_kinds(tmp_path, pg_url):
    lite, pg = _sqlite_columns(tmp_path / "c.db"), _postgres_columns(pg_url)
    assert set(pg) - set(lite) == ONLY_POSTGRESQL
    assert set(lite) - set(pg) == set()
    for column, (kind, nullable) in sorted(lite.items()):
        pg_kind, pg_nullable = pg[column]
        assert pg_kind in KINDS[kind], (column, kind, pg_kind)
        assert nullable == pg_nullable, column
