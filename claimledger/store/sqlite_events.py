"""The SQLite side of events (issue 4): events and which claims describe each.

A mixin of ``SQLiteStore``; it uses the store's connection, transactions and error
translation. Claims are named by article, offsets and category, so events survive
a claim's re-insertion with a new row id.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from ..model import Event, Place, When
from .rows import batches

_COLUMNS = ("id, parent_id, type, when_start, when_end, when_text, where_name, where_country, "
            "where_admin1, actors, evidence")


class SQLiteEvents:
    def replace_events(self, events: Iterable[Event]) -> None:
        with self.transaction(), self._errors():
            self._conn.execute("DELETE FROM event_claims")
            self._conn.execute("DELETE FROM events")
            for batch in batches(events):
                self._conn.executemany(
                    f"INSERT INTO events ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(e.id, e.parent, e.type, _iso(e.when.start), _iso(e.when.end), e.when.text,
                      e.where.name, e.where.country, e.where.admin1, json.dumps(list(e.actors)), json.dumps(list(e.evidence)))
                     for e in batch])
                self._conn.executemany(
                    "INSERT OR REPLACE INTO event_claims (event_id, article_id, start_char, end_char, "
                    "category) VALUES (?, ?, ?, ?, ?)",
                    [(e.id, c.article, c.start, c.end, c.category) for e in batch for c in e.claims])

    def events(self) -> list[Event]:
        claims = {(c.article, c.start, c.end, c.category): c for c in self.claims()}
        with self._errors():
            links: dict[str, list] = {}
            for r in self._conn.execute("SELECT event_id, article_id, start_char, end_char, category "
                                        "FROM event_claims ORDER BY article_id, start_char"):
                claim = claims.get((r[1], r[2], r[3], r[4]))
                if claim is not None:  # a claim extracted away since the last rebuild
                    links.setdefault(r[0], []).append(claim)
            # resolve.event_order: parents first, then by date (undated last), then by id
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM events ORDER BY parent_id IS NOT NULL, "
                "COALESCE(when_start, when_end, '9999-12-31'), id").fetchall()
        return [Event(r["id"], r["type"], When(_date(r["when_start"]), _date(r["when_end"]), r["when_text"]),
                      Place(r["where_name"], r["where_country"], r["where_admin1"]), r["parent_id"],
                      tuple(json.loads(r["actors"])), tuple(links.get(r["id"], ())),
                      tuple(json.loads(r["evidence"])))
                for r in rows]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None
