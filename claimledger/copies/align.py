"""Exact alignment of two texts: the passages they share, verbatim or nearly so.

Seed and extend: every word trigram the two texts share is a seed; seeds on the
same diagonal extend into runs of identical words; runs a few words apart on
both sides (a word added, dropped or changed) merge into one passage. Passages
may come in any order (a paragraph moved to the top is still found).
"""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from .shingle import Tokens

SEED = 3        # words in a seed
MAX_GAP = 3     # words added, dropped or changed between two runs of one passage
MAX_REPEAT = 8  # a trigram found more often than this in one text seeds nothing


@dataclass(frozen=True)
class Match:
    """Word ranges [start, end) in the texts a and b, and their word similarity."""
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float


def seeds(words: tuple[str, ...]) -> dict[tuple[str, ...], list[int]]:
    """Where each word trigram of a text starts (worth keeping with a text aligned often)."""
    found: dict[tuple[str, ...], list[int]] = {}
    for i, trigram in enumerate(zip(words, words[1:], words[2:])):
        if trigram in found:
            found[trigram].append(i)
        else:
            found[trigram] = [i]
    return found


def align(a: Tokens, b: Tokens, seeds_a: dict | None = None, seeds_b: dict | None = None
          ) -> list[Match]:
    """Passages of a found again in b, longest first, none overlapping another on both sides.

    ``seeds_a``/``seeds_b`` are the texts' ``seeds``, when the caller keeps them."""
    runs = _runs(seeds(a.words) if seeds_a is None else seeds_a,
                 seeds(b.words) if seeds_b is None else seeds_b)
    passages = _merge(runs)
    for p in passages:
        _extend(p, a.words, b.words)
    passages.sort(key=lambda p: (p[1] - p[0]) + (p[3] - p[2]), reverse=True)
    kept: list[list[int]] = []
    for p in passages:
        if not any(_overlap(p[0], p[1], q[0], q[1]) and _overlap(p[2], p[3], q[2], q[3])
                   for q in kept):
            kept.append(p)
    return [Match(p[0], p[1], p[2], p[3],
                  _similarity(a.words[p[0]:p[1]], b.words[p[2]:p[3]])) for p in kept]


def _runs(seeds_a: dict, seeds_b: dict) -> list[list[int]]:
    """Maximal runs of identical words, as [a_start, a_end, b_start, b_end].

    Only the trigrams both texts hold are visited, in b's order, so a long text
    sharing one sentence costs that sentence, not its length."""
    pairs = sorted((j, i) for t in seeds_a.keys() & seeds_b.keys()
                   if len(seeds_a[t]) <= MAX_REPEAT for j in seeds_b[t] for i in seeds_a[t])
    open_runs: dict[int, list[int]] = {}  # diagonal j - i -> run
    runs = []
    for j, i in pairs:
        run = open_runs.get(j - i)
        if run is not None and run[3] == j + SEED - 1:
            run[1], run[3] = i + SEED, j + SEED
        else:
            run = [i, i + SEED, j, j + SEED]
            open_runs[j - i] = run
            runs.append(run)
    return runs


def _merge(runs: list[list[int]]) -> list[list[int]]:
    """Runs close on both sides become one passage."""
    runs.sort(key=lambda r: (r[2], r[0]))
    passages: list[list[int]] = []
    active: list[list[int]] = []  # passages that a later run may still extend
    for r in runs:
        # runs come in b order: a passage ending too far before this run is closed
        active = [p for p in active if p[3] >= r[2] - MAX_GAP]
        best, best_gap = None, None
        for p in active:
            gap_a, gap_b = r[0] - p[1], r[2] - p[3]
            if -SEED <= gap_a <= MAX_GAP and -SEED <= gap_b <= MAX_GAP:
                gap = abs(gap_a) + abs(gap_b)
                if best_gap is None or gap < best_gap:
                    best, best_gap = p, gap
        if best is None:
            passages.append(list(r))
            active.append(passages[-1])
        else:
            best[1], best[3] = max(best[1], r[1]), max(best[3], r[3])
    return passages


_SKIPS = ((0, 0), (1, 0), (0, 1), (1, 1))
TAIL_WORD = 4  # after a skipped word, a match this long (a content word) extends a passage


def _extend(p: list[int], aw: tuple[str, ...], bw: tuple[str, ...]) -> None:
    """Grow a passage over edge words too short for a seed ("outside the town" / "outside town")."""
    while True:  # forwards
        i, j = p[1], p[3]
        for da, db in _SKIPS:
            if i + da < len(aw) and j + db < len(bw) and aw[i + da] == bw[j + db] \
                    and (da == db == 0 or len(aw[i + da]) >= TAIL_WORD):
                p[1], p[3] = i + da + 1, j + db + 1
                break
        else:
            break
    while True:  # backwards
        i, j = p[0] - 1, p[2] - 1
        for da, db in _SKIPS:
            if i - da >= 0 and j - db >= 0 and aw[i - da] == bw[j - db] \
                    and (da == db == 0 or len(aw[i - da]) >= TAIL_WORD):
                p[0], p[2] = i - da, j - db
                break
        else:
            break


def _overlap(s1: int, e1: int, s2: int, e2: int) -> bool:
    return s1 < e2 and s2 < e1


def _similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if a == b:  # a verbatim copy, the most common: what the ratio gives, without difflib
        return 1.0
    return round(SequenceMatcher(None, a, b, autojunk=False).ratio(), 3)
