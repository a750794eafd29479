"""The LSH index during a run: band key -> the articles (by ingest seq) that hold it.

The keys persist in the database, one blob per article (``copy_indexed.keys``);
a run loads them into sorted numpy arrays, so a lookup is a search in a few sorted
chunks and indexing an article appends to a buffer. One B-tree row per key cost
too much: inserting 10 million random keys into SQLite took 140-180 s, growing
faster than the corpus, whatever the page cache.

A chunk's keys are sorted and uniformly spread (they are hashes), so each chunk
keeps where every bucket of its top bits starts (``_Chunk``): a lookup reads a few
neighbouring entries instead of binary-searching 10 million, three times faster
at 100,000 articles.

Seqs are kept as 32-bit integers (12 bytes an entry with the key, not 16: a
quarter less memory for the index, which follows the corpus), and as 64-bit ones
from the first seq that does not fit.

Posting lists are capped: a key that ``cap`` articles hold already (a stock
sentence repeated in thousands of reports) is not indexed again, so boilerplate
makes an article a candidate of its first ``cap`` holders only, not of all.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence

import numpy as np

CAP = 12          # articles indexed per band key
FLUSH = 1 << 12   # buffered keys that become one sorted chunk
_SIGN = np.uint64(1 << 63)
_NARROW = np.int32  # seqs, while they fit
_NARROW_MAX = int(np.iinfo(_NARROW).max)


class _Chunk:
    """Keys sorted (equal keys in the order they were indexed) with their seqs, and
    the offset of each bucket of the keys' top ``bits`` bits (about 4 keys a bucket)."""

    def __init__(self, keys: np.ndarray, seqs: np.ndarray):
        self.keys, self.seqs = keys, seqs
        self.bits = max(1, int(np.log2(max(len(keys), 8) / 4)))
        counts = np.bincount(self._bucket(keys), minlength=1 << self.bits)
        self.starts = np.zeros(len(counts) + 1, np.int64)
        np.cumsum(counts, out=self.starts[1:])
        self.width = np.arange(int(counts.max()) if len(keys) else 0)

    def __len__(self) -> int:
        return len(self.keys)

    def _bucket(self, keys: np.ndarray) -> np.ndarray:
        # signed order = unsigned order of the key with its sign bit flipped
        return (keys.view(np.uint64) ^ _SIGN) >> np.uint64(64 - self.bits)

    def find(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(first position, count) of each key: ``np.searchsorted`` left and right."""
        if not len(self.keys):
            return np.zeros(len(keys), np.int64), np.zeros(len(keys), np.int64)
        bucket = self._bucket(keys)
        first, size = self.starts[bucket], self.starts[bucket + 1] - self.starts[bucket]
        near = self.keys[np.minimum(first[:, None] + self.width, len(self.keys) - 1)]
        inside = self.width < size[:, None]
        lo = first + ((near < keys[:, None]) & inside).sum(axis=1)
        return lo, ((near == keys[:, None]) & inside).sum(axis=1)


class BandIndex:
    def __init__(self, cap: int = CAP):
        self.cap = cap
        self._chunks: list[_Chunk] = []  # sorted by key, oldest first
        # keys (and their seqs) not in a chunk yet, sorted, equal keys in indexing order
        self._keys, self._seqs = np.empty(0, np.int64), np.empty(0, _NARROW)
        self._holding = False  # lookup_many under way: chunks stay as they are

    @classmethod
    def load(cls, stored: Iterable[tuple[int, bytes]], cap: int = CAP) -> BandIndex:
        """The index of stored (seq, keys blob) pairs, in the order they were indexed."""
        index, keys, seqs = cls(cap), [], []
        for seq, blob in stored:
            k = np.frombuffer(blob, dtype="<i8")
            keys.append(k)
            seqs.append(np.full(len(k), seq, dtype=np.int64 if seq > _NARROW_MAX else _NARROW))
        if keys:
            every = np.concatenate(seqs)  # 64-bit if one of them is
            index._widen(every.dtype)
            index._append(np.concatenate(keys).astype(np.int64, copy=False), every)
        return index

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position in ``keys``, seq) of the first ``cap`` articles holding each key."""
        (found,) = self.lookup_many([keys])
        return found

    def lookup_many(self, keys: Sequence[np.ndarray]) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """``lookup`` of each array of keys in turn, each answered after what the caller
        added since the one before; the chunks are searched once for all of them (no
        chunk changes until the last answer: the buffer takes every key added)."""
        ends = np.cumsum([len(k) for k in keys])
        every = np.concatenate(keys) if len(keys) else np.empty(0, np.int64)
        found = [(*c.find(every), c.seqs) for c in self._chunks]
        self._holding = True
        try:
            for k, end in zip(keys, ends):
                part = slice(end - len(k), end)
                yield self._collect(len(k), [(lo[part], n[part], seqs) for lo, n, seqs in found]
                                    + self._in_buffer(k))
        finally:
            self._holding = False
            self._flush()

    def _in_buffer(self, keys: np.ndarray) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        if not len(self._keys):
            return []
        lo = np.searchsorted(self._keys, keys, "left")
        return [(lo, np.searchsorted(self._keys, keys, "right") - lo, self._seqs)]

    def _collect(self, size: int, parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]
                 ) -> tuple[np.ndarray, np.ndarray]:
        """(which, seqs) of (first position, count, seqs) of each key in each part, oldest
        part first, ``cap`` holders a key at most."""
        found_k, found_s = [], []
        for lo, n, seqs in parts:
            n = np.minimum(n, self.cap)
            total = int(n.sum())
            if total:
                found_k.append(np.repeat(np.arange(size), n))
                found_s.append(seqs[np.repeat(lo, n) + np.arange(total) - np.repeat(np.cumsum(n) - n, n)])
        if not found_k:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        which, seqs = np.concatenate(found_k), np.concatenate(found_s)
        if len(found_k) > 1:  # the cap across parts
            order = np.argsort(which, kind="stable")
            which, seqs = which[order], seqs[order]
            keep = np.arange(len(which)) - np.searchsorted(which, which, "left") < self.cap
            which, seqs = which[keep], seqs[keep]
        return which, seqs

    def add(self, seq: int, keys: np.ndarray, held: np.ndarray) -> np.ndarray:
        """Index the keys that fewer than ``cap`` articles hold (``held``: how many do);
        returns them, for the store."""
        kept = keys[held < self.cap]
        if seq > _NARROW_MAX:
            self._widen(np.dtype(np.int64))
        new = np.sort(kept)
        at = np.searchsorted(self._keys, new, "right")  # after the older holders
        self._keys = np.insert(self._keys, at, new)
        self._seqs = np.insert(self._seqs, at, seq)
        if not self._holding:
            self._flush()
        return kept

    def _flush(self) -> None:
        if len(self._keys) >= FLUSH:
            self._append(self._keys, self._seqs)
            self._keys, self._seqs = np.empty(0, np.int64), np.empty(0, self._seqs.dtype)

    def _widen(self, dtype: np.dtype) -> None:
        """Seqs as ``dtype`` from now on, if it is wider than theirs."""
        if np.dtype(dtype).itemsize <= self._seqs.dtype.itemsize:
            return
        self._seqs = self._seqs.astype(dtype)
        for c in self._chunks:
            c.seqs = c.seqs.astype(dtype)

    def drop(self, seqs: Collection[int]) -> None:
        """Forget the keys of these articles (a new version of each is indexed next)."""
        if not seqs:
            return
        gone = np.fromiter(seqs, np.int64)
        chunks, self._chunks = self._chunks, []
        for c in chunks:
            keep = ~np.isin(c.seqs, gone)
            self._chunks.append(c if keep.all() else _Chunk(c.keys[keep], c.seqs[keep]))
        keep = ~np.isin(self._seqs, gone)
        self._keys, self._seqs = self._keys[keep], self._seqs[keep]

    def _append(self, keys: np.ndarray, seqs: np.ndarray) -> None:
        """A new chunk; chunks of like size merge, so there are few (log n)."""
        if len(keys) > 1 and (keys[1:] < keys[:-1]).any():
            order = np.argsort(keys, kind="stable")  # stable: first indexed stays first
            keys, seqs = keys[order], seqs[order]
        self._chunks.append(_Chunk(keys, seqs))
        while len(self._chunks) > 1 and len(self._chunks[-2]) <= 2 * len(self._chunks[-1]):
            newer = self._chunks.pop()
            self._chunks.append(_Chunk(*_merge(self._chunks.pop(), newer)))


def _merge(older: _Chunk, newer: _Chunk) -> tuple[np.ndarray, np.ndarray]:
    """The keys and seqs of two chunks in one sorted run, the older's first among equal keys."""
    at = np.searchsorted(older.keys, newer.keys, "right") + np.arange(len(newer))
    keys = np.empty(len(older) + len(newer), np.int64)
    seqs = np.empty(len(keys), np.result_type(older.seqs, newer.seqs))
    keys[at], seqs[at] = newer.keys, newer.seqs
    rest = np.ones(len(keys), bool)
    rest[at] = False
    keys[rest], seqs[rest] = older.keys, older.seqs
    return keys, seqs


class Packed:
    """seq -> a short uint32 array (an article's trigram hashes), all in one growing
    buffer: 4 bytes a value and 12 an entry, where a dict of numpy arrays costs about
    150 bytes an entry besides the values (150 MB more for a million articles)."""

    def __init__(self):
        self._data, self._used = np.empty(1 << 16, np.uint32), 0
        self._start = np.full(1 << 10, -1, np.int64)
        self._size = np.zeros(1 << 10, np.int32)

    def __setitem__(self, seq: int, values: np.ndarray) -> None:
        if seq >= len(self._start):
            grown = max(2 * len(self._start), seq + 1)
            self._start = np.concatenate([self._start, np.full(grown - len(self._start), -1, np.int64)])
            self._size = np.concatenate([self._size, np.zeros(grown - len(self._size), np.int32)])
        n = len(values)
        if self._used + n > len(self._data):
            data = np.empty(max(2 * len(self._data), self._used + n), np.uint32)
            data[:self._used] = self._data[:self._used]
            self._data = data
        self._data[self._used:self._used + n] = values
        self._start[seq], self._size[seq] = self._used, n
        self._used += n

    def get(self, seq: int, default=None) -> np.ndarray | None:
        """The values of ``seq`` (a view: do not keep it across changes), or ``default``."""
        if not 0 <= seq < len(self._start) or self._start[seq] < 0:
            return default
        at = int(self._start[seq])
        return self._data[at:at + int(self._size[seq])]

    def pop(self, seq: int, default=None) -> np.ndarray | None:
        """Forget ``seq`` (its values' room is not reused); its values, or ``default``."""
        values = self.get(seq, default)
        if values is not default:
            values = values.copy()
            self._start[seq] = -1
        return values
