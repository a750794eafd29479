"""The PostgreSQL side of events (issue 4): events and which claims describe each.

A mixin of ``PostgresStore``, the twin of ``sqlite_events.SQLiteEvents``. Claims are
named by article, offsets and category, so events survive a claim's re-insertion.
"""
from __future__ import annotations

import json
from collections.abc import Iterable

from ..model import Event, Place, When
from .rows import batches

_COLUMNS = ("id, parent_id, type, when_start, when_end, when_text, where_name, where_country, "
            "where_admin1, actors, evidence")


class PostgresEvents:
    def replace_events(self, events: Iterable[Event]) -> None:
        with self.transaction(), self._errors(), self._conn.cursor() as cursor:
            cursor.execute("DELETE FROM event_claims")
            cursor.execute("DELETE FROM events")
            for batch in batches(events):
                cursor.executemany(
                    f"INSERT INTO events ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    [(e.id, e.parent, e.type, e.when.start, e.when.end, e.when.text,
                      e.where.name, e.where.country, e.where.admin1, json.dumps(list(e.actors)), json.dumps(list(e.evidence)))
                     for e in batch])
                # a claim named twice belongs to the last event naming it (SQLite's OR REPLACE)
                cursor.executemany(
                    "INSERT INTO event_claims (event_id, article_id, start_char, end_char, category) "
                    "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (article_id, start_char, end_char, "
                    "category) DO UPDATE SET event_id = excluded.event_id",
                    [(e.id, c.article, c.start, c.end, c.category) for e in batch for c in e.claims])

    def events(self) -> list[Event]:
        claims = {(c.article, c.start, c.end, c.category): c for c in self.claims()}
        with self._errors():
            links: dict[str, list] = {}
            for r in self._conn.execute(
                    "SELECT event_id, article_id, start_char, end_char, category FROM event_claims "
                    "ORDER BY article_id, start_char, end_char, category"):
                claim = claims.get((r["article_id"], r["start_char"], r["end_char"], r["category"]))
                if claim is not None:  # a claim extracted away since the last rebuild
                    links.setdefault(r["event_id"], []).append(claim)
            # resolve.event_order: parents first, then by date (undated last), then by id
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM events ORDER BY parent_id IS NOT NULL, "
                "COALESCE(when_start, when_end, DATE '9999-12-31'), id COLLATE \"C\"").fetchall()
        return [Event(r["id"], r["type"], When(r["when_start"], r["when_end"], r["when_text"]),
                      Place(r["where_name"], r["where_country"], r["where_admin1"]), r["parent_id"],
                      tuple(json.loads(r["actors"])), tuple(links.get(r["id"], ())),
                      tuple(json.loads(r["evidence"])))
                for r in rows]
