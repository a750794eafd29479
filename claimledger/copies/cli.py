"""`claimledger copies`: copied passages, near-duplicate clusters, independent voices."""
from __future__ import annotations

import json
import sys

import click

from ..cli_common import DB_HELP, open_db


@click.command("copies")
@click.option("--article", help="Only passages this article takes part in (either side).")
@click.option("--min-chars", type=click.IntRange(min=1), default=40, show_default=True,
              help="Only passages at least this long (on the first side). Passages under 40 "
                   "characters are not recorded.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--clusters", "view", flag_value="clusters",
              help="Show near-duplicate articles instead, each cluster with its first-seen member.")
@click.option("--voices", "view", flag_value="voices",
              help="Show each figure with its claims counted by distinct first publishers.")
@click.option("--db", help=DB_HELP)
def copies(article, min_chars, fmt, view, db):
    """Passages found again, verbatim or nearly so, in other articles.

    Each line: where the passage was first seen (publication date, then ingest
    order), where it was copied, how similar the two are (1.0 = same words), and
    the passage. Articles ingested before copies were detected are indexed first.

    \b
    Example:
      000_e40b1d751717fdce[437:692] -> 002_64e4dc12b39a7a61[490:745]  1.00  Reuters confirmed ...
    """
    from . import clusters as find_clusters, voices
    with open_db(db) as store:
        _index_what_is_new(store)
        if view == "clusters":
            rows = [{"first": c.first, "members": list(c.members)} for c in find_clusters(store)]
            if article:
                rows = [r for r in rows if article in r["members"]]
            _show(rows, fmt, lambda r: f"{r['first']}  ({len(r['members'])}): "
                                       + ", ".join(r["members"][1:]))
        elif view == "voices":
            rows = [{"category": v.category, "low": v.low, "high": v.high, "unit": v.unit,
                     "country": v.country, "claims": v.claims, "voices": v.voices,
                     "publishers": list(v.publishers)} for v in voices(store)]
            _show(rows, fmt, lambda r: f"{r['category']} {_figure(r)} {r['country'] or ''}: "
                                       f"{r['claims']} claims, {r['voices']} voices "
                                       f"({', '.join(r['publishers'][:5])})")
        else:
            rows = [c.to_record() for c in store.copies(article)
                    if c.first.end - c.first.start >= min_chars]
            _show(rows, fmt, _line)


def _index_what_is_new(store) -> None:
    """Articles ingested before copies were detected are indexed first, with a bar."""
    from rich.progress import Progress

    from . import find_copies
    with Progress(transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("finding copied passages", total=None)
        find_copies(store, progress=lambda done, total: bar.update(task, completed=done, total=total))
    store.summarize_events()  # the voices of events the copies touch


def _show(rows: list[dict], fmt: str, line) -> None:
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    for r in rows:
        click.echo(line(r))
    click.echo(f"{len(rows)} found", err=True)


def _line(r: dict) -> str:
    f, c = r["first"], r["copy"]
    text = " ".join(r["text"].split())
    return (f"{f['article']}[{f['start']}:{f['end']}] -> {c['article']}[{c['start']}:{c['end']}]  "
            f"{r['similarity']:.2f}  {text[:100]}{'…' if len(text) > 100 else ''}")


def _figure(r: dict) -> str:
    if r["low"] == r["high"]:
        return str(r["low"])
    return f"{r['low'] if r['low'] is not None else ''}-{r['high'] if r['high'] is not None else ''}"
