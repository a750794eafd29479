"""The in-memory LSH index: capped posting lists, chunks, and loading stored keys."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from claimledger.copies import find_copies
from claimledger.copies.index import CAP, BandIndex
from claimledger.model import Article
from claimledger.store import open_store


def keys(*values):
    return np.array(values, dtype=np.int64)


def index_all(index, articles):
    for seq, ks in articles:
        which, _ = index.lookup(ks)
        index.add(seq, ks, np.bincount(which, minlength=len(ks)))


def test_lookup_tells_which_key_each_article_holds():
    index = BandIndex()
    index_all(index, [(1, keys(10, 20)), (2, keys(20, 30))])
    which, seqs = index.lookup(keys(30, 20, 99))
    assert sorted(zip(which.tolist(), seqs.tolist())) == [(0, 2), (1, 1), (1, 2)]


def test_a_key_is_held_by_its_first_cap_articles_only():
    index = BandIndex(cap=3)
    index_all(index, [(seq, keys(7, 100 + seq)) for seq in range(1, 7)])
    which, seqs = index.lookup(keys(7, 105))
    assert sorted(seqs[which == 0].tolist()) == [1, 2, 3]
    assert seqs[which == 1].tolist() == [5]


def test_chunks_and_buffer_answer_like_one_index(monkeypatch):
    monkeypatch.setattr("claimledger.copies.index.FLUSH", 4)
    rng = np.random.default_rng(0)
    articles = [(seq, rng.integers(0, 40, 5)) for seq in range(1, 60)]
    chunked, loaded = BandIndex(cap=5), None
    index_all(chunked, articles)
    assert len(chunked._chunks) > 1
    probe = np.arange(45, dtype=np.int64)
    got = chunked.lookup(probe)
    # the same articles stored and loaded whole give the same answer
    one = BandIndex(cap=5)
    stored = []
    for seq, ks in articles:
        which, _ = one.lookup(ks)
        stored.append((seq, one.add(seq, ks, np.bincount(which, minlength=len(ks))).tobytes()))
    loaded = BandIndex.load(stored, cap=5)
    want = loaded.lookup(probe)
    assert sorted(zip(*map(np.ndarray.tolist, got))) == sorted(zip(*map(np.ndarray.tolist, want)))


@pytest.mark.parametrize("loaded", [False, True])
def test_seqs_past_32_bits_widen_the_index_and_answer_like_small_ones(monkeypatch, loaded):
    """Seqs are kept in 32 bits while they fit; a bigger one (added, or loaded) widens
    every chunk, and each answer is the small seqs' answer shifted by the offset."""
    monkeypatch.setattr("claimledger.copies.index.FLUSH", 4)
    rng = np.random.default_rng(1)
    articles = [(seq, rng.integers(0, 40, 5)) for seq in range(1, 40)]
    small = BandIndex(cap=5)
    index_all(small, articles)
    assert small._seqs.dtype == np.int32 and all(c.seqs.dtype == np.int32 for c in small._chunks)
    offset = 2**31 + 7
    shifted = [(seq + offset * (seq > 20), ks) for seq, ks in articles]  # half past 32 bits
    if loaded:
        stored, one = [], BandIndex(cap=5)
        for seq, ks in shifted:
            which, _ = one.lookup(ks)
            stored.append((seq, one.add(seq, ks, np.bincount(which, minlength=len(ks))).tobytes()))
        big = BandIndex.load(stored, cap=5)
    else:
        big = BandIndex(cap=5)
        index_all(big, shifted)
    assert big._seqs.dtype == np.int64 and all(c.seqs.dtype == np.int64 for c in big._chunks)
    probe = np.arange(45, dtype=np.int64)
    which, seqs = small.lookup(probe)
    want = sorted(zip(which.tolist(), (seqs + offset * (seqs > 20)).tolist()))
    assert sorted(zip(*map(np.ndarray.tolist, big.lookup(probe)))) == want


def test_boilerplate_in_many_articles_is_still_found_against_the_first(tmp_path):
    stock = ("The agency could not independently verify the figures given by the group, "
             "which the government calls a terrorist organisation.")
    with open_store(tmp_path / "c.db") as store:
        for n in range(CAP + 8):
            own = " ".join(f"word{n}x{k}" for k in range(12)) + "."  # shared by none
            store.put_article(Article(id=f"r{n:02d}", text=own + " " + stock,
                                      published=date(2020, 1, 1 + n)))
        find_copies(store)
        pairs = {(c.first.article, c.copy.article) for c in store.copies()}
    later = {f"r{n:02d}" for n in range(1, CAP + 8)}
    assert {copy for _, copy in pairs} == later       # every later report is found copying
    assert {first for first, _ in pairs} <= {f"r{n:02d}" for n in range(CAP)}
