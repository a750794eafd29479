"""`claimledger events`, `claimledger event ID`, `claimledger trace ID`, `claimledger export events`:
thin commands."""
from __future__ import annotations

import json
import sys
from datetime import date

import click

from ..cli_common import DB_HELP, open_db
from ..errors import ClaimledgerError
from ..model import CATEGORIES
from . import export
from .typology import table


def _load(db, rebuild_first: bool = False):
    """The stored events and their context; built from the claims when none are stored."""
    from .rebuild import context, rebuild
    with open_db(db) as store:
        found = store.events()
        if rebuild_first or (not found and store.count_claims()):
            found = store.events() if rebuild(store) else []
        return found, context(store)


def _since(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise ClaimledgerError(f"--since {value!r} is not a date; write it as YYYY-MM-DD") from None


@click.command("events")
@click.option("--country", help="Only events in this country (ISO code, e.g. IR).")
@click.option("--since", help="Only events that end on or after this date (YYYY-MM-DD).")
@click.option("--type", "type_", type=click.Choice(sorted(table()["types"])), help="Only events of this type.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--rebuild", is_flag=True, help="Gather the stored claims into events again first.")
@click.option("--db", help=DB_HELP)
def events_command(country, since, type_, fmt, rebuild, db):
    """Events gathered from the stored claims: what happened, when, where, part of what.

    Events are built at the end of every ingest; --rebuild builds them again.
    """
    found, ctx = _load(db, rebuild)
    start = _since(since)
    found = [e for e in found
             if (not country or (e.where.country or "").upper() == country.upper())
             and (not type_ or e.type == type_)
             and (not start or (e.when.end or e.when.start or date.max) >= start)]
    {"json": lambda: export.write_json(found, ctx, sys.stdout),
     "csv": lambda: export.write_csv(found, ctx, sys.stdout),
     "table": lambda: export.write_table(found, sys.stdout)}[fmt]()


@click.command("event")
@click.argument("event_id")
@click.option("--db", help=DB_HELP)
def event_command(event_id, db):
    """One event with every figure side by side: who gave it, when, and how many voices."""
    found, ctx = _load(db)
    match = [e for e in found if e.id == event_id or e.id == f"ev-{event_id}"]
    if not match:
        raise ClaimledgerError(f"no event {event_id!r}; `claimledger events` lists their ids")
    export.write_side_by_side(match[0], ctx, sys.stdout)


@click.command("events")
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "geojson", "jsonl"]), default="jsonl",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: standard output).")
@click.option("--db", help=DB_HELP)
def export_events(fmt, output, db):
    """Every event as ACLED-like CSV (fatalities = the most conservative sourced figure,
    notes = every other figure with its source), GeoJSON or JSON Lines."""
    found, ctx = _load(db)
    write = {"acled-csv": export.write_acled, "geojson": export.write_geojson, "jsonl": export.write_jsonl}[fmt]
    if not output:
        write(found, ctx, sys.stdout)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as out:
            n = write(found, ctx, out)
    except OSError as e:
        raise ClaimledgerError(f"{output}: cannot write ({e.strerror}); check the folder exists") from None
    click.echo(f"wrote {n} events to {output}", err=True)


@click.command("trace")
@click.argument("event_id")
@click.option("--category", type=click.Choice(CATEGORIES), help="Only figures of this category.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--db", help=DB_HELP)
def trace_command(event_id, category, fmt, db):
    """Where each figure of an event came from: who first said it, who relayed it, which
    mentions are copies, and which state it on their own after it was credited to a sayer."""
    from .rebuild import rebuild
    from .trace import trace
    with open_db(db) as store:
        if not store.events() and store.count_claims():
            rebuild(store)
        found = trace(store, event_id, category)
    if fmt == "json":
        json.dump([g.to_record() for g in found], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        export.write_trace(found, sys.stdout)


def register(main: click.Group, export_group: click.Group) -> None:
    main.add_command(events_command)
    main.add_command(event_command)
    main.add_command(trace_command)
    export_group.add_command(export_events)
