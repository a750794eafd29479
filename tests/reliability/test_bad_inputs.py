"""The bad-input corpus (tests/data/bad, plus what generate.py writes at test time)
ingested in one run beside good files: each bad input gets a one-line message naming
it (and its line) and saying what to do, and a failure record with that reason;
inputs that are odd but legitimate land; the good files of the run land; nothing
crashes; the 100 MB line costs neither the memory nor the time of reading it.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimledger.pipeline import ingest_paths
from claimledger.store import open_store

BAD = Path(__file__).parents[1] / "data" / "bad"
sys.path.insert(0, str(BAD))
from generate import generate  # noqa: E402

GOOD = " date 2021-03-05\nPolice arrested 300 people in Tehran on Tuesday, Amnesty said.\n"

# file (and line) -> words its reason must hold
FAILS = {
    ("binary.txt", None): "binary file",
    ("blank.txt", None): "empty file",
    ("empty.txt", None): "empty file",
    ("latin1.txt", 2): "not valid UTF-8",
    ("future.txt", 1): "in the future",
    ("nobody.html", None): "no article text found",
    ("deep.html", None): "no article text found",
    ("huge.txt", None): "over the limit of 5.0 MB",
    ("huge.jsonl:1", None): "over the limit of 5.0 MB",
    ("broken.jsonl", 2): "not valid JSON",
    ("broken.jsonl", 3): "not valid JSON",
    ("broken.jsonl", 4): "expected a JSON object",
    ("broken.jsonl", 5): 'no "text"',
    ("broken.jsonl", 6): "in the future",
    ("broken.jsonl", 7): "invalid date",
    ("broken.jsonl:8", None): "unpaired surrogate",
    ("broken.jsonl", 10): "not valid UTF-8",
    ("loop/self.txt", None): "links back to itself",
}
# odd but legitimate: they land (id -> published)
LANDS = {"utf16": "2021-03-05", "nodate": None, "ok1": "2021-03-01", "nodate-line": None,
         "million": "2021-03-05", "inside": None, "small": None, "good1": "2021-03-05",
         "good2": "2021-03-05"}
TO_DO = ("remove", "fix", "re-save", "save", "split", "add", "write", "one article per line",
         "give", "check", "needs")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad") / "in"
    shutil.copytree(BAD, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    generate(folder)
    (folder / "good1.txt").write_text(GOOD, encoding="utf-8")
    (folder / "good2.txt").write_text(GOOD.replace("300", "45"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ingested(corpus, extractor, tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "claims.db"
    started = time.monotonic()
    with open_store(db) as store:
        report = ingest_paths([str(corpus)], store, extractor)
        stored = {a.id: a for a in store.articles()}
        failures = store.failures()
        claims = list(store.claims())
    return report, stored, failures, claims, time.monotonic() - started


def where(corpus: Path, failure) -> tuple[str, int | None]:
    return str(Path(failure.origin).relative_to(corpus)), failure.line


def test_each_bad_input_is_a_failure_with_its_reason(corpus, ingested):
    report, _, failures, _, _ = ingested
    found = {where(corpus, f): f.reason for f in failures}
    assert set(found) == set(FAILS)
    for key, words in FAILS.items():
        assert words in found[key], (key, found[key])
    assert sorted(map(repr, report.failures)) == sorted(map(repr, failures))


def test_each_message_is_one_line_that_names_the_input_and_what_to_do(corpus, ingested):
    for f in ingested[2]:
        message = f.message()
        assert "\n" not in message and message.startswith(f.origin)
        if f.line:
            assert message.startswith(f"{f.origin}:{f.line}: ")
        assert any(word in f.reason for word in TO_DO), message
        assert len(message) < 300 + len(f.origin)


def test_the_good_and_the_odd_but_legitimate_land(ingested):
    report, stored, _, claims, _ = ingested
    assert {i: a.published and a.published.isoformat() for i, a in stored.items()} == LANDS
    assert report.new == len(LANDS)
    counted = {c.article for c in claims}
    assert {"good1", "good2", "utf16", "million"} <= counted
    # the million-digit number is no claim; the sentence after it is
    assert [c.value for c in claims if c.article == "million"] == [40]


def test_the_100mb_line_is_refused_unread(ingested):
    *_, seconds = ingested
    assert seconds < 60  # reading it would not be; the whole corpus takes a few seconds
    # (the process's peak memory is checked by the subprocess test below)


# `claimledger ingest` in a child process that prints its peak memory when done
PEAK = ("import resource, runpy, sys\n"
        "sys.argv = ['claimledger', 'ingest', sys.argv[1], '--db', sys.argv[2]]\n"
        "try:\n    runpy.run_module('claimledger', run_name='__main__')\n"
        "finally:\n    print('peak_kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
        "file=sys.stderr)")


def cli_with_peak(path: Path, db: Path) -> tuple[subprocess.CompletedProcess, float]:
    run = subprocess.run([sys.executable, "-c", PEAK, str(path), str(db)],
                         capture_output=True, text=True, timeout=300, cwd=db.parent)
    return run, int(run.stderr.rsplit("peak_kb ", 1)[1].split()[0]) / 1024


@pytest.mark.slow
def test_the_cli_names_each_failure_exits_1_and_never_holds_the_100mb_line(corpus, tmp_path):
    baseline_run, baseline_mb = cli_with_peak(corpus / "good1.txt", tmp_path / "base.db")
    assert baseline_run.returncode == 0, baseline_run.stderr[-2000:]
    run, peak_mb = cli_with_peak(corpus, tmp_path / "c.db")
    assert run.returncode == 1, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    failed = [line for line in run.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == len(FAILS)
    assert f"articles: {len(LANDS)} new" in run.stdout
    # reading the 100 MB file would cost at least 100 MB as bytes and 100 MB as text
    assert peak_mb < baseline_mb + 100, (peak_mb, baseline_mb)
