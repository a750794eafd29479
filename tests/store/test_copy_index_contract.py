"""The copy index's part of the Store contract, on both backends: keys kept per article."""
from __future__ import annotations

import numpy as np
from storedata import make_article

from claimledger.copies import find_copies


def stored(store) -> dict[str, list[int]]:
    return {id: np.frombuffer(keys, dtype="<i8").tolist() for id, _, keys in store.copy_index()}


def test_keys_round_trip_in_ingest_order(store):
    store.put_article(make_article("a1"))
    store.put_article(make_article("a2", text="Another text entirely, with 12 words in it."))
    assert store.copy_index_todo() == ["a1", "a2"]
    store.put_copy_keys("a2", [5, -2**63, 2**63 - 1, 5])
    store.put_copy_keys("a1", [])
    assert stored(store) == {"a1": [], "a2": [-2**63, 5, 2**63 - 1]}
    assert [seq for _, seq, _ in store.copy_index()] == sorted(store.ingest_order(["a1", "a2"]).values())
    assert store.copy_index_todo() == []


def test_the_todo_among_given_ids_is_those_of_them_not_indexed_in_ingest_order(store):
    for id in ("a1", "a2", "a3"):
        store.put_article(make_article(id, text=f"Text of {id}: 4 people were hurt."))
    store.put_copy_keys("a2", [7])
    assert store.copy_index_todo(["a3", "a2", "a1", "nobody"]) == ["a1", "a3"]
    assert store.copy_index_todo(["a3"]) == ["a3"]
    assert store.copy_index_todo([]) == []
    assert store.copy_index_todo() == ["a1", "a3"]


def test_a_changed_article_leaves_the_index_until_checked_again(store):
    store.put_article(make_article("a1"))
    store.put_copy_keys("a1", [1, 2])
    store.put_article(make_article("a1", text="A new version of the text, with 3 more words."))
    assert stored(store) == {}
    assert store.copy_index_todo() == ["a1"]
    store.put_copy_keys("a1", [3])
    assert stored(store) == {"a1": [3]}


def test_copies_are_found_on_every_backend_across_runs(store):
    sentence = ("Security forces fired live rounds at demonstrators in the city of Mahshahr, "
                "killing at least 40 people in the marshes outside the town.")
    store.put_article(make_article("a1", text="The weather was mild. " + sentence))
    assert find_copies(store).indexed == 1
    store.put_article(make_article("a2", text=sentence + " More to follow."))
    assert (find_copies(store).passages, len(list(store.copies()))) == (1, 1)
