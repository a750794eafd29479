"""The command line through click's CliRunner, in a temporary folder."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from claimledger.cli import main

SPEC_KEYS = {"article", "category", "value", "low", "high", "qualifier", "span", "unit", "subject",
             "when", "where", "sources", "sentence"}
GOOD = (" date 2021-03-05\n"
        "Police arrested 300 people in Tehran on Tuesday. "
        "Security forces killed 12 protesters, witnesses said.\n")
FEED = ('{"id": "j1", "published": "2021-03-01", "text": "Troops killed 9 protesters in Khartoum."}\n'
        '{"id": "j2", "text": \n')


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no claimledger.toml of the developer's
    for name in ("DB", "MODEL", "ALIASES", "BATCH_SIZE"):
        monkeypatch.delenv(f"CLAIMLEDGER_{name}", raising=False)
    return CliRunner()


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "feed.jsonl").write_text(FEED, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "claims.db")


@pytest.fixture
def ingested(runner, inputs, db):
    result = runner.invoke(main, ["ingest", str(inputs), "--db", db])
    return result


def summary(result) -> str:
    lines = [line for line in result.stdout.splitlines() if line.startswith("articles:")]
    assert len(lines) == 1, result.output
    return lines[0]


# --- ingest ------------------------------------------------------------------------

def test_ingest_with_failures_exits_1(ingested):
    assert ingested.exit_code == 1, ingested.output
    assert ingested.exception is None or isinstance(ingested.exception, SystemExit)


def test_ingest_summary_line(ingested):
    line = summary(ingested)
    assert "2 new" in line and "2 failed" in line
    assert "claims found: 3" in line


def test_ingest_names_each_failed_input(ingested, inputs):
    err = ingested.stderr
    assert f"{inputs / 'feed.jsonl'}:2:" in err  # the broken line, by number
    assert "empty.txt" in err
    assert "good.txt" not in err


def test_reingest_changes_nothing(runner, ingested, inputs, db):
    before = runner.invoke(main, ["claims", "--format", "json", "--db", db]).stdout
    again = runner.invoke(main, ["ingest", str(inputs), "--db", db])
    line = summary(again)
    # good.txt was read whole: skipped; feed.jsonl had a bad line: read again, unchanged
    assert "0 new" in line and "1 unchanged" in line and "claims found: 0" in line
    assert "1 file already ingested, skipped" in line
    after = runner.invoke(main, ["claims", "--format", "json", "--db", db]).stdout
    assert json.loads(after) == json.loads(before)


def test_ingest_of_good_input_only_exits_0(runner, inputs, db):
    result = runner.invoke(main, ["ingest", str(inputs / "good.txt"), "--db", db])
    assert result.exit_code == 0, result.output
    assert "1 new" in summary(result) and "0 failed" in summary(result)


def test_ingest_needs_a_path(runner, db):
    result = runner.invoke(main, ["ingest", "--db", db])
    assert result.exit_code == 2


def test_ingest_takes_workers_or_a_cluster_not_both(runner, inputs, db, tmp_path):
    result = runner.invoke(main, ["ingest", str(inputs), "--db", db, "--workers", "2",
                                  "--cluster", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert result.stderr == ("claimledger: give --workers (a local cluster) or --cluster "
                             "(an existing one), not both\n")
    assert not (tmp_path / "claims.db").exists()  # told before anything is created


# --- claims ------------------------------------------------------------------------

def test_claims_json_is_an_array_of_records(runner, ingested, db):
    result = runner.invoke(main, ["claims", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert isinstance(records, list) and len(records) == 3
    assert {(r["article"], r["category"], r["value"]) for r in records} == {
        ("good", "arrested", 300), ("good", "killed", 12), ("j1", "killed", 9)}
    for r in records:
        assert SPEC_KEYS <= set(r)


def test_claims_filter_by_category(runner, ingested, db):
    result = runner.invoke(main, ["claims", "--category", "killed", "--format", "json", "--db", db])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert sorted(r["value"] for r in records) == [9, 12]
    assert {r["category"] for r in records} == {"killed"}


def test_claims_table_counts_the_claims(runner, ingested, db):
    result = runner.invoke(main, ["claims", "--category", "killed", "--db", db])
    assert result.exit_code == 0
    assert "2 claims" in result.stdout
    assert "witnesses" in result.stdout


def test_claims_rejects_unknown_category(runner, ingested, db):
    result = runner.invoke(main, ["claims", "--category", "bogus", "--db", db])
    assert result.exit_code == 2


# --- export ------------------------------------------------------------------------

def test_export_claims_jsonl_to_a_file(runner, ingested, db, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(main, ["export", "claims", "--format", "jsonl", "-o", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == 3
    for line in lines:
        assert set(json.loads(line)) == SPEC_KEYS
    assert "wrote 3 claims" in result.stderr


def test_export_to_a_missing_folder_is_a_one_line_error(runner, ingested, db, tmp_path):
    result = runner.invoke(main, ["export", "claims", "-o", str(tmp_path / "nope" / "out.jsonl"), "--db", db])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


# --- evaluate ------------------------------------------------------------------------

def _gold_row(article, category, value, sources, sentence):
    return {"article": article, "category": category, "value": value, "low": value, "high": value,
            "qualifier": "exact", "span": str(value), "unit": "people", "subject": "people",
            "when": None, "where": None, "sources": sources, "sentence": sentence}


@pytest.fixture
def gold(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    rows = [
        _gold_row("good", "arrested", 300, [], "Police arrested 300 people in Tehran on Tuesday."),
        _gold_row("good", "killed", 12, [{"name": "eyewitnesses", "verb": "said", "date": None}],
                  "Security forces killed 12 protesters, witnesses said."),
        _gold_row("good", "injured", 4, [], "Four people were hurt."),  # missed on purpose
    ]
    (folder / "claims.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (folder / "aliases.json").write_text(json.dumps({"witnesses": ["eyewitnesses"]}), encoding="utf-8")
    return folder


def test_evaluate_json_figures(runner, ingested, db, gold):
    result = runner.invoke(main, ["evaluate", str(gold), "--json", "--db", db])
    assert result.exit_code == 0, result.output
    fig = json.loads(result.stdout)
    assert (fig["articles"], fig["gold"], fig["predicted"], fig["matched"]) == (1, 3, 2, 2)
    assert fig["claim_precision"] == 1.0
    assert fig["claim_recall"] == pytest.approx(2 / 3)
    assert fig["source_accuracy"] == 1.0  # "witnesses" = "eyewitnesses" through the alias table


def test_evaluate_table_and_errors(runner, ingested, db, gold):
    result = runner.invoke(main, ["evaluate", str(gold), "--errors", "--db", db])
    assert result.exit_code == 0, result.output
    assert "claim_f1" in result.stdout
    assert "[missed] good injured" in result.stdout


def test_evaluate_all_gives_a_row_per_set(runner, ingested, db, gold):
    root = gold.parent
    result = runner.invoke(main, ["evaluate", "--all", str(root), "--json", "--db", db])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["gold"]["matched"] == 2
    table = runner.invoke(main, ["evaluate", "--all", str(root), "--errors", "--db", db])
    assert table.stdout.splitlines()[1].split()[:2] == ["gold", "0.800"]  # P 1.0, R 2/3
    assert "[missed] gold good injured" in table.stdout


def test_evaluate_without_gold_file_is_a_one_line_error(runner, db, tmp_path):
    empty = tmp_path / "nogold"
    empty.mkdir()
    result = runner.invoke(main, ["evaluate", str(empty), "--db", db])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "claims.jsonl" in result.stderr


# --- help and errors ---------------------------------------------------------------

@pytest.mark.parametrize("args, options", [
    ([], ["ingest", "claims", "articles", "export", "evaluate", "failures", "search", "aliases",
          "watch", "outlets", "--version"]),
    (["articles"], ["--not-extracted", "--db"]),
    (["watch"], ["FEED_URL", "--every", "--once", "--tries", "--backoff", "--timeout", "--db"]),
    (["outlets"], ["list", "add", "load", "remove"]),
    (["outlets", "remove"], ["DOMAIN", "--db"]),
    (["ingest"], ["--db", "--model", "--force", "PATHS"]),
    (["claims"], ["--article", "--category", "--source", "--format", "--db"]),
    (["export"], ["claims"]),
    (["export", "claims"], ["--format", "--output", "--db"]),
    (["evaluate"], ["--all", "--errors", "--json", "--db", "GOLD"]),
    (["failures"], ["--db"]),
    (["search"], ["--limit", "--db", "QUERY"]),
    (["aliases"], ["add", "list"]),
    (["aliases", "add"], ["--db", "CANONICAL", "ALIAS"]),
    (["aliases", "list"], ["--db"]),
    (["trace"], ["EVENT_ID", "--category", "--format", "--db"]),
])
def test_help_of_every_command(runner, args, options):
    result = runner.invoke(main, [*args, "--help"])
    assert result.exit_code == 0, result.output
    for option in options:
        assert option in result.stdout, option


@pytest.mark.parametrize("args", [
    ["claims"],
    ["articles"],
    ["outlets", "remove", "example.org"],
    ["failures"],
    ["export", "claims"],
])
def test_db_in_a_missing_folder_is_a_one_line_error(runner, tmp_path, args):
    bad = str(tmp_path / "no_such_folder" / "x.db")
    result = runner.invoke(main, [*args, "--db", bad])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("claimledger:")
    assert "no_such_folder" in err[0]


def test_ingest_with_db_in_a_missing_folder_is_a_one_line_error(runner, inputs, tmp_path):
    result = runner.invoke(main, ["ingest", str(inputs), "--db", str(tmp_path / "no_such_folder" / "x.db")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "no_such_folder").exists()


@pytest.mark.parametrize("args", [["claims"], ["export", "claims"], ["failures"], ["search", "x"]])
def test_reading_a_missing_database_says_ingest_first_and_creates_nothing(runner, tmp_path, args):
    db = tmp_path / "none.db"
    result = runner.invoke(main, [*args, "--db", str(db)])
    assert result.exit_code == 2
    assert "claimledger ingest" in result.output and "Traceback" not in result.output
    assert not db.exists()


# --- small things (issue 17) ---------------------------------------------------------

def test_one_claim_is_one_claim(runner, ingested, db):
    result = runner.invoke(main, ["claims", "--article", "j1", "--db", db])
    assert result.exit_code == 0 and result.stdout.rstrip().endswith("\n1 claim")


def test_claims_of_an_unknown_article_is_an_error(runner, ingested, db):
    result = runner.invoke(main, ["claims", "--article", "NO_SUCH_ID", "--db", db])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "claimledger: no article with id 'NO_SUCH_ID' is stored: `claimledger articles` lists the ids"]


def test_failures_count_reads_right(runner, ingested, db):
    assert runner.invoke(main, ["failures", "--db", db]).stderr.strip().endswith("2 failed inputs")


def test_articles_not_extracted_says_why(runner, tmp_path, db):
    path = tmp_path / "two.jsonl"
    path.write_text(json.dumps({"id": "en1", "text": "Troops killed 9 protesters in Khartoum on "
                                "Monday, witnesses said, as crowds marched."}) + "\n"
                    + json.dumps({"id": "fr1", "text": "Les forces de sécurité ont tué au moins douze "
                                  "manifestants à Mashhad vendredi, selon des témoins sur place."})
                    + "\n", encoding="utf-8")
    assert runner.invoke(main, ["ingest", str(path), "--db", db]).exit_code == 0
    listed = runner.invoke(main, ["articles", "--not-extracted", "--db", db])
    assert listed.exit_code == 0
    assert listed.stdout == "fr1\tin French (fr): only English is extracted; the article is stored as it is\n"
    assert listed.stderr.strip() == "1 article not extracted"
    every = runner.invoke(main, ["articles", "--db", db])
    assert [line.split("\t")[:3] for line in every.stdout.splitlines()] == [
        ["en1", "", "en"], ["fr1", "", "fr"]]
    assert every.stderr.strip() == "2 articles"


@pytest.mark.parametrize("args, words", [
    (["watch"], "Missing argument 'FEED_URL...'; see `main watch --help`"),
    (["watch", "http://127.0.0.1/feed.xml", "--timeout", "-1"], "Invalid value for '--timeout'"),
    (["watch", "http://127.0.0.1/feed.xml", "--tries", "0"], "Invalid value for '--tries'"),
    (["outlets", "add", "example.org"], "Missing argument 'NAME'; see `main outlets add --help`"),
    (["outlets", "bogus"], "No such command 'bogus'"),
    (["outlets", "remove"], "Missing argument 'DOMAIN...'"),
])
def test_a_mistake_in_flags_or_arguments_is_one_line_saying_where_help_is(runner, db, args, words):
    result = runner.invoke(main, [*args, "--db", db])
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("claimledger: ") and words in line


def test_a_bare_group_still_shows_its_help(runner):
    result = runner.invoke(main, ["outlets"])
    assert "Commands:" in result.output and "remove" in result.output
    assert "Traceback" not in result.output
