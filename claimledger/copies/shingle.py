"""Words with their offsets, the units that are indexed, and their LSH band keys.

Words are lower-cased runs of letters and digits; thousands separators are dropped
("1,500" = "1500"), and links, hashtags and @handles are skipped, so changed
punctuation or quotes and boilerplate tags do not hide a copy. Persian letter forms and
digits are read in one spelling (``extract.fa.normalise``: ي = ی, ٣٧ = ۳۷ = 37).

A unit is a sentence (a long one is cut into overlapping windows). Each unit's word
bigrams become a MinHash signature (datasketch's scheme, computed for all units
at once), cut into bands; a band is one 64-bit key. Two units that share a key are candidates: with 20 bands of 3 rows, a
pair of units whose bigram sets have Jaccard similarity 0.5 shares a key with
probability 0.93, at 0.2 with probability 0.15.
"""
from __future__ import annotations

import re
import zlib
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate

import numpy as np
from datasketch import MinHash

from ..extract.fa.normalise import normalise
from ..extract.segment import split

BANDS, ROWS = 20, 3
NUM_PERM = BANDS * ROWS
MIN_UNIT_WORDS = 5   # shorter sentences are only found as part of a longer passage
WINDOW, STRIDE = 24, 12  # words: sentences longer than WINDOW are indexed in windows

_WORD = re.compile(r"\d+(?:[.,]\d{3})*(?:\.\d+)?|[^\W_]+")
_WORD_PARTS = re.compile(f"({_WORD.pattern})")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")
_NOISE = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+|[#@][\w.]+")


@dataclass(frozen=True)
class Tokens:
    """The words of a text, each with its character span in the text."""
    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.words)

    @cached_property
    def hashes(self) -> np.ndarray:
        """A 32-bit hash (CRC-32) of each word."""
        return np.fromiter(map(_word_hash, self.words), dtype=np.uint32, count=len(self.words))


def tokens(text: str) -> Tokens:
    if not text.isascii() and _ARABIC_SCRIPT.search(text):  # Persian letter forms and digits
        text = normalise(text)  # in one spelling; offsets kept
    if _NOISE.search(text) is None:
        return _plain_tokens(text)
    noise = [m.span() for m in _NOISE.finditer(text)]
    words, starts, ends = [], [], []
    k = 0
    for m in _WORD.finditer(text):
        while k < len(noise) and noise[k][1] <= m.start():
            k += 1
        if k < len(noise) and noise[k][0] <= m.start():
            continue
        word = m.group(0).lower()
        if word[0].isdigit():
            word = word.replace(",", "")
        words.append(word)
        starts.append(m.start())
        ends.append(m.end())
    return Tokens(tuple(words), tuple(starts), tuple(ends))


def _plain_tokens(text: str) -> Tokens:
    """``tokens`` of a text without links, tags or handles, each step over all words at once."""
    parts = _WORD_PARTS.split(text)  # gap, word, gap, word, ..., gap
    found = parts[1::2]
    offsets = list(accumulate(map(len, parts)))
    words = [w.lower() for w in found]
    if "," in text:  # only a number (thousands separators) holds a comma
        words = [w.replace(",", "") for w in words]
    return Tokens(tuple(words), tuple(offsets[0:-1:2]), tuple(offsets[1::2]))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences (the extractor's splitter)."""
    return [(s.start, s.end) for s in split(text)]


def units(toks: Tokens, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Word ranges [i, j) to index: sentences of MIN_UNIT_WORDS or more, long ones in windows."""
    out = []
    i = 0
    for _, end in sentences:
        j = bisect_left(toks.starts, end, i)  # the first word from ``end`` on
        if j - i >= MIN_UNIT_WORDS:
            if j - i <= WINDOW:
                out.append((i, j))
            else:
                out.extend((w, min(w + WINDOW, j)) for w in range(i, j - STRIDE, STRIDE))
        i = j
    return out


def band_keys(toks: Tokens, spans: list[tuple[int, int]]) -> set[int]:
    """The LSH band keys of every unit, as signed 64-bit integers (SQLite's INTEGER)."""
    if not spans:
        return set()
    return set(band_array(signatures(toks, spans)).ravel().tolist())


def bigram_hashes(toks: Tokens) -> np.ndarray:
    """A 32-bit hash of each word bigram: bigram k joins words k and k + 1."""
    ids = toks.hashes
    return ids[:-1] * np.uint32(0x9E3779B1) + ids[1:]


def trigram_hashes(toks: Tokens) -> np.ndarray:
    """A 32-bit hash of each distinct word trigram, sorted: two texts that share no
    value share no trigram, so alignment (seeded by shared trigrams) finds nothing."""
    ids = toks.hashes
    with np.errstate(over="ignore"):
        mixed = _fmix32(ids[:-2] * np.uint32(0x9E3779B1) + ids[1:-1]) * np.uint32(0x85EBCA6B) + ids[2:]
    return np.unique(_fmix32(mixed))


def signatures(toks: Tokens, spans: list[tuple[int, int]]) -> np.ndarray:
    """datasketch's MinHash (scheme affine32) of each unit's bigrams, all units at once.

    datasketch computes one MinHash object at a time, too slowly for 100,000
    articles; this is the same arithmetic on one array (a test checks it gives
    datasketch's hash values exactly). Rows: units; columns: NUM_PERM values.
    """
    a, b = _permutations()
    bigrams = bigram_hashes(toks)
    index = np.concatenate([np.arange(i, j - 1) for i, j in spans])
    mixed = _fmix32(bigrams[index])[:, None]
    with np.errstate(over="ignore"):
        permuted = mixed * a + b  # uint32: wraps modulo 2**32, as datasketch's does
    starts = np.cumsum([0] + [j - 1 - i for i, j in spans[:-1]])
    return np.minimum.reduceat(permuted, starts, axis=0)


def band_array(sigs: np.ndarray) -> np.ndarray:
    """Each unit's BANDS keys: its ROWS values of a band and the band's number, mixed."""
    rows = sigs.astype(np.uint64).reshape(len(sigs), BANDS, ROWS)
    with np.errstate(over="ignore"):
        key = np.arange(BANDS, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        for r in range(ROWS):
            key = (key ^ rows[:, :, r]) * np.uint64(0xBF58476D1CE4E5B9)
            key ^= key >> np.uint64(31)
    return key.view(np.int64)


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    a, b = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32").permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def _fmix32(h: np.ndarray) -> np.ndarray:
    """The MurmurHash3 finalizer, as datasketch's affine32 scheme applies it."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint32(16))
        h = h * np.uint32(0x85EBCA6B)
        h = h ^ (h >> np.uint32(13))
        h = h * np.uint32(0xC2B2AE35)
        return h ^ (h >> np.uint32(16))


@lru_cache(maxsize=1 << 20)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))
