"""Find the passages each new or changed article shares with the stored corpus.

Incremental: ``CopyFinder.update`` takes the articles the index lacks (or holds an
older version of), asks the LSH index (kept in the database, loaded once per
finder: ``index``) for candidate articles, aligns the texts exactly, stores what it
found on both sides, and adds the article's keys to the index. Articles stored
before are never indexed again. ``find_copies`` is one finder's one update.

Preparing a text (words, sentences, band keys) and aligning it with its candidates
are pure functions of the texts; on a large run they go to worker processes, batch
by batch, while this process looks the keys up, keeps the index and writes. The
index is updated in article order whoever does the rest, so the copies found are
the same with or without workers. A caller whose own workers have read the texts
already (a Dask worker, beside extraction) hands their ``prepare`` over with
``update``, so this process does not prepare them again.
"""
from __future__ import annotations

import os
import re
import sys
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, partial

import numpy as np

from ..model import Article, Copy, Passage
from ..store.base import Store
from .align import Match, align, seeds
from .index import BandIndex, Packed
from .processes import Done, Here, Pending, Workers
from .prepared import Prepared, sorted_keys
from .shingle import Tokens, sentence_spans, tokens, trigram_hashes

_CLOSE = re.compile(r"[.!?…;:,]?[\"”’')\]]*")
_OPEN = re.compile(r"[\"“‘'(\[]+$")

Progress = Callable[[int, int], None]
"""``progress(indexed, total)``: articles indexed so far in an update, of how many."""

CACHE = 8192          # prepared texts kept (split among the workers)
PARALLEL_MIN = 1000   # articles to index before worker processes pay off
MAX_WORKERS = 4


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

    def band_keys(self) -> np.ndarray:
        """The text's band keys, sorted."""
        return sorted_keys(self.toks, self.sentences)


def find_copies(store: Store, options: Options = Options(), batch: int = 256,
                workers: int | None = None, progress: Progress | None = None) -> CopyReport:
    """Index every article the copy index lacks and record the copies it takes part in.

    Each ``batch`` of articles is one transaction; an interrupted run loses at most
    the batches under way, and the next run takes them up again. ``workers``: see
    ``CopyFinder``; ``progress``: see ``CopyFinder.update``.
    """
    return CopyFinder(store, options, batch, workers).update(progress=progress)


class CopyFinder:
    """The copy index of a store, kept in memory between updates.

    ``update()`` indexes the articles committed since the last one, so a caller that
    commits batch after batch can call it after each, without reloading the index:
    the copies found are the same as one ``find_copies`` after the last batch.
    ``workers``: processes that prepare and align texts beside this one; None: one
    per core (at most MAX_WORKERS) on a run of PARALLEL_MIN articles or more on Linux,
    none on a smaller run or where forking is unsafe (other threads running); 0: none.
    """

    def __init__(self, store: Store, options: Options = Options(), batch: int = 256,
                 workers: int | None = None):
        self.store, self.options, self.batch, self.workers = store, options, batch, workers
        self._index: BandIndex | None = None  # loaded by the first update with work
        self._ids: dict[int, str] = {}  # seq -> id of every indexed article
        self._trigrams = Packed()  # seq -> trigram hashes, of those indexed here
        self._local: _Worker | None = None  # this process's texts, when it has no workers

    def update(self, among: Collection[str] | None = None,
               prepared: Mapping[str, Prepared] | None = None,
               progress: Progress | None = None) -> CopyReport:
        """Index the articles the copy index lacks now; record the copies they take part in.

        ``among``: the ids just committed, when the caller knows them: once the index is
        loaded, only these are looked at, not the whole store (the first update always
        looks at the whole store, so articles an interrupted run left are indexed too).
        ``prepared``: ``prepare`` of some of them, by id, done elsewhere; one whose text
        is not the stored article's is ignored (the article is prepared here).
        ``progress(indexed, total)`` is told after each batch is written."""
        report = CopyReport()
        todo = self.store.copy_index_todo(among if self._index is not None else None)
        if not todo:
            return report
        try:
            self._update(todo, report, prepared or {}, progress)
        except BaseException:
            self._index = None  # it may hold articles not stored: load it again next time
            raise
        return report

    def _update(self, todo: list[str], report: CopyReport, prepared: Mapping[str, Prepared],
                progress: Progress | None) -> None:
        order = self.store.ingest_order(todo)
        if self._index is None:
            self._ids, self._trigrams = {}, Packed()
            self._index = BandIndex.load(_stored_keys(self.store, self._ids))
        else:  # new versions of indexed articles: their old keys go first
            stale = [order[id] for id in todo if order.get(id) in self._ids]
            self._index.drop(stale)
            for seq in stale:
                del self._ids[seq]
                self._trigrams.pop(seq, None)
        batches = [todo[at:at + self.batch] for at in range(0, len(todo), self.batch)]
        n = self._worker_count(len(todo))
        if n:
            workers: Workers | Here = Workers(n, partial(_Worker, CACHE // n), "claimledger-copies")
        else:
            if self._local is None:
                self._local = _Worker(CACHE)
            workers = Here(self._local)
        try:
            self._run(batches, order, workers, max(n, 1), report, prepared,
                      (lambda done: progress(done, len(todo))) if progress else None)
        except BaseException:
            workers.close(failed=True)
            raise
        workers.close()

    def _run(self, batches: list[list[str]], order: dict[str, int], workers: Workers | Here,
             n: int, report: CopyReport, given: Mapping[str, Prepared],
             told: Callable[[int], None] | None) -> None:
        """Batch b goes to worker b % n; n batches are prepared ahead, and n - 1 aligned
        ahead of the one written, so the workers are busy while this process looks up."""
        ahead: dict[int, tuple[list, Pending | Done]] = {}
        aligned: deque = deque()

        def read_ahead(b: int) -> None:
            stored = self.store.articles_among([id for id in batches[b] if id in order])
            items = [(id, order[id], stored.get(id)) for id in batches[b] if id in order]
            done = {id: given[id] for id, _, _ in items if id in given}
            ahead[b] = items, workers.submit(b % n, "keys", [a for _, _, a in items], done)

        for b in range(min(n, len(batches))):
            read_ahead(b)
        for b in range(len(batches)):
            items, keys = ahead.pop(b)
            if b + n < len(batches):
                read_ahead(b + n)
            jobs, writes = self._look_up(items, keys.result())
            aligned.append((len(batches[b]), writes, workers.submit(b % n, "align", jobs, self.options)))
            if len(aligned) >= n:
                self._write(*aligned.popleft(), report, told)
        while aligned:
            self._write(*aligned.popleft(), report, told)

    def _worker_count(self, todo: int) -> int:
        if self.workers is not None:
            return max(0, self.workers)
        # fork is unsafe with other threads running, and on macOS whatever runs
        if todo < PARALLEL_MIN or threading.active_count() > 1 or not sys.platform.startswith("linux"):
            return 0
        return min(os.cpu_count() or 1, MAX_WORKERS)

    def _look_up(self, items: list, prepared: list[tuple[np.ndarray, np.ndarray] | None]
                 ) -> tuple[list, list]:
        """Candidates of each article of a batch, in order, each indexed after its lookup:
        (alignment jobs, (id, keys to store) of each)."""
        index, ids, trigrams, jobs, writes = self._index, self._ids, self._trigrams, [], []
        for article_id, seq, _ in items:
            ids[seq] = article_id
        items = [(item, p) for item, p in zip(items, prepared) if p is not None]
        looked_up = index.lookup_many([new_keys for _, (new_keys, _) in items])
        candidates = []
        for (which, seqs), ((article_id, seq, article), (new_keys, tri)) in zip(looked_up, items):
            others = seqs != seq
            which, seqs = which[others], seqs[others]
            held = np.bincount(which, minlength=len(new_keys))
            found = _sharing(tri, _candidates(which, seqs, held, index.cap, self.options), trigrams)
            candidates.append((article, seq, {ids[s]: s for s in found}))
            writes.append((article_id, index.add(seq, new_keys, held)))
            trigrams[seq] = tri
        # the candidates' texts in one query, not one each
        stored = self.store.articles_among({id for _, _, found in candidates for id in found})
        for article, seq, found in candidates:
            jobs.append((article, [stored.get(id) for id in found], {article.id: seq, **found}))
        return jobs, writes

    def _write(self, size: int, writes: list, aligned: Pending | Done, report: CopyReport,
               told: Callable[[int], None] | None = None) -> None:
        found = aligned.result()
        with self.store.transaction():
            for (article_id, keys), copies in zip(writes, found):
                self.store.replace_copies(article_id, copies)
                self.store.put_copy_keys(article_id, keys.tolist())
                report.passages += len(copies)
        report.indexed += size
        if told:
            told(report.indexed)


def _stored_keys(store: Store, ids: dict[int, str]):
    """(seq, keys) of every indexed article, noting its id in ``ids``."""
    for id, seq, keys in store.copy_index():
        ids[seq] = id
        yield seq, keys


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


def _sharing(trigrams: np.ndarray, candidates: list[int], known: Packed) -> list[int]:
    """The candidates that may share a word trigram with the text of ``trigrams`` (all
    whose trigrams are not ``known``): alignment finds nothing in the others. Most
    candidates that share one key share it by chance (two short sentences made of
    common word pairs), more of them the larger the corpus, and no trigram at all."""
    out = []
    for seq in candidates:
        theirs = known.get(seq)
        if theirs is not None:
            at = np.minimum(np.searchsorted(trigrams, theirs), len(trigrams) - 1)
            if not len(trigrams) or not (trigrams[at] == theirs).any():
                continue
        out.append(seq)
    return out


def _prepare(article: Article | None) -> _Text | None:
    if article is None:
        return None
    toks = tokens(article.text)
    return _Text(article, toks, tuple(sentence_spans(article.text)))


class _Worker:
    """Prepares and aligns texts (pure work), keeping the last ``size`` prepared."""

    def __init__(self, size: int):
        self.size = size
        self._texts: OrderedDict[str, _Text] = OrderedDict()

    def text(self, article: Article | None) -> _Text | None:
        if article is None:
            return None
        kept = self._texts.get(article.id)
        if kept is not None and kept.article == article:
            self._texts.move_to_end(article.id)
            return kept
        return self._keep(_prepare(article))

    def _keep(self, text: _Text) -> _Text:
        self._texts[text.article.id] = text
        self._texts.move_to_end(text.article.id)
        if len(self._texts) > self.size:
            self._texts.popitem(last=False)
        return text

    def keys(self, articles: Sequence[Article | None], given: Mapping[str, Prepared] | None = None
             ) -> list[tuple[np.ndarray, np.ndarray] | None]:
        """The band keys and trigram hashes of each text; those ``given`` (by id, for
        the same text) are taken as they are, their words kept for alignment."""
        out: list[tuple[np.ndarray, np.ndarray] | None] = []
        for article in articles:
            done = given.get(article.id) if given and article is not None else None
            if done is not None and done.text == article.text:
                self._keep(_Text(article, done.toks, done.sentences))
                out.append((done.keys, done.trigrams))
                continue
            t = self.text(article)
            out.append(None if t is None else (t.band_keys(), trigram_hashes(t.toks)))
        return out

    def align(self, jobs: Sequence[tuple[Article, list[Article | None], dict[str, int]]],
              options: Options) -> list[list[Copy]]:
        out = []
        for article, others, order in jobs:
            new, found = self.text(article), []
            for other in map(self.text, others):
                if other is not None:
                    found.extend(copies_between(new, other, order, options))
            out.append(found)
        return out


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
