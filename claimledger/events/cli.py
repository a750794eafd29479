"""`claimledger events`, `claimledger event ID`, `claimledger trace ID`: thin commands
(`export events` is in export/cli.py)."""
from __future__ import annotations

import json
import sys
from datetime import date

import click

from ..cli_common import DB_HELP, open_db
from ..errors import ClaimledgerError
from ..model import CATEGORIES
from ..export import events as export
from .typology import table


def _load(db, rebuild_first: bool = False):
    """The stored events and their context; built from the claims when none are stored."""
    from .rebuild import stored_events
    with open_db(db) as store:
        return stored_events(store, rebuild_first)


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


COMMANDS = (events_command, event_command, trace_command)
