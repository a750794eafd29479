"""PreparedBatch: what a Dask worker prepares for the copy index arrives as it was made."""
from __future__ import annotations

import pickle

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.copies import PreparedBatch, prepare
from claimledger.model import Article

TEXTS = ["Police fired tear gas at 1,500 protesters in Tehran on Friday. Two were killed.",
         "",                       # no words at all
         "...  !!",                # punctuation only
         "See https://t.co/x #Iran @user: 300 arrested, officials said.",
         "Über 200 Menschen wurden in Köln festgenommen. «Ça suffit», dit-il."]


def same(a, b) -> bool:
    return (a.text == b.text and a.toks == b.toks and a.sentences == b.sentences
            and a.keys.dtype == b.keys.dtype and np.array_equal(a.keys, b.keys)
            and a.trigrams.dtype == b.trigrams.dtype and np.array_equal(a.trigrams, b.trigrams))


def roundtrip(texts: list[str]) -> None:
    articles = [Article(id=f"a{k}", text=t) for k, t in enumerate(texts)]
    batch = PreparedBatch.of(articles)
    back = pickle.loads(pickle.dumps(batch, protocol=5))
    assert list(back) == [a.id for a in articles]
    for a in articles:
        assert same(back[a.id], prepare(a)), a.text


def test_a_batch_comes_back_from_a_pickle_as_prepare_made_it():
    roundtrip(TEXTS)


def test_a_batch_of_texts_without_words_comes_back_too():
    roundtrip(["", "?!", ""])
    roundtrip([])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab cD1,.\n«»é-ß'’"), max_size=80), max_size=6))
def test_any_texts_come_back_as_prepared(texts):
    roundtrip(texts)


def test_a_batch_pickles_as_a_few_buffers_whatever_its_size():
    """Dask sends each out-of-band buffer of a result as a frame of its own: a dict of
    Prepared gave two an article, a batch gives the same few for any number."""
    def buffers(obj) -> int:
        found = []
        pickle.dumps(obj, protocol=5, buffer_callback=found.append)
        return len(found)

    for n in (1, 64, 256):
        articles = [Article(id=f"a{k}", text=TEXTS[0] + f" Report {k}.") for k in range(n)]
        assert buffers(PreparedBatch.of(articles)) <= 10
        assert buffers({a.id: prepare(a) for a in articles}) >= 2 * n
