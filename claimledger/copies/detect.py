"""Find the passages each new or changed article shares with the stored corpus.

Incremental: ``find_copies`` takes the articles the index lacks (or holds an older
version of), asks the persistent LSH index for candidate articles, aligns the
texts exactly, stores what it found on both sides, and only then adds the
article's keys to the index. Articles stored before are never indexed again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..model import Article, Copy, Passage
from ..store.base import Store
from .align import Match, align
from .shingle import Tokens, band_keys, sentence_spans, tokens, units

_CLOSE = re.compile(r"[.!?…;:,]?[\"”’')\]]*")
_OPEN = re.compile(r"[\"“‘'(\[]+$")


@dataclass(frozen=True)
class Options:
    min_chars: int = 40          # a passage shorter than this (on either side) is not a copy
    min_similarity: float = 0.8  # word similarity of the two passages
    min_coverage: float = 0.5    # share of a sentence (on one side at least) the passage covers
    max_candidates: int = 200    # articles aligned per new article, those sharing most keys first


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


def find_copies(store: Store, options: Options = Options(), batch: int = 256) -> CopyReport:
    """Index every article the copy index lacks and record the copies it takes part in.

    Each ``batch`` of articles is one transaction; an interrupted run loses at most
    the batch under way, and the next run takes it up again.
    """
    report = CopyReport()
    prepared = lru_cache(maxsize=8192)(lambda id: _prepare(store.article(id)))
    todo = store.copy_index_todo()
    for at in range(0, len(todo), batch):
        with store.transaction():
            for article_id in todo[at:at + batch]:
                report.passages += _check(store, prepared, article_id, options)
                report.indexed += 1
    return report


def _check(store: Store, prepared, article_id: str, options: Options) -> int:
    """Align one article with its candidates, store the copies, then index it."""
    new = prepared(article_id)
    if new is None:
        return 0
    keys = band_keys(new.toks, units(new.toks, list(new.sentences)))
    candidates = [c for c in store.copy_candidates(keys, options.max_candidates + 1)
                  if c != article_id][:options.max_candidates]
    order = store.ingest_order([article_id, *candidates]) if candidates else {}
    found = []
    for other_id in candidates:
        other = prepared(other_id)
        if other is not None:
            found.extend(copies_between(new, other, order, options))
    store.replace_copies(article_id, found)
    store.put_copy_keys(article_id, keys)
    return len(found)


def _prepare(article: Article | None) -> _Text | None:
    if article is None:
        return None
    return _Text(article, tokens(article.text), tuple(sentence_spans(article.text)))


def copies_between(x: _Text, y: _Text, order: dict[str, int], options: Options) -> list[Copy]:
    """The passages x and y share, each told which side came first."""
    first, then = (x, y) if _first_key(x.article, order) <= _first_key(y.article, order) else (y, x)
    out = []
    for m in align(first.toks, then.toks):
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
