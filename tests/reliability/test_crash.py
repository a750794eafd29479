"""Crash safety: `claimledger ingest` killed with SIGKILL at random points, several
times, then run to the end, stores what one uninterrupted run stores — no duplicate,
no loss — and resumes rather than restarts.

The kill points are seeded: each round waits until a random number of articles is
committed (read from the database by a second connection, as WAL allows), then a
random few milliseconds more, so kills land inside batches, between them and inside
commits. One real process, one real SIGKILL each round.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from corpus import make_corpus

from claimledger.pipeline import ingest_paths
from claimledger.store import open_store

SEED = 20240607
KILLS = 3
BATCH = 8
TIMEOUT = 240  # seconds for any one run: a hang fails the test instead of stalling CI


def cli(corpus: Path, db: Path) -> subprocess.Popen:
    env = dict(os.environ, CLAIMLEDGER_BATCH_SIZE=str(BATCH))
    env.pop("CLAIMLEDGER_DB", None)
    return subprocess.Popen([sys.executable, "-m", "claimledger", "ingest", str(corpus),
                             "--db", str(db)], env=env, cwd=db.parent,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def committed(db: Path) -> int:
    """Articles committed so far, read beside the writer (0 before the schema exists)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def kill_at(db: Path, corpus: Path, target: int, rng: random.Random) -> tuple[int, int | None]:
    """Run until ``target`` articles are committed, then SIGKILL: (articles at the kill,
    return code)."""
    proc = cli(corpus, db)
    deadline = time.monotonic() + TIMEOUT
    while proc.poll() is None and committed(db) < target and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(rng.uniform(0, 0.08))
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=TIMEOUT)
    return committed(db), proc.returncode


def snapshot(db: Path) -> dict:
    with open_store(db) as store:
        claims = sorted(store.claims(), key=lambda c: (c.article, c.start, c.end, c.category))
        return {
            "articles": sorted(store.articles(), key=lambda a: a.id),
            "claims": claims,
            "failures": sorted((f.origin, f.line or 0, f.reason) for f in store.failures()),
            "claim_rows": store.count_claims(),
        }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("crash") / "corpus", files=120, lines=120)


@pytest.fixture(scope="module")
def reference(corpus, extractor, tmp_path_factory):
    """One uninterrupted run, in this process, into its own database."""
    db = tmp_path_factory.mktemp("reference") / "claims.db"
    with open_store(db) as store:
        report = ingest_paths([str(corpus)], store, extractor, batch_size=BATCH)
    assert report.new == 239 and report.failed == 2  # 120 files + 119 good lines
    return snapshot(db)


@pytest.mark.slow
def test_killed_runs_then_a_full_run_store_what_one_run_stores(corpus, reference, tmp_path):
    db = tmp_path / "claims.db"
    rng = random.Random(SEED)
    total = len(reference["articles"])
    interrupted = []
    for _ in range(KILLS):
        before = committed(db)
        target = rng.randint(before + 1, before + max(2, (total - before) // 2))
        at_kill, code = kill_at(db, corpus, target, rng)
        assert at_kill >= before  # a kill never takes back what was committed
        if code == -signal.SIGKILL and at_kill < total:
            interrupted.append(at_kill)
    assert len(interrupted) >= KILLS - 1, interrupted  # the kills did land midway

    final = cli(corpus, db)
    out, err = final.communicate(timeout=TIMEOUT)
    assert final.returncode == 1, err  # the two bad inputs still fail, by name
    assert "empty.txt" in err and "feed.jsonl:61" in err
    summary = out.strip().splitlines()[-1]
    assert "already ingested, skipped" in summary  # resumed, not restarted
    new = int(summary.split("articles: ")[1].split(" new")[0])
    assert new < total

    got = snapshot(db)
    assert got["claim_rows"] == reference["claim_rows"] == len(reference["claims"])
    assert got["articles"] == reference["articles"]
    assert got["claims"] == reference["claims"]
    assert got["failures"] == reference["failures"]


@pytest.mark.slow
def test_a_file_is_marked_only_once_all_its_articles_are_committed(corpus, reference, tmp_path):
    """Killed inside the JSON Lines file, whose articles span many batches: the file
    is not yet marked, so the next run reads it again, and skips nothing it lacks."""
    db = tmp_path / "claims.db"
    text_files = 120  # the JSON Lines file comes after them (a-files sort first)
    at_kill, code = kill_at(db, corpus, text_files + 30, random.Random(SEED + 1))
    assert code == -signal.SIGKILL and text_files < at_kill < len(reference["articles"])
    with sqlite3.connect(db) as conn:
        marked = {Path(p).name for (p,) in conn.execute("SELECT path FROM ingested_files")}
    assert "feed.jsonl" not in marked and len(marked) <= text_files
    final = cli(corpus, db)
    final.communicate(timeout=TIMEOUT)
    assert snapshot(db)["articles"] == reference["articles"]
