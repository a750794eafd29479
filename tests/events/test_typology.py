"""The word lists' quick test (a list none of whose first words is in the text is not
searched) answers as the patterns themselves would, for any text."""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from claimledger.events.typology import _has, table, word_runs


def word_lists() -> list[tuple[str, ...]]:
    lists = [tuple(table()["protest_words"])]
    lists += [tuple(spec.get("words", ())) for spec in table()["types"].values()]
    lists += [tuple(words) for words in table()["actors"].values()]
    return [words for words in lists if words]


ENTRIES = sorted({w for words in word_lists() for w in words})
PIECES = ENTRIES + ["", " ", "-", ".", "Police", "TEAR", "gassed", "re", "_", "1,500",
                    "\u212a", "\u017f", "é", "İ"]  # Kelvin sign, long s: re.I folds them


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.text(max_size=20))
@example(["police", "fired", "tear gas"], "")
@example(["\u212aill"], "")  # "Kill" with a Kelvin sign: the pattern matches it
def test_the_quick_test_never_changes_an_answer(pieces, noise):
    text = " ".join(pieces) + noise
    runs = word_runs(text)
    for words in word_lists():
        assert _has(text, words, runs) == _has(text, words), (text, words)


def test_the_quick_test_skips_lists_without_their_first_words():
    runs = word_runs("Police fired at 300 demonstrators.")
    assert runs is not None and "police" in runs
    assert word_runs("Polizei in Köln") is None  # not ASCII: always searched


def evidence_lists() -> list[tuple[str, ...]]:
    return [tuple(words) for words in table()["evidence"].values()] + [tuple(table()["protest_words"])]


EVIDENCE = sorted({w for words in evidence_lists() for w in words})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(EVIDENCE + PIECES), max_size=12), st.text(max_size=20))
@example(["in custody", "March"], "")
def test_found_skips_only_lists_that_cannot_match(pieces, noise):
    """``evidence.found`` searches only the entries whose first word the text holds; it
    must find what the whole list's pattern finds."""
    from claimledger.events.evidence import found
    from claimledger.events.typology import _pattern
    text = " ".join(pieces) + noise
    for words in evidence_lists():
        whole = tuple(dict.fromkeys(m.group(0).lower() for m in _pattern(words).finditer(text)))
        assert set(found(text, words)) == set(whole), (text, words)
