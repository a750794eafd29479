"""Property test through the Extractor and the store: on generated articles every
claim's offsets point at its span and its sentence in the stored text, the sentence
holds the span, and no interval has low > high."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from claimledger.model import Article
from claimledger.pipeline import ingest_articles
from claimledger.store import open_store

PIECES = ["Police arrested", "Security forces killed", "at least", "more than", "nearly",
          "up to", "about", "300", "1,500", "twelve", "a dozen", "thousands of", "tens of thousands of",
          "protesters", "people", "were injured", "in Tehran", "in Khartoum", "on Monday",
          "last November", "yesterday", ",", ".", ". ", "\n", "\n\n", "said Amnesty.",
          "Mr. Smith said", "“", "”", "\"", "'", ";", "—", "(", ")", "\r\n", "\t", " ", "  ",
          "é", "İ", "ß", "ﬁ", "😀", "\u00a0", "\u2028", "U.S.", "2019", "5", "%", "$"]
NOISE = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=4).map(" ".join)
CLAIM = st.tuples(NOISE, st.sampled_from(["Police arrested", "Security forces killed", "Troops detained"]),
                  st.sampled_from(["", "at least", "more than", "up to", "nearly", "some"]),
                  st.sampled_from(["300", "1,500", "twelve", "a dozen", "thousands of", "2.5 million",
                                   "tens of thousands of", "40"]),
                  st.sampled_from(["protesters", "people", "students"]), NOISE,
                  st.sampled_from([".", ". ", "\n", ";", "!", " "])).map(" ".join)
TEXTS = st.lists(CLAIM | NOISE, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=1, max_size=3), st.none() | st.dates(date(1990, 1, 1), date(2030, 1, 1)))
def test_offsets_point_into_the_stored_text(tmp_path_factory, extractor, texts, published):
    articles = [Article(f"a{i}", t, published) for i, t in enumerate(texts) if t.strip()]
    db = tmp_path_factory.mktemp("offsets") / "claims.db"
    with open_store(db) as store:
        ingest_articles(articles, store, extractor)
        event(f"claims found: {store.count_claims() > 0}")  # not vacuous: see --hypothesis-show-statistics
        for c in store.claims():
            text = store.article(c.article).text
            assert text[c.start:c.end] == c.span
            assert text[c.sentence_start:c.sentence_start + len(c.sentence)] == c.sentence
            assert c.sentence_start <= c.start and c.end <= c.sentence_start + len(c.sentence)
            assert c.low is None or c.high is None or c.low <= c.high
            when = c.when
            assert when is None or when.start is None or when.end is None or when.start <= when.end
