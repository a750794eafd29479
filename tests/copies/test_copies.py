"""Copy detection on real SQLite stores: seeds, small edits, incremental runs, clusters."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.copies import clusters, find_copies
from claimledger.ingest import read_file
from claimledger.model import Article
from claimledger.store import open_store

SEEDS = Path(__file__).parents[2] / "data" / "samples" / "seeds"
REUTERS = ("Reuters confirmed in a special report on December 23, 2019, about the deadly "
           "crackdown on November nationwide protests in Iran the death toll of 1500 that was "
           "announced by the People’s Mojahedin Organization of Iran (PMOI / MEK Iran) on "
           "December 15, 2019.")
FILLER = ("The weather in the capital was mild for the season and markets opened late. "
          "Officials gave no reason for the delay in publishing the annual budget figures. ")
RELEASE = ("Security forces fired live rounds at demonstrators in the city of Mahshahr, "
           "killing at least 40 people in the marshes outside the town.")


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "copies.db") as opened:
        yield opened


def put(store, id, text, published=None, outlet=None):
    store.put_article(Article(id=id, text=text, published=published, outlet=outlet))


def test_seed_articles_share_only_the_reuters_sentence(store):
    # the later-dated seed is stored first: the earlier date still wins
    for path in sorted(SEEDS.glob("*.txt"), reverse=True):
        for article in read_file(path):
            store.put_article(article)
    assert find_copies(store).passages == 1
    [copy] = store.copies()
    assert copy.first.article == "000_e40b1d751717fdce"
    assert copy.copy.article == "002_64e4dc12b39a7a61"
    assert copy.text == REUTERS
    first, then = store.article(copy.first.article), store.article(copy.copy.article)
    assert first.text[copy.first.start:copy.first.end] == REUTERS
    assert then.text[copy.copy.start:copy.copy.end] == REUTERS
    assert copy.similarity == 1.0


@pytest.mark.parametrize("edited", [
    RELEASE.replace(",", "").replace("live rounds", "“live rounds”"),       # punctuation, quotes
    RELEASE.replace("at least 40", "at least 40 unarmed"),                  # a word added
    RELEASE.replace(" outside the town", " outside town"),                  # a word dropped
    RELEASE + " #Iran #IranProtests https://t.co/abc123",                   # boilerplate tags
])
def test_near_verbatim_copy_is_found_at_its_place(store, edited):
    put(store, "release", FILLER + RELEASE + " " + FILLER, date(2019, 11, 20))
    put(store, "copy", "Another report follows here today. " + edited + " Nothing else matched.",
        date(2019, 11, 21))
    find_copies(store)
    [copy] = store.copies()
    release, copied = store.article("release").text, store.article("copy").text
    assert (copy.first.article, copy.copy.article) == ("release", "copy")
    assert release[copy.first.start:copy.first.end] == RELEASE
    assert copied[copy.copy.start:copy.copy.end].startswith("Security forces fired")
    assert 0.8 <= copy.similarity <= 1.0


def test_unrelated_articles_share_nothing(store):
    put(store, "a", FILLER)
    put(store, "b", "Protesters gathered in the main square on Friday and were dispersed by "
                    "police with tear gas, witnesses told the agency by telephone.")
    assert find_copies(store).passages == 0
    assert list(store.copies()) == []


def test_a_shared_name_inside_different_sentences_is_no_copy(store):
    name = "the People’s Mojahedin Organization of Iran (PMOI / MEK Iran)"
    put(store, "a", f"Over 142,800 people have died of the coronavirus in Iran, according to {name}, "
                    "which counts the deaths reported by hospitals in every province of the country.")
    put(store, "b", f"The factors that led to the protests have not faded, said {name} "
                    "and its allies at a meeting in Paris, where speakers called for sanctions.")
    find_copies(store)
    assert list(store.copies()) == []


def test_incremental_runs_index_only_new_articles(store):
    put(store, "release", FILLER + RELEASE)
    assert find_copies(store).indexed == 1
    assert find_copies(store).indexed == 0  # nothing new: nothing indexed again
    put(store, "copy", RELEASE + " More to follow.")
    report = find_copies(store)
    assert (report.indexed, report.passages) == (1, 1)
    [copy] = store.copies()
    assert (copy.first.article, copy.copy.article) == ("release", "copy")  # ingest order


def test_the_index_persists_with_the_database(tmp_path):
    with open_store(tmp_path / "c.db") as store:
        put(store, "release", FILLER + RELEASE)
        find_copies(store)
    with open_store(tmp_path / "c.db") as store:
        put(store, "copy", "Reported later: " + RELEASE)
        assert find_copies(store).indexed == 1
        assert [c.first.article for c in store.copies()] == ["release"]


def test_changed_article_is_checked_again(store):
    put(store, "release", FILLER + RELEASE)
    put(store, "copy", RELEASE + " More to follow.")
    find_copies(store)
    put(store, "copy", "A wholly rewritten story about the budget and the weather in the north.")
    assert find_copies(store).indexed == 1
    assert list(store.copies()) == []


def test_near_duplicate_articles_cluster_under_the_first_seen(store):
    story = FILLER + RELEASE
    put(store, "late", story.replace("mild", "warm"), date(2019, 11, 23))
    put(store, "early", story, date(2019, 11, 21))
    put(store, "middle", story + " (Reuters)", date(2019, 11, 22))
    put(store, "other", "Another report follows here today. " + RELEASE + " " + "x " * 200)
    find_copies(store)
    [cluster] = clusters(store)
    assert cluster.first == "early"
    assert set(cluster.members) == {"early", "middle", "late"}


def test_signatures_are_datasketch_minhash():
    from datasketch import MinHash

    from claimledger.copies.shingle import NUM_PERM, bigram_hashes, signatures, tokens
    toks = tokens(RELEASE + " " + FILLER)
    spans = [(0, 12), (12, len(toks))]
    ours = signatures(toks, spans)
    bigrams = bigram_hashes(toks)
    for row, (i, j) in zip(ours, spans):
        # identity hash: datasketch mixes and permutes the same bigram hashes itself
        reference = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32", hashfunc=int)
        reference.update_batch(int(h) for h in bigrams[i:j - 1])
        assert row.tolist() == reference.hashvalues.tolist()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["the", "police", "fired", "at", "40", "people", "town"]), max_size=12),
       st.lists(st.sampled_from(["the", "police", "fired", "at", "40", "people", "town"]), max_size=12),
       st.booleans())
def test_passage_similarity_is_difflibs_ratio_also_for_verbatim_copies(a, b, same):
    """Equal passages skip difflib (they score 1.0): every pair scores what difflib gives."""
    from difflib import SequenceMatcher

    from claimledger.copies.align import _similarity
    a, b = tuple(a), tuple(a if same else b)
    assert _similarity(a, b) == round(SequenceMatcher(None, a, b, autojunk=False).ratio(), 3)
