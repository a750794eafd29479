"""find_quantities: digits, number words, vague words, qualifiers; is_count: non-counts."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.extract.quantities import find_quantities, is_count


def only(parse, text):
    """The single quantity of a text, as (span, value, low, high, qualifier)."""
    span = parse(text)
    found = find_quantities(span)
    assert len(found) == 1, [q.span for q in found]
    q = found[0]
    return q.span, q.value, q.low, q.high, q.qualifier


# --- precise numbers -------------------------------------------------------------

@pytest.mark.parametrize("text, span, value", [
    ("Police arrested 1,500 people.", "1,500", 1500),
    ("A crowd of 142,800 marchers gathered.", "142,800", 142800),
    ("Officers held 7 men.", "7", 7),
])
def test_digits_with_separators_are_exact(parse, text, span, value):
    assert only(parse, text) == (span, value, value, value, "exact")


@pytest.mark.parametrize("text, span, value", [
    ("Police detained twelve people.", "twelve", 12),
    ("Police detained twenty nine people.", "twenty nine", 29),
    ("Police detained twenty-nine people.", "twenty-nine", 29),
    ("A thousand people marched.", "A thousand", 1000),
    ("Fifteen hundred people marched.", "Fifteen hundred", 1500),
    ("Two dozen people were arrested.", "Two dozen", 24),
    ("Officers held three hundred and five men.", "three hundred and five", 305),
])
def test_number_words_are_exact(parse, text, span, value):
    assert only(parse, text) == (span, value, value, value, "exact")


def test_a_thousand_is_exact_not_vague(parse):
    assert only(parse, "They said a thousand were held.")[1:] == (1000, 1000, 1000, "exact")


def test_scale_word_after_digits_multiplies(parse):
    assert only(parse, "Some 2 million people marched.")[1] == 2_000_000


def test_two_numbers_side_by_side_are_not_joined(parse):
    values = [q.value for q in find_quantities(parse("Of the two, three were held."))]
    assert values == [2, 3]


# --- vague quantities (spec intervals) ---------------------------------------------

@pytest.mark.parametrize("text, span, low, high", [
    ("Thousands of people rallied.", "Thousands", 2000, 9999),
    ("Tens of thousands of people rallied.", "Tens of thousands", 20000, 99999),
    ("Hundreds of thousands of people rallied.", "Hundreds of thousands", 200000, 999999),
    ("Dozens of students were detained.", "Dozens", 24, 99),
    ("Scores of students were detained.", "Scores", 40, 99),
    ("Several people were injured.", "Several", 3, 9),
    ("A few people were injured.", "A few", 2, 9),
    ("Hundreds of people were injured.", "Hundreds", 200, 999),
    ("Several hundred people were injured.", "Several hundred", 300, 999),
    ("Several thousand people were injured.", "Several thousand", 3000, 9999),
])
def test_vague_words_take_the_spec_interval(parse, text, span, low, high):
    assert only(parse, text) == (span, None, low, high, "vague")


def test_in_the_hundreds_keeps_its_preposition(parse):
    assert only(parse, "Arrests ran in the hundreds.") == ("in the hundreds", None, 200, 999, "vague")


def test_up_to_before_a_vague_word_opens_the_low_end(parse):
    _, value, low, high, qual = only(parse, "Up to thousands of people were held.")
    assert (value, low, high, qual) == (None, None, 9999, "vague")


# --- qualifiers ----------------------------------------------------------------------

@pytest.mark.parametrize("text, span, value, low, high, qualifier", [
    ("Protests spread to over 190 cities.", "over 190", 190, 191, None, "more_than"),
    ("More than 60 people were hurt.", "More than 60", 60, 61, None, "more_than"),
    ("At least 1500 people were killed.", "At least 1500", 1500, 1500, None, "at_least"),
    ("Nearly 4,000 people were arrested.", "Nearly 4,000", 4000, 4000, 4000, "about"),
    ("About 200 people marched.", "About 200", 200, 200, 200, "about"),
    ("Almost 90 people marched.", "Almost 90", 90, 90, 90, "about"),
    ("As many as 70 people were injured.", "As many as 70", 70, None, 70, "up_to"),
    ("Up to 300 people were detained.", "Up to 300", 300, None, 300, "up_to"),
    ("Fewer than 50 people were held.", "Fewer than 50", 50, None, 49, "less_than"),
])
def test_qualifier_sets_the_interval(parse, text, span, value, low, high, qualifier):
    assert only(parse, text) == (span, value, low, high, qualifier)


def test_qualifier_is_case_insensitive(parse):
    assert only(parse, "police held at least 40 people.") == ("at least 40", 40, 40, None, "at_least")


# --- is_count ----------------------------------------------------------------------

def counts(parse, text):
    """The spans of the quantities is_count keeps."""
    span = parse(text)
    return [q.span for q in find_quantities(span) if is_count(q, span)]


@pytest.mark.parametrize("text", [
    "The massacre happened in 1988.",
    "On December 15, 2019, police arrested people.",
    "Rallies were held on May 2, 3 and 4.",
    "Rallies were held on 12 and 15 May.",
    "Turnout rose 15% in the city.",
    "Turnout rose 40 percent in the city.",
    "The regime spent $5 million on guns.",
    "Crowds gathered at 10 p.m. in the square.",
    "Children between 15 and 18 were arrested.",
])
def test_non_counts_are_rejected(parse, text):
    span = parse(text)
    assert find_quantities(span), "the number should be found before it is rejected"
    assert counts(parse, text) == []


def test_hyphenated_age_is_rejected_by_is_count(parse):
    assert counts(parse, "A 25-year-old man was arrested.") == []


def test_a_year_like_number_that_counts_people_is_a_count(parse):
    assert counts(parse, "Police arrested 2000 protesters.") == ["2000"]


def test_time_is_rejected_but_the_count_beside_it_is_kept(parse):
    assert counts(parse, "At 10 p.m. police arrested 30 protesters.") == ["30"]


def test_plain_count_is_kept(parse):
    assert counts(parse, "Police arrested 45 students.") == ["45"]


# --- property ---------------------------------------------------------------------

WORDS = ["police", "arrested", "killed", "people", "at", "least", "over", "nearly", "up", "to",
         "thousands", "of", "tens", "a", "few", "dozen", "dozens", "hundred", "thousand", "and",
         "twenty", "nine", "fifteen", "in", "the", "hundreds", "May", "2019", ",", ".", "-",
         "$", "%", "between", "as", "many", "several", "one", "no", "million"]
TOKEN = st.one_of(st.sampled_from(WORDS), st.integers(0, 10**7).map(str),
                  st.integers(1000, 999_999).map(lambda n: f"{n:,}"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(TOKEN, min_size=1, max_size=15))
def test_find_quantities_is_total_and_consistent(nlp, words):
    doc = nlp(" ".join(words))
    span = doc[:]
    found = find_quantities(span)
    last_end = -1
    for q in found:
        assert doc.text[q.start_char:q.end_char] == q.span
        if q.low is not None and q.high is not None:
            assert q.low <= q.high
        assert q.start < q.end and q.start <= q.core < q.end
        assert q.start >= last_end  # left to right, not overlapping
        last_end = q.end
        is_count(q, span)  # never raises


# digits of any length, with or without separators: int() refuses over 4,300 digits
LONG_NUMBER = st.one_of(st.text("0123456789", min_size=1, max_size=6000),
                        st.integers(0, 10**40).map(lambda n: f"{n:,}"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(WORDS), LONG_NUMBER), min_size=1, max_size=8))
def test_numbers_of_any_length_never_crash(nlp, words):
    doc = nlp(" ".join(words))
    for q in find_quantities(doc[:]):
        assert doc.text[q.start_char:q.end_char] == q.span
        assert q.low is None or q.high is None or q.low <= q.high
        is_count(q, doc[:])
