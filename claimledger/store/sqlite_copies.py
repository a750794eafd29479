"""The SQLite side of copy detection (issue 3): the LSH index and the copied passages.

A mixin of ``SQLiteStore``; it uses the store's connection, transactions and
error translation. The index lives in the database (each article's band keys in
``copy_indexed.keys``), so new articles are checked against everything stored
before without re-indexing it.
"""
from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Collection, Iterable, Iterator, Sequence

from ..model import Copy, Passage

_TODO = ("SELECT a.id FROM articles a LEFT JOIN copy_indexed i ON i.seq = a.seq "
         "WHERE (i.seq IS NULL OR i.content_hash != a.content_hash) {among} ORDER BY a.seq")
_COPIES = ("SELECT c.first_article, c.first_start, c.first_end, c.copy_article, c.copy_start, "
           "c.copy_end, c.similarity, "
           "substr(a.text, c.first_start + 1, c.first_end - c.first_start) AS text "
           "FROM copies c JOIN articles a ON a.id = c.first_article ")


class SQLiteCopies:
    def copy_index_todo(self, among: Collection[str] | None = None) -> list[str]:
        with self._errors():
            if among is None:
                return [r[0] for r in self._conn.execute(_TODO.format(among=""))]
            sql = _TODO.format(among="AND a.id IN (SELECT value FROM json_each(?))")
            return [r[0] for r in self._conn.execute(sql, (json.dumps(list(among)),))]

    def copy_index(self) -> Iterator[tuple[str, int, bytes]]:
        with self._errors():
            rows = self._conn.execute(
                "SELECT a.id, a.seq, i.keys FROM copy_indexed i JOIN articles a ON a.seq = i.seq "
                "WHERE i.content_hash = a.content_hash ORDER BY a.seq")
            for r in rows:
                yield r[0], r[1], r[2]

    def put_copy_keys(self, article_id: str, keys: Iterable[int]) -> None:
        blob = array("q", sorted(set(keys)))
        if sys.byteorder == "big":
            blob.byteswap()  # stored little-endian
        with self.transaction(), self._errors():
            self._conn.execute(
                "INSERT OR REPLACE INTO copy_indexed (seq, content_hash, keys) "
                "SELECT seq, content_hash, ? FROM articles WHERE id = ?",
                (blob.tobytes(), article_id))

    def ingest_order(self, ids: Iterable[str]) -> dict[str, int]:
        with self._errors():
            rows = self._conn.execute("SELECT id, seq FROM articles WHERE id IN "
                                      "(SELECT value FROM json_each(?))", (json.dumps(list(ids)),))
            return {r[0]: r[1] for r in rows}

    def replace_copies(self, article_id: str, copies: Sequence[Copy]) -> None:
        with self.transaction(), self._errors():
            self._conn.execute("DELETE FROM copies WHERE first_article = ? OR copy_article = ?",
                               (article_id, article_id))
            self._conn.executemany(
                "INSERT INTO copies (first_article, first_start, first_end, copy_article, "
                "copy_start, copy_end, similarity) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(c.first.article, c.first.start, c.first.end, c.copy.article, c.copy.start,
                  c.copy.end, c.similarity) for c in copies])

    def copies(self, article: str | None = None) -> Iterator[Copy]:
        where, params = "", ()
        if article is not None:
            where, params = "WHERE c.first_article = ? OR c.copy_article = ? ", (article, article)
        with self._errors():
            rows = self._conn.execute(
                _COPIES + where + "ORDER BY c.first_article, c.first_start, c.copy_article, "
                "c.copy_start", params)
            for r in rows:
                yield Copy(Passage(r[0], r[1], r[2]), Passage(r[3], r[4], r[5]), r[7], r[6])
