"""CopyFinder: updates batch by batch find what one run finds; workers change nothing."""
from __future__ import annotations

import os
import random
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.copies import CopyFinder, find_copies
from claimledger.copies.detect import _sharing
from claimledger.copies.index import BandIndex, Packed, _Chunk
from claimledger.model import Article
from claimledger.store import open_store

WORDS = ("the minister said on monday that forces had fired at protesters near city hall "
         "while officials denied any deaths and witnesses reported arrests in several "
         "provinces after prices of fuel rose sharply overnight amid strikes").split()


def corpus(n: int, seed: int = 3) -> list[Article]:
    """Articles of random sentences; a fifth copy one or two sentences of an earlier one,
    some with a word changed."""
    rng = random.Random(seed)
    articles: list[Article] = []
    for k in range(n):
        sentences = [" ".join(rng.choices(WORDS, k=rng.randint(8, 20))).capitalize() + "."
                     for _ in range(rng.randint(2, 6))]
        if articles and rng.random() < 0.2:
            source = rng.choice(articles).text.split(". ")
            copied = ". ".join(source[:rng.randint(1, 2)]).rstrip(".") + "."
            if rng.random() < 0.5:
                copied = copied.replace(" the ", " a ", 1)
            sentences.insert(rng.randrange(len(sentences) + 1), copied)
        articles.append(Article(id=f"a{k:04d}", text=" ".join(sentences),
                                published=date(2020, 1, 1 + k % 28)))
    return articles


def found(store) -> list[tuple]:
    return sorted((c.first.article, c.first.start, c.first.end, c.copy.article, c.copy.start,
                   c.copy.end, c.similarity) for c in store.copies())


def keys(store) -> dict[str, bytes]:
    return {id: blob for id, _, blob in store.copy_index()}


@pytest.fixture(scope="module")
def articles():
    return corpus(400)


@pytest.fixture(scope="module")
def at_once(articles, tmp_path_factory):
    """The copies and stored keys of one run over every article, in this process."""
    with open_store(tmp_path_factory.mktemp("once") / "c.db") as store:
        for a in articles:
            store.put_article(a)
        report = find_copies(store, workers=0)
        assert report.indexed == len(articles)
        assert report.passages >= 40
        return found(store), keys(store)


@pytest.mark.parametrize("workers", [0, 2])
def test_updates_after_each_batch_find_what_one_run_finds(tmp_path, articles, at_once, workers):
    with open_store(tmp_path / "c.db") as store:
        finder = CopyFinder(store, batch=16, workers=workers)
        indexed = 0
        for at in range(0, len(articles), 90):
            with store.transaction():
                for a in articles[at:at + 90]:
                    store.put_article(a)
            indexed += finder.update().indexed
        assert finder.update().indexed == 0
        assert indexed == len(articles)
        assert (found(store), keys(store)) == at_once


@pytest.mark.parametrize("workers", [0, 2])
def test_progress_is_told_after_each_batch_written(tmp_path, articles, workers):
    with open_store(tmp_path / "c.db") as store:
        with store.transaction():
            for a in articles[:100]:
                store.put_article(a)
        told: list[tuple[int, int]] = []
        find_copies(store, batch=16, workers=workers, progress=lambda done, total: told.append((done, total)))
        assert told == [(min(k, 100), 100) for k in range(16, 113, 16)]  # 7 batches, the last of 4


def test_updates_told_the_committed_ids_find_what_one_run_finds(tmp_path, articles, at_once):
    with open_store(tmp_path / "c.db") as store:
        with store.transaction():  # left by an interrupted run: the first update takes them
            for a in articles[:30]:
                store.put_article(a)
        finder = CopyFinder(store, batch=16, workers=0)
        indexed = 0
        for at in range(30, len(articles), 90):
            batch = articles[at:at + 90]
            with store.transaction():
                for a in batch:
                    store.put_article(a)
            indexed += finder.update([a.id for a in batch]).indexed
        assert indexed == len(articles)
        assert (found(store), keys(store)) == at_once


@pytest.mark.parametrize("workers", [0, 2])
def test_texts_prepared_elsewhere_give_what_this_process_finds(tmp_path, articles, at_once, workers):
    """``prepare`` done elsewhere (a Dask worker) is taken as it is; one made from another
    text than the stored article's is not used (here: every tenth, prepared from the
    next article's text, would index keys the article does not have)."""
    from dataclasses import replace

    from claimledger.copies import prepare
    with open_store(tmp_path / "c.db") as store:
        finder = CopyFinder(store, batch=64, workers=workers)
        for at in range(0, len(articles), 100):
            batch = articles[at:at + 100]
            with store.transaction():
                for a in batch:
                    store.put_article(a)
            prepared = {a.id: prepare(a if k % 10 else replace(a, text=batch[k + 1].text))
                        for k, a in enumerate(batch)}
            finder.update([a.id for a in batch], prepared)
        assert (found(store), keys(store)) == at_once


def test_an_update_told_the_committed_ids_looks_at_no_others(tmp_path, articles):
    with open_store(tmp_path / "c.db") as store:
        store.put_article(articles[0])
        finder = CopyFinder(store, workers=0)
        assert finder.update(["none"]).indexed == 1  # the first looks at the whole store
        for a in articles[1:4]:
            store.put_article(a)
        assert finder.update([articles[2].id]).indexed == 1
        assert finder.update().indexed == 2


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_worker_processes_find_what_this_process_finds(tmp_path, articles, at_once, workers):
    with open_store(tmp_path / "c.db") as store:
        for a in articles:
            store.put_article(a)
        assert find_copies(store, batch=8, workers=workers).indexed == len(articles)
        assert (found(store), keys(store)) == at_once


def test_a_changed_article_leaves_the_finders_index(tmp_path):
    """A finder kept across updates agrees with a fresh one each time."""
    sentence = ("Security forces fired live rounds at demonstrators in the city of Mahshahr, "
                "killing at least 40 people in the marshes outside the town.")
    steps = [
        [Article("a", "The weather was mild. " + sentence)],
        [Article("a", "A wholly rewritten story about the budget and the weather in the north.")],
        [Article("b", "Reported later: " + sentence)],
        [Article("a", "Back again. " + sentence), Article("c", sentence + " More to follow.")],
    ]
    with open_store(tmp_path / "kept.db") as kept, open_store(tmp_path / "fresh.db") as fresh:
        finder = CopyFinder(kept)
        for step in steps:
            for a in step:
                kept.put_article(a)
                fresh.put_article(a)
            finder.update()
            find_copies(fresh)
            assert found(kept) == found(fresh)
            assert keys(kept) == keys(fresh)
        assert {(f, c) for f, _, _, c, *_ in found(kept)} == {("a", "b"), ("a", "c"), ("b", "c")}


def test_a_failed_update_is_taken_up_by_the_next(tmp_path, articles, at_once, monkeypatch):
    with open_store(tmp_path / "c.db") as store:
        for a in articles:
            store.put_article(a)
        finder = CopyFinder(store, batch=32, workers=0)
        calls = {"n": 0}
        write = type(store).put_copy_keys

        def failing(self, article_id, kept):
            calls["n"] += 1
            if calls["n"] == 100:
                raise OSError("disk full")
            write(self, article_id, kept)

        monkeypatch.setattr(type(store), "put_copy_keys", failing)
        with pytest.raises(OSError):
            finder.update()
        assert 0 < len(keys(store)) < len(articles)
        monkeypatch.setattr(type(store), "put_copy_keys", write)
        finder.update()
        assert (found(store), keys(store)) == at_once


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5000), st.lists(st.integers(0, 2**32 - 1), max_size=300),
                          st.booleans()), max_size=60))
def test_packed_arrays_hold_what_a_dict_holds(steps):
    packed, plain = Packed(), {}
    for seq, values, drop in steps:
        if drop:
            expected = plain.pop(seq, None)
            got = packed.pop(seq, None)
            assert (got is None) == (expected is None)
            assert expected is None or got.tolist() == expected.tolist()
        else:
            plain[seq] = np.array(values, np.uint32)
            packed[seq] = plain[seq]
    for seq in {s for s, _, _ in steps} | {0, 5001, 10**6}:
        got, expected = packed.get(seq), plain.get(seq)
        assert (got is None) == (expected is None)
        assert expected is None or (got.dtype == np.uint32 and got.tolist() == expected.tolist())


def test_candidates_sharing_no_trigram_are_left_out():
    mine = np.array([3, 8, 20], np.uint32)
    known = {1: np.array([1, 2], np.uint32), 2: np.array([8], np.uint32),
             3: np.array([], np.uint32), 4: np.array([21, 30], np.uint32)}
    assert _sharing(mine, [4, 2, 5, 1, 3], known) == [2, 5]  # 5: not known, kept
    assert _sharing(np.array([], np.uint32), [1, 5], known) == [5]


def test_leaving_them_out_changes_nothing(tmp_path, articles, at_once, monkeypatch):
    from claimledger.copies import detect
    monkeypatch.setattr(detect, "_sharing", lambda trigrams, candidates, known: candidates)
    with open_store(tmp_path / "c.db") as store:
        for a in articles:
            store.put_article(a)
        find_copies(store, workers=0)
        assert (found(store), keys(store)) == at_once


def test_chunk_finds_what_a_binary_search_finds():
    rng = np.random.default_rng(1)
    for n in (0, 1, 7, 100, 5000):
        keys = np.sort(np.concatenate([rng.integers(-2**63, 2**63 - 1, n, dtype=np.int64),
                                       np.array([-2**63, 2**63 - 1, 0, 0, 5][:n], np.int64)]))
        chunk = _Chunk(keys, np.arange(len(keys)))
        probe = np.sort(np.concatenate([rng.choice(keys, 50) if len(keys) else keys,
                                        rng.integers(-2**63, 2**63 - 1, 50, dtype=np.int64),
                                        np.array([-2**63, 2**63 - 1, -1, 0, 1])]))
        first, count = chunk.find(probe)
        lo, hi = np.searchsorted(keys, probe, "left"), np.searchsorted(keys, probe, "right")
        assert first.tolist() == lo.tolist()
        assert count.tolist() == (hi - lo).tolist()


def test_dropping_an_article_forgets_its_keys():
    index = BandIndex(cap=3)
    for seq, ks in [(1, [10, 20]), (2, [20, 30]), (3, [30])]:
        ks = np.array(ks, np.int64)
        which, _ = index.lookup(ks)
        index.add(seq, ks, np.bincount(which, minlength=len(ks)))
    index.drop({2})
    which, seqs = index.lookup(np.array([10, 20, 30], np.int64))
    assert sorted(zip(which.tolist(), seqs.tolist())) == [(0, 1), (1, 1), (2, 3)]


def test_a_failing_worker_fails_the_update_and_the_next_one_redoes_it(tmp_path, articles, at_once,
                                                                       monkeypatch):
    from claimledger.copies import detect

    def broken(self, jobs, options):
        raise ValueError("alignment broke")

    with open_store(tmp_path / "c.db") as store:
        for a in articles:
            store.put_article(a)
        finder = CopyFinder(store, batch=32, workers=2)
        with monkeypatch.context() as patched:
            patched.setattr(detect._Worker, "align", broken)
            with pytest.raises(RuntimeError, match="alignment broke"):
                finder.update()
        assert finder.update().indexed == len(articles)
        assert (found(store), keys(store)) == at_once


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_workers_end_when_their_parent_is_killed():
    import subprocess
    import sys
    import time
    from pathlib import Path
    script = ("import os, sys\n"
              "from functools import partial\n"
              "from claimledger.copies.detect import _Worker\n"
              "from claimledger.copies.processes import Workers\n"
              "workers = Workers(2, partial(_Worker, 10))\n"
              "print(' '.join(str(p.pid) for p in workers._processes), flush=True)\n"
              "os._exit(0)  # as if killed: the workers are told nothing\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    pids = [int(p) for p in out.split()]
    assert len(pids) == 2

    def running(pid: int) -> bool:
        stat = Path(f"/proc/{pid}/stat")
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
        except (FileNotFoundError, ProcessLookupError):
            return False

    deadline = time.monotonic() + 60  # they look every 2 s; a loaded machine is slow
    while any(map(running, pids)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(running, pids))


def test_a_worker_ends_when_the_parent_it_was_given_is_not_its_parent():
    """The parent's pid is taken before the fork: a child that read it itself could
    read init's, if the parent died before the child ran, and then live on."""
    import multiprocessing
    from functools import partial

    from claimledger.copies.detect import _Worker
    from claimledger.copies.processes import _serve
    context = multiprocessing.get_context("fork")
    tasks, results = context.Queue(), context.Queue()
    gone = os.getpid() + 1_000_000  # not this process: as if the parent had died
    child = context.Process(target=_serve, args=(tasks, results, partial(_Worker, 10), gone), daemon=True)
    child.start()
    child.join(60)
    alive = child.is_alive()
    if alive:
        child.kill()
    assert not alive and child.exitcode == 0
