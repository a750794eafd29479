"""The command line against a real PostgreSQL server: the bundled samples ingested
into PostgreSQL give exactly what they give in SQLite.

Skipped, with the reason, when no server answers (see tests/postgres_server.py).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from postgres_server import fresh_schema, server_url

from claimledger.cli import main

SAMPLES = Path(__file__).parent.parent / "data" / "samples"
ARTICLES = len(list(SAMPLES.rglob("*.txt")))  # one article a text file
READS = [  # every reading command whose output must not depend on the backend
    ["claims", "--format", "json"],
    ["claims", "--source", "reuters", "--format", "csv"],
    ["export", "claims", "--format", "jsonl"],
    ["failures"],
    ["aliases", "list"],
    ["copies", "--format", "json"],
    ["events", "--format", "json"],
]


@pytest.fixture(scope="module")
def runner(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path_factory.mktemp("cwd"))  # no claimledger.toml of the developer's
        for name in ("DB", "MODEL", "ALIASES", "BATCH_SIZE"):
            patch.delenv(f"CLAIMLEDGER_{name}", raising=False)
        yield CliRunner()


@pytest.fixture(scope="module")
def pg(runner):
    """A fresh schema with the samples ingested through the CLI, and the ingest's result."""
    with fresh_schema(server_url()) as url:
        yield url, runner.invoke(main, ["ingest", str(SAMPLES), "--db", url])


@pytest.fixture(scope="module")
def lite(runner, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("sqlite") / "claims.db")
    return db, runner.invoke(main, ["ingest", str(SAMPLES), "--db", db])


def test_ingest_into_postgresql(pg):
    url, result = pg
    assert result.exit_code == 0, result.output
    assert f"articles: {ARTICLES} new" in result.stdout


def test_claims_are_stored_in_postgresql(runner, pg):
    url, _ = pg
    result = runner.invoke(main, ["claims", "--format", "json", "--db", url])
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)
    assert len(claims) > 100
    assert {c["article"] for c in claims} >= {"gv-003", "mm-001"}


def test_ingest_summary_is_the_same(pg, lite):
    assert pg[1].stdout == lite[1].stdout


@pytest.mark.parametrize("args", READS, ids=lambda a: " ".join(a))
def test_reading_commands_print_the_same(runner, pg, lite, args):
    from_pg = runner.invoke(main, [*args, "--db", pg[0]])
    from_sqlite = runner.invoke(main, [*args, "--db", lite[0]])
    assert from_pg.exit_code == from_sqlite.exit_code == 0, from_pg.output + from_sqlite.output
    assert from_pg.stdout == from_sqlite.stdout


def test_ingesting_again_changes_nothing(runner, pg):
    url, _ = pg
    again = runner.invoke(main, ["ingest", str(SAMPLES), "--db", url])
    assert again.exit_code == 0, again.output
    assert "0 new, 0 unchanged" in again.stdout  # every file was read whole: skipped
    assert f"{ARTICLES} files already ingested, skipped" in again.stdout


def test_search_finds_articles(runner, pg):
    result = runner.invoke(main, ["search", "protest*", "--limit", "3", "--db", pg[0]])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 3 and "[" in result.stdout


def test_an_unreachable_server_is_a_one_line_error(runner):
    result = runner.invoke(main, ["claims", "--db", "postgresql://127.0.0.1:1/nowhere"])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("claimledger: cannot connect to PostgreSQL") and "start the server" in line
