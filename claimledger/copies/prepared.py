"""A text prepared for the copy index, anywhere: its words, sentences, band keys and
trigram hashes (pure work, so a Dask worker can do it beside extraction).

    batch = PreparedBatch.of(articles)    # on a worker
    finder.update(ids, batch)             # here: a mapping of id -> Prepared

A batch pickles as a dozen arrays and one string of words, not as thousands of
small objects: sent back from a worker, it costs the receiving process (whose
event loop deserialises it while it also writes) about a tenth of what a dict of
``Prepared`` did.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain

import numpy as np

from ..model import Article
from .shingle import Tokens, band_keys, sentence_spans, tokens, trigram_hashes, units


@dataclass(frozen=True)
class Prepared:
    """What an article's text gives the copy index, prepared anywhere (``prepare``):
    its words and sentences, band keys and trigram hashes. It stands for every
    article of the same ``text``."""
    text: str
    toks: Tokens
    sentences: tuple[tuple[int, int], ...]
    keys: np.ndarray
    trigrams: np.ndarray


def prepare(article: Article) -> Prepared:
    """An article prepared for ``CopyFinder.update(prepared=...)``: pure, so it can run
    on another machine."""
    toks = tokens(article.text)
    sentences = tuple(sentence_spans(article.text))
    return Prepared(article.text, toks, sentences, sorted_keys(toks, sentences), trigram_hashes(toks))


def sorted_keys(toks: Tokens, sentences: tuple[tuple[int, int], ...]) -> np.ndarray:
    """A text's band keys, sorted."""
    return np.sort(np.fromiter(band_keys(toks, units(toks, list(sentences))), np.int64))


class PreparedBatch(Mapping[str, Prepared]):
    """``prepare`` of many articles, by id, that pickles small (see the module)."""

    def __init__(self, items: Mapping[str, Prepared]):
        self._items = dict(items)

    @classmethod
    def of(cls, articles: Iterable[Article]) -> PreparedBatch:
        return cls({a.id: prepare(a) for a in articles})

    def __getitem__(self, id: str) -> Prepared:
        return self._items[id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __reduce__(self):
        return _unpack, _pack(list(self._items.values())) + (list(self._items),)


# Words hold no space (they are runs of letters and digits), so one string joins them.
_JOIN = " "


def _pack(items: list[Prepared]) -> tuple:
    return ([p.text for p in items],
            _JOIN.join(chain.from_iterable(p.toks.words for p in items)),
            _counts(len(p.toks) for p in items),
            _flat([p.toks.starts for p in items], np.int64),
            _flat([p.toks.ends for p in items], np.int64),
            _counts(len(p.sentences) for p in items),
            _flat([np.asarray(p.sentences, np.int64).reshape(-1) for p in items], np.int64),
            _counts(len(p.keys) for p in items),
            _flat([p.keys for p in items], np.int64),
            _counts(len(p.trigrams) for p in items),
            _flat([p.trigrams for p in items], np.uint32))


def _unpack(texts, words, word_counts, starts, ends, sentence_counts, sentences,
            key_counts, keys, trigram_counts, trigrams, ids) -> PreparedBatch:
    words = tuple(words.split(_JOIN)) if len(starts) else ()
    starts, ends, sentences = starts.tolist(), ends.tolist(), sentences.tolist()
    w = s = k = t = 0
    out = {}
    for id, text, nw, ns, nk, nt in zip(ids, texts, word_counts.tolist(), sentence_counts.tolist(),
                                        key_counts.tolist(), trigram_counts.tolist()):
        toks = Tokens(words[w:w + nw], tuple(starts[w:w + nw]), tuple(ends[w:w + nw]))
        pairs = sentences[2 * s:2 * (s + ns)]
        out[id] = Prepared(text, toks, tuple(zip(pairs[::2], pairs[1::2])),
                           keys[k:k + nk], trigrams[t:t + nt])
        w, s, k, t = w + nw, s + ns, k + nk, t + nt
    return PreparedBatch(out)


def _counts(values: Iterable[int]) -> np.ndarray:
    return np.fromiter(values, np.int64)


def _flat(parts: list, dtype) -> np.ndarray:
    return np.concatenate([np.asarray(p, dtype) for p in parts]) if parts else np.zeros(0, dtype)
