"""Excerpt numbers of compiled notes count nothing; real counts in the same places still do."""
from __future__ import annotations

import re
from datetime import date

import pytest

from claimledger.extract.excerpts import excerpt_numbers
from claimledger.model import Article


def _claims(extractor, text):
    article = Article(id="n", text=text, published=date(2016, 4, 2))
    return [(c.category, c.span) for c in extractor.extract([article])["n"]]


@pytest.mark.parametrize("text, marked", [
    ("1 dozens of nurses picketed the ministry. ... ; 2 the nurses went home.", ["1", "2"]),
    ("farmers blocked roads; 3 during the night riot police cleared them.", ["3"]),
    ("1 teachers marched through the port city on monday.", ["1"]),
    ("the march began at noon. 4 hundreds of miners joined it later.", ["4"]),
    ("rallies have been held daily since feb. 9 to demand a new vote.", ["9"]),
    ("the strike spread.\n3. dozens of bakeries shut their doors.", ["3"]),
    ("Protests in the south\n2. Miners walked out in the north.", ["2"]),
])
def test_numbers_that_number_excerpts_are_found(text, marked):
    assert sorted(re.match(r"\d+", text[i:]).group() for i in excerpt_numbers(text)) == sorted(marked)


@pytest.mark.parametrize("text", [
    "thousands marched on the capital; 80 were arrested by nightfall.",
    "2 thousand dockworkers walked out on tuesday.",
    "1 killed as police fire on crowd in port city",
    "Police said 3 people were hurt; 40 were detained.",
    "50 peasants blocked a main road on friday.",
])
def test_counts_in_the_same_places_are_not_excerpt_numbers(text):
    assert excerpt_numbers(text) == frozenset()


def test_excerpt_numbers_give_no_claims_and_the_counts_after_them_stay(extractor):
    text = ("1 thousands of dockworkers marched in the port city on tuesday... ; 2 police said "
            "40 people were detained... ; 3 protesters returned the next day; 12 were injured.")
    got = _claims(extractor, text)
    assert ("arrested", "40") in got and ("injured", "12") in got
    assert not {span for _, span in got} & {"1", "2", "3"}, got
