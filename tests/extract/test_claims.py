"""End to end through the Extractor: offsets, when, where, lower case, the JSON record."""
from __future__ import annotations

import json
from datetime import date

import pytest

from claimledger.model import CATEGORIES, QUALIFIERS, Article

PUBLISHED = date(2021, 3, 5)  # a Friday
ARTICLE = (
    "Protests broke out in Tehran last November.\n"
    "Police arrested 300 people on Tuesday. Security forces killed 12 protesters yesterday.\n"
    "Rights groups said 40 people were injured in Khartoum last November. "
    "At least 25 protesters were detained."
)
SPEC_KEYS = {"article", "category", "value", "low", "high", "qualifier", "span", "unit", "subject",
             "when", "where", "sources", "sentence"}


@pytest.fixture(scope="module")
def claims(extractor):
    return extractor.extract([Article("art1", ARTICLE, PUBLISHED)])["art1"]


def by_value(claims, value):
    found = [c for c in claims if c.value == value]
    assert len(found) == 1, [(c.span, c.value) for c in claims]
    return found[0]


def test_every_article_gets_a_key(extractor):
    out = extractor.extract([Article("a", "Nothing to count here.", PUBLISHED),
                             Article("b", "Police arrested 5 people.", PUBLISHED)])
    assert out["a"] == [] and len(out["b"]) == 1


def test_finds_the_four_claims(claims):
    assert sorted((c.category, c.value) for c in claims) == [
        ("arrested", 25), ("arrested", 300), ("injured", 40), ("killed", 12)]


def test_claims_belong_to_their_article(claims):
    assert {c.article for c in claims} == {"art1"}


def test_span_offsets_point_into_the_article(claims):
    for c in claims:
        assert ARTICLE[c.start:c.end] == c.span


def test_sentence_offsets_point_into_the_article(claims):
    for c in claims:
        assert ARTICLE[c.sentence_start:c.sentence_start + len(c.sentence)] == c.sentence
        assert c.sentence_start <= c.start and c.end <= c.sentence_start + len(c.sentence)


def test_sentence_is_the_one_sentence_holding_the_number(claims):
    assert by_value(claims, 300).sentence == "Police arrested 300 people on Tuesday."
    assert by_value(claims, 12).sentence == "Security forces killed 12 protesters yesterday."


def test_when_weekday_resolved_against_publication(claims):
    w = by_value(claims, 300).when
    assert (w.start, w.end) == (date(2021, 3, 2), date(2021, 3, 2))
    assert w.text.lower().endswith("tuesday")


def test_when_yesterday(claims):
    w = by_value(claims, 12).when
    assert (w.start, w.end, w.text) == (date(2021, 3, 4), date(2021, 3, 4), "yesterday")


def test_when_last_november_is_the_previous_year(claims):
    w = by_value(claims, 40).when
    assert (w.start, w.end) == (date(2020, 11, 1), date(2020, 11, 30))


def test_sentence_without_time_takes_the_articles_main_time(claims):
    w = by_value(claims, 25).when
    assert (w.start, w.end) == (date(2020, 11, 1), date(2020, 11, 30))


def test_no_time_at_all_means_before_publication(extractor):
    [c] = extractor.extract([Article("x", "Police arrested 7 people.", PUBLISHED)])["x"]
    assert c.when.start is None and c.when.end == PUBLISHED


def test_where_city_in_the_sentence(claims):
    p = by_value(claims, 40).where
    assert (p.name, p.country) == ("Khartoum", "SD")


def test_where_falls_back_to_the_articles_country(claims):
    assert by_value(claims, 300).where.country == "IR"
    assert by_value(claims, 25).where.country == "IR"


def test_where_from_a_country_name(extractor):
    [c] = extractor.extract([Article("x", "Police in Sudan arrested 70 protesters.", PUBLISHED)])["x"]
    assert c.where.country == "SD"


def test_fallback_place_is_named_not_coded(claims):
    assert by_value(claims, 300).where.name == "Iran"


def test_lower_cased_article_gives_the_same_claims(extractor, claims):
    lower = ARTICLE.lower()
    found = extractor.extract([Article("low", lower, PUBLISHED)])["low"]
    assert sorted((c.category, c.value) for c in found) == sorted((c.category, c.value) for c in claims)
    for c in found:
        assert lower[c.start:c.end] == c.span
    w = next(c for c in found if c.value == 300).when
    assert w.start == date(2021, 3, 2)
    assert next(c for c in found if c.value == 40).where.country == "SD"


def test_source_is_kept_end_to_end(claims):
    assert [(s.name, s.verb) for s in by_value(claims, 40).sources] == [("Rights groups", "said")]
    assert by_value(claims, 300).sources == ()


def test_record_has_exactly_the_spec_keys(claims):
    for c in claims:
        r = c.to_record()
        assert set(r) == SPEC_KEYS
        assert set(r["when"]) == {"start", "end", "text"}
        assert set(r["where"]) == {"name", "country", "admin1"}
        for s in r["sources"]:
            assert set(s) == {"name", "verb", "date"}


def test_record_values_are_spec_values(claims):
    for c in claims:
        r = json.loads(json.dumps(c.to_record()))  # plain JSON, ISO dates
        assert r["category"] in CATEGORIES and r["qualifier"] in QUALIFIERS
        assert r["value"] is None or isinstance(r["value"], int)
    r = by_value(claims, 40).to_record()
    assert r["when"]["start"] == "2020-11-01" and r["when"]["end"] == "2020-11-30"
    assert r["sources"] == [{"name": "Rights groups", "verb": "said", "date": None}]


def test_record_of_at_least(claims):
    r = by_value(claims, 25).to_record()
    assert (r["value"], r["low"], r["high"], r["qualifier"], r["span"]) == (25, 25, None, "at_least", "At least 25")
