"""Both backends' side of issue 17, the queries written once with the dialect as data
(its placeholder, and how it takes times and dates): watch's per-item state, a feed's
own failures, and removing outlets.

Mixins of ``SQLiteStore`` and ``PostgresStore``; they use the store's connection,
transactions and error translation.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from .base import FeedItem

_COLUMNS = ("feed_url", "item_id", "article_id", "seen_at", "state", "attempts", "next_try",
            "reason", "link", "title", "published", "summary")
_UPDATED = [c for c in _COLUMNS if c not in ("feed_url", "item_id", "seen_at")]


class FeedsOutlets:
    _param = "%s"  # the driver's placeholder

    @staticmethod
    def _value(value):
        """What the driver stores for a date or time (PostgreSQL: the object itself)."""
        return value

    def open_items(self, feed_url: str) -> list[FeedItem]:
        p = self._param
        with self._errors():
            rows = self._conn.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM feed_items WHERE feed_url = {p} "
                "AND state IN ('seen', 'pending') ORDER BY seen_at, item_id", (feed_url,))
            return [_item(r) for r in rows]

    def put_items(self, items: Iterable[FeedItem]) -> None:
        p, now = self._param, datetime.now(UTC)
        updates = ", ".join(f"{c} = excluded.{c}" for c in _UPDATED)
        with self.transaction(), self._errors():
            for i in items:
                self._conn.execute(
                    f"INSERT INTO feed_items ({', '.join(_COLUMNS)}) VALUES "
                    f"({', '.join([p] * len(_COLUMNS))}) "
                    f"ON CONFLICT (feed_url, item_id) DO UPDATE SET {updates}",
                    (i.feed, i.key, i.article, self._value(now), i.state, i.attempts,
                     self._value(i.next_try), i.reason, i.link, i.title,
                     self._value(i.published), i.summary))

    def remove_outlets(self, domains: Iterable[str]) -> int:
        with self.transaction(), self._errors():
            return sum(self._conn.execute(f"DELETE FROM outlets WHERE domain = {self._param}",
                                          (d,)).rowcount for d in domains)

    def clear_feed_failure(self, url: str) -> None:
        with self.transaction(), self._errors():
            self._conn.execute(f"DELETE FROM failures WHERE origin = {self._param} "
                               "AND line IS NULL", (url,))


class SQLiteFeedsOutlets(FeedsOutlets):
    _param = "?"

    @staticmethod
    def _value(value):
        return value.isoformat() if isinstance(value, (date, datetime)) else value


def _item(r) -> FeedItem:
    published, next_try = r["published"], r["next_try"]
    if isinstance(published, str):
        published = date.fromisoformat(published)
    if isinstance(next_try, str):
        next_try = datetime.fromisoformat(next_try)
    return FeedItem(r["feed_url"], r["item_id"], r["link"], r["title"], published,
                    r["summary"] or "", r["state"], r["attempts"], next_try, r["reason"],
                    r["article_id"])
