"""`claimledger export claims`, `claimledger export events`: stored records to a file or
standard output."""
from __future__ import annotations

import sys

import click

from ..cli_common import DB_HELP, open_db
from ..errors import ClaimledgerError
from . import claims as claim_writers, events as event_writers


@click.group("export")
def export():
    """Write stored records to a file or standard output."""


@export.command("claims")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(),
              help="File to write (default: standard output); for parquet, a new folder (required).")
@click.option("--db", help=DB_HELP)
def export_claims(fmt, output, db):
    """Every stored claim, in the JSON Lines of the claim spec (or CSV, or Parquet
    partitioned by category: -o DIR gets DIR/category=killed/part-0.parquet, ...)."""
    write = claim_writers.write_jsonl if fmt == "jsonl" else claim_writers.write_csv
    with open_db(db) as store:
        if fmt == "parquet":
            from .parquet import write_claims
            if not output:
                raise ClaimledgerError("--format parquet writes a folder of files: name it with -o DIR")
            click.echo(f"wrote {write_claims(store.claims(), output)} claims under {output}", err=True)
        elif output:
            n = _to_file(output, lambda out: write(store.claims(), out))
            click.echo(f"wrote {n} claims to {output}", err=True)
        else:
            write(store.claims(), sys.stdout)


@export.command("events")
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "geojson", "jsonl"]), default="jsonl",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: standard output).")
@click.option("--db", help=DB_HELP)
def export_events(fmt, output, db):
    """Every event as ACLED-like CSV (fatalities = the most conservative sourced figure,
    notes = every other figure with its source), GeoJSON or JSON Lines."""
    from ..events.rebuild import stored_events
    with open_db(db) as store:
        found, ctx = stored_events(store)
    write = {"acled-csv": event_writers.write_acled, "geojson": event_writers.write_geojson,
             "jsonl": event_writers.write_jsonl}[fmt]
    if not output:
        write(found, ctx, sys.stdout)
        return
    n = _to_file(output, lambda out: write(found, ctx, out))
    click.echo(f"wrote {n} events to {output}", err=True)


def _to_file(output: str, write) -> int:
    try:
        with open(output, "w", encoding="utf-8", newline="") as out:
            return write(out)
    except OSError as e:
        raise ClaimledgerError(f"{output}: cannot write ({e.strerror}); check the folder exists") from None
