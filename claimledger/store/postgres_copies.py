"""The PostgreSQL side of copy detection (issue 3): the LSH index and the copied passages.

A mixin of ``PostgresStore``, the twin of ``sqlite_copies.SQLiteCopies``; it uses
the store's connection (dict rows), transactions and error translation.
"""
from __future__ import annotations

import sys
from array import array
from collections.abc import Collection, Iterable, Iterator, Sequence

from ..model import Copy, Passage

_TODO = ("SELECT a.id FROM articles a LEFT JOIN copy_indexed i ON i.seq = a.seq "
         "WHERE (i.seq IS NULL OR i.content_hash != a.content_hash) {among} ORDER BY a.seq")
_COPIES = ("SELECT c.first_article, c.first_start, c.first_end, c.copy_article, c.copy_start, "
           "c.copy_end, c.similarity, "
           "substr(a.text, (c.first_start + 1)::int, (c.first_end - c.first_start)::int) AS text "
           "FROM copies c JOIN articles a ON a.id = c.first_article ")


class PostgresCopies:
    def copy_index_todo(self, among: Collection[str] | None = None) -> list[str]:
        with self._errors():
            if among is None:
                return [r["id"] for r in self._conn.execute(_TODO.format(among=""))]
            sql = _TODO.format(among="AND a.id = ANY(%s)")
            return [r["id"] for r in self._conn.execute(sql, (list(among),))]

    def copy_index(self) -> Iterator[tuple[str, int, bytes]]:
        sql = ("SELECT a.id, a.seq, i.keys FROM copy_indexed i JOIN articles a ON a.seq = i.seq "
               "WHERE i.content_hash = a.content_hash ORDER BY a.seq")
        for r in self._stream(sql, ()):
            yield r["id"], r["seq"], bytes(r["keys"])

    def put_copy_keys(self, article_id: str, keys: Iterable[int]) -> None:
        blob = array("q", sorted(set(keys)))
        if sys.byteorder == "big":
            blob.byteswap()  # stored little-endian
        with self.transaction(), self._errors():
            self._conn.execute(
                "INSERT INTO copy_indexed (seq, content_hash, keys) "
                "SELECT seq, content_hash, %s FROM articles WHERE id = %s "
                "ON CONFLICT (seq) DO UPDATE SET content_hash = excluded.content_hash, "
                "keys = excluded.keys", (blob.tobytes(), article_id))

    def ingest_order(self, ids: Iterable[str]) -> dict[str, int]:
        with self._errors():
            rows = self._conn.execute("SELECT id, seq FROM articles WHERE id = ANY(%s::text[])",
                                      (list(ids),))
            return {r["id"]: r["seq"] for r in rows}

    def replace_copies(self, article_id: str, copies: Sequence[Copy]) -> None:
        with self.transaction(), self._errors(), self._conn.cursor() as cursor:
            cursor.execute("DELETE FROM copies WHERE first_article = %s OR copy_article = %s",
                           (article_id, article_id))
            cursor.executemany(
                "INSERT INTO copies (first_article, first_start, first_end, copy_article, "
                "copy_start, copy_end, similarity) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(c.first.article, c.first.start, c.first.end, c.copy.article, c.copy.start,
                  c.copy.end, c.similarity) for c in copies])

    def copies(self, article: str | None = None) -> Iterator[Copy]:
        where, params = "", ()
        if article is not None:
            where, params = "WHERE c.first_article = %s OR c.copy_article = %s ", (article, article)
        sql = (_COPIES + where + "ORDER BY c.first_article, c.first_start, c.copy_article, "
               "c.copy_start")
        for r in self._stream(sql, params):
            yield Copy(Passage(r["first_article"], r["first_start"], r["first_end"]),
                       Passage(r["copy_article"], r["copy_start"], r["copy_end"]),
                       r["text"], r["similarity"])
