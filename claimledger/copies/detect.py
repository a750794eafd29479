"""Find the passages each new or changed article shares with the stored corpus.

Incremental: ``find_copies`` takes the articles the index lacks (or holds an older
version of), asks the LSH index (kept in the database, loaded per run: ``index``)
for candidate articles, aligns the texts exactly, stores what it found on both
sides, and only then adds the article's keys to the index. Articles stored before
are never indexed again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from ..model import Article, Copy, Passage
from ..store.base import Store
import numpy as np

from .align import Match, align, seeds
from .index import BandIndex
from .shingle import Tokens, band_keys, sentence_spans, tokens, units

_CLOSE = re.compile(r"[.!?…;:,]?[\"”’')\]]*")
_OPEN = re.compile(r"[\"“‘'(\[]+$")


@dataclass(frozen=True)
class Options:
    min_chars: int = 40          # a passage shorter than this (on either side) is not a copy
    min_similarity: float = 0.8  # word similarity of the two passages
    min_coverage: float = 0.5    # share of a sentence (on one side at least) the passage covers
    max_candidates: int = 50     # articles aligned per new article, those sharing most keys first
    min_shared: int = 2          # band keys a candidate shares, unless one is rare (see _candidates)


@dataclass
class CopyReport:
    indexed: int = 0
    passages: int = 0  # copied passages found (each pair of spans once)


@dataclass(frozen=True)
class _Text:
    """An article's text prepared for alignment."""
    article: Article
    toks: Tokens
    sentences: tuple[tuple[int, int], ...]

    @cached_property
    def seeds(self) -> dict:
        """align.seeds of the words, kept: a text may be aligned with many others."""
        return seeds(self.toks.words)


def find_copies(store: Store, options: Options = Options(), batch: int = 256) -> CopyReport:
    """Index every article the copy index lacks and record the copies it takes part in.

    Each ``batch`` of articles is one transaction; an interrupted run loses at most
    the batch under way, and the next run takes it up again.
    """
    report = CopyReport()
    todo = store.copy_index_todo()
    if not todo:
        return report
    ids: dict[int, str] = {}
    index = BandIndex.load(_stored_keys(store, ids))
    prepared = lru_cache(maxsize=8192)(lambda id: _prepare(store.article(id)))
    for at in range(0, len(todo), batch):
        order = store.ingest_order(todo[at:at + batch])
        with store.transaction():
            for article_id in todo[at:at + batch]:
                if article_id in order:
                    ids[order[article_id]] = article_id
                    report.passages += _check(store, index, ids, prepared, article_id,
                                              order[article_id], options)
                report.indexed += 1
    return report


def _stored_keys(store: Store, ids: dict[int, str]):
    """(seq, keys) of every indexed article, noting its id in ``ids``."""
    for id, seq, keys in store.copy_index():
        ids[seq] = id
        yield seq, keys


def _check(store: Store, index: BandIndex, ids: dict[int, str], prepared, article_id: str,
           seq: int, options: Options) -> int:
    """Align one article with its candidates, store the copies, then index it."""
    new = prepared(article_id)
    if new is None:
        return 0
    keys = np.sort(np.fromiter(band_keys(new.toks, units(new.toks, list(new.sentences))), np.int64))
    which, seqs = index.lookup(keys)
    others = seqs != seq
    which, seqs = which[others], seqs[others]
    held = np.bincount(which, minlength=len(keys))
    order = {article_id: seq, **{ids[s]: s for s in _candidates(which, seqs, held, index.cap,
                                                                 options)}}
    found = []
    for other_id in list(order)[1:]:
        other = prepared(other_id)
        if other is not None:
            found.extend(copies_between(new, other, order, options))
    store.replace_copies(article_id, found)
    store.put_copy_keys(article_id, index.add(seq, keys, held).tolist())
    return len(found)


def _candidates(which: np.ndarray, seqs: np.ndarray, held: np.ndarray, cap: int,
                options: Options) -> list[int]:
    """Seqs of the articles to align, most shared keys first: those sharing ``min_shared``
    keys, or a key fewer than ``cap`` articles hold. A key held by ``cap`` is often a
    common bigram's chance, and alone it would make every article a candidate of the
    first ``cap``; a copied sentence shares several keys."""
    candidates, shared = np.unique(seqs, return_counts=True)
    rare = np.unique(seqs[held[which] < cap])
    ok = (shared >= options.min_shared) | np.isin(candidates, rare)
    candidates, shared = candidates[ok], shared[ok]
    return candidates[np.lexsort((candidates, -shared))][:options.max_candidates].tolist()


def _prepare(article: Article | None) -> _Text | None:
    if article is None:
        return None
    toks = tokens(article.text)
    return _Text(article, toks, tuple(sentence_spans(article.text)))


def copies_between(x: _Text, y: _Text, order: dict[str, int], options: Options) -> list[Copy]:
    """The passages x and y share, each told which side came first."""
    first, then = (x, y) if _first_key(x.article, order) <= _first_key(y.article, order) else (y, x)
    out = []
    for m in align(first.toks, then.toks, first.seeds, then.seeds):
        a = _chars(first, m.a_start, m.a_end)
        b = _chars(then, m.b_start, m.b_end)
        if not _keep(first, a, then, b, m, options):
            continue
        out.append(Copy(Passage(first.article.id, *a), Passage(then.article.id, *b),
                        first.article.text[a[0]:a[1]], m.similarity))
    return out


def _first_key(article: Article, order: dict[str, int]) -> tuple[date, int]:
    """Publication date first (undated after dated), then ingest order."""
    return article.published or date.max, order.get(article.id, 0)


def _chars(t: _Text, i: int, j: int) -> tuple[int, int]:
    """Words [i, j) as characters, with the quotes and end punctuation that close them."""
    text = t.article.text
    start, end = t.toks.starts[i], t.toks.ends[j - 1]
    opening = _OPEN.search(text, max(0, start - 3), start)
    if opening:
        start = opening.start()
    end = _CLOSE.match(text, end).end()
    return start, end


def _keep(x: _Text, a: tuple[int, int], y: _Text, b: tuple[int, int], m: Match,
          options: Options) -> bool:
    if a[1] - a[0] < options.min_chars or b[1] - b[0] < options.min_chars:
        return False
    if m.similarity < options.min_similarity:
        return False
    # a name or stock phrase inside two different sentences is not a copy
    return max(_coverage(x, a), _coverage(y, b)) >= options.min_coverage


def _coverage(t: _Text, span: tuple[int, int]) -> float:
    """Share of the characters of the sentences the span touches that it covers."""
    touched = [(s, e) for s, e in t.sentences if s < span[1] and span[0] < e]
    total = sum(e - s for s, e in touched)
    inside = sum(min(e, span[1]) - max(s, span[0]) for s, e in touched)
    return inside / total if total else 0.0
