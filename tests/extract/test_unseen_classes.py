"""Classes found by reading claims of unseen notes (mm-notes records no rule was written
for) after issue 16's merges; the sentences here are our own."""
from __future__ import annotations

from datetime import date

import pytest

from claimledger.model import Article


def _claims(extractor, text):
    got = extractor.extract([Article(id="u", text=text, published=date(2014, 5, 6))])["u"]
    return [(c.category, c.span, [s.name for s in c.sources]) for c in got]


@pytest.mark.parametrize("text, span", [
    ("more than 30 students were taken into custody after the march.", "more than 30"),
    ("Riot police took 45 demonstrators into custody on Sunday.", "45"),
    ("about 60 strikers were thrown into jail after the rally.", "about 60"),
])
def test_custody_reached_by_into_counts_the_arrested(extractor, text, span):
    assert ("arrested", span) in [(c, s) for c, s, _ in _claims(extractor, text)]


def test_a_crowd_that_rioted_inside_a_prison_still_took_part(extractor):
    assert [(c, s) for c, s, _ in _claims(extractor, "300 inmates rioted in the prison.")] == [("participants", "300")]


@pytest.mark.parametrize("text", [
    "police fired on the marchers, killing 12, mary jones writes from the capital.",
    "Police fired on the marchers, killing 12. Correspondent Ali Hassan reports from Basra",
    "police fired on the marchers, killing 12 and wounding dozens more tom reed writes .",
])
def test_a_byline_is_the_articles_own_voice_not_a_sayer(extractor, text):
    got = _claims(extractor, text)
    assert ("killed", "12", []) in got, got


def test_a_sayer_at_the_sentence_end_is_not_a_byline(extractor):
    got = _claims(extractor, "Police killed 12 protesters, the activist writes on her blog.")
    assert got == [("killed", "12", ["activist"])]


def test_a_bare_function_word_is_never_a_sayer(extractor):
    got = _claims(extractor, "the group, comprising 70 people, gathered at the square, and stated eight demands.")
    assert all(sources == [] for _, _, sources in got), got
