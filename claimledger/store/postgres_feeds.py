"""The PostgreSQL side of outlets and feeds (issue 8).

A mixin of ``PostgresStore``; the SQLite twin is in ``sqlite.py``.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..model import Outlet
from .base import FeedState


class PostgresFeeds:
    def outlets(self) -> list[Outlet]:
        with self._errors():
            rows = self._conn.execute("SELECT domain, name, country, affiliation FROM outlets "
                                      "ORDER BY domain")
            return [Outlet(r["domain"], r["name"], r["country"], r["affiliation"]) for r in rows]

    def add_outlets(self, outlets: Iterable[Outlet]) -> None:
        with self.transaction(), self._errors(), self._conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO outlets (domain, name, country, affiliation) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (domain) DO UPDATE SET name = excluded.name, "
                "country = excluded.country, affiliation = excluded.affiliation",
                [(o.domain, o.name, o.country, o.affiliation) for o in outlets])

    def feed_state(self, url: str) -> FeedState | None:
        with self._errors():
            row = self._conn.execute("SELECT url, etag, modified FROM feeds WHERE url = %s",
                                     (url,)).fetchone()
        return FeedState(row["url"], row["etag"], row["modified"]) if row else None

    def put_feed_state(self, state: FeedState) -> None:
        with self.transaction(), self._errors():
            self._conn.execute(
                "INSERT INTO feeds (url, etag, modified, checked_at) VALUES (%s, %s, %s, now()) "
                "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
                "modified = excluded.modified, checked_at = excluded.checked_at",
                (state.url, state.etag, state.modified))

    def seen_items(self, feed_url: str) -> set[str]:
        with self._errors():
            rows = self._conn.execute("SELECT item_id FROM feed_items WHERE feed_url = %s",
                                      (feed_url,))
            return {r["item_id"] for r in rows}

    def mark_seen(self, feed_url: str, items: Iterable[tuple[str, str | None]]) -> None:
        with self.transaction(), self._errors(), self._conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO feed_items (feed_url, item_id, article_id) VALUES (%s, %s, %s) "
                "ON CONFLICT DO NOTHING", [(feed_url, item, article) for item, article in items])
