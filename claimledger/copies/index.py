"""The LSH index during a run: band key -> the articles (by ingest seq) that hold it.

The keys persist in the database, one blob per article (``copy_indexed.keys``);
a run loads them into sorted numpy arrays, so a lookup is a binary search and
indexing an article appends to a buffer. One B-tree row per key cost too much:
inserting 10 million random keys into SQLite took 140-180 s, growing faster than
the corpus, whatever the page cache.

Posting lists are capped: a key that ``cap`` articles hold already (a stock
sentence repeated in thousands of reports) is not indexed again, so boilerplate
makes an article a candidate of its first ``cap`` holders only, not of all.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

CAP = 12          # articles indexed per band key
FLUSH = 1 << 12   # buffered keys that become one sorted chunk


class BandIndex:
    def __init__(self, cap: int = CAP):
        self.cap = cap
        self._chunks: list[tuple[np.ndarray, np.ndarray]] = []  # (keys, seqs), sorted by key
        self._buffer: list[tuple[np.ndarray, int]] = []  # (keys, seq) not in a chunk yet
        self._buffered = 0
        self._pending: tuple[np.ndarray, np.ndarray] | None = None  # the buffer, sorted

    @classmethod
    def load(cls, stored: Iterable[tuple[int, bytes]], cap: int = CAP) -> BandIndex:
        """The index of stored (seq, keys blob) pairs, in the order they were indexed."""
        index, keys, seqs = cls(cap), [], []
        for seq, blob in stored:
            k = np.frombuffer(blob, dtype="<i8")
            keys.append(k)
            seqs.append(np.full(len(k), seq, dtype=np.int64))
        if keys:
            index._append(np.concatenate(keys), np.concatenate(seqs))
        return index

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position in ``keys``, seq) of the first ``cap`` articles holding each key."""
        if self._buffer and self._pending is None:
            k, s = self._buffer_arrays()
            order = np.argsort(k, kind="stable")
            self._pending = k[order], s[order]
        chunks = self._chunks + ([self._pending] if self._buffer else [])
        found_k, found_s = [], []
        for ck, cs in chunks:
            lo = np.searchsorted(ck, keys, "left")
            n = np.minimum(np.searchsorted(ck, keys, "right") - lo, self.cap)
            total = int(n.sum())
            if total:
                found_k.append(np.repeat(np.arange(len(keys)), n))
                found_s.append(cs[np.repeat(lo, n) + np.arange(total) - np.repeat(np.cumsum(n) - n, n)])
        if not found_k:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        which, seqs = np.concatenate(found_k), np.concatenate(found_s)
        if len(found_k) > 1:  # the cap across chunks
            order = np.argsort(which, kind="stable")
            which, seqs = which[order], seqs[order]
            keep = np.arange(len(which)) - np.searchsorted(which, which, "left") < self.cap
            which, seqs = which[keep], seqs[keep]
        return which, seqs

    def add(self, seq: int, keys: np.ndarray, held: np.ndarray) -> np.ndarray:
        """Index the keys that fewer than ``cap`` articles hold (``held``: how many do);
        returns them, for the store."""
        kept = keys[held < self.cap]
        self._buffer.append((kept, seq))
        self._buffered += len(kept)
        self._pending = None
        if self._buffered >= FLUSH:
            self._append(*self._buffer_arrays())
            self._buffer, self._buffered = [], 0
        return kept

    def _buffer_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        keys = np.concatenate([k for k, _ in self._buffer])
        seqs = np.repeat([s for _, s in self._buffer], [len(k) for k, _ in self._buffer])
        return keys, seqs.astype(np.int64)

    def _append(self, keys: np.ndarray, seqs: np.ndarray) -> None:
        """A new sorted chunk; chunks of like size merge, so there are few (log n)."""
        order = np.argsort(keys, kind="stable")  # stable: first indexed stays first
        self._chunks.append((keys[order], seqs[order]))
        while len(self._chunks) > 1 and len(self._chunks[-2][0]) <= 2 * len(self._chunks[-1][0]):
            (k1, s1), (k2, s2) = self._chunks.pop(-2), self._chunks.pop()
            keys, seqs = np.concatenate([k1, k2]), np.concatenate([s1, s2])
            order = np.argsort(keys, kind="stable")
            self._chunks.append((keys[order], seqs[order]))
