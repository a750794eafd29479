from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.extract.when import TimeMention, anchor_duration, find_times, re_resolve
from claimledger.model import When

D = date.fromisoformat


def one(text: str, published: str | None) -> TimeMention:
    found = find_times(text, D(published) if published else None)
    assert len(found) == 1, found
    return found[0]


def interval(text: str, published: str | None = "2020-11-05"):
    m = one(text, published)
    return (m.kind, m.when.text,
            m.when.start and m.when.start.isoformat(), m.when.end and m.when.end.isoformat())


@pytest.mark.parametrize("text, expected", [
    ("On December 15, 2019, they reported", ("date", "December 15, 2019", "2019-12-15", "2019-12-15")),
    ("it began on 15 November 2019.", ("began", "began on 15 November 2019", "2019-11-15", None)),
    ("protests on may 16 in kazerun", ("date", "may 16", "2020-05-16", "2020-05-16")),
    # a weekday before a year-less date picks the year whose calendar agrees (2019)
    ("on sunday night, april 21st", ("date", "sunday night, april 21st", "2019-04-21", "2019-04-21")),
    ("on monday, june 3rd", ("date", "monday, june 3rd", "2019-06-03", "2019-06-03")),
    ("Between 10.9.2011 and 23.12.2011 there",
     ("range", "Between 10.9.2011 and 23.12.2011", "2011-09-10", "2011-12-23")),
    ("in Nov 2019", ("month", "Nov 2019", "2019-11-01", "2019-11-30")),
    ("In March 2012,", ("month", "March 2012", "2012-03-01", "2012-03-31")),
    ("uprisings in December 2018 and November 2019.",
     ("range", "December 2018 and November 2019", "2018-12-01", "2019-11-30")),
    ("Last November, Iran", ("month", "Last November", "2019-11-01", "2019-11-30")),
    ("in november", ("month", "in november", "2020-11-01", "2020-11-30")),
    ("last november", ("month", "last november", "2019-11-01", "2019-11-30")),
    ("in june", ("month", "in june", "2020-06-01", "2020-06-30")),
    ("in december", ("month", "in december", "2019-12-01", "2019-12-31")),
    ("massacred in 1988.", ("year", "in 1988", "1988-01-01", "1988-12-31")),
    ("the 1979 revolution", ("year", "the 1979", "1979-01-01", "1979-12-31")),
    ("killed 2 years ago", ("ago", "2 years ago", "2018-01-01", "2018-12-31")),
    ("yesterday", ("relative", "yesterday", "2020-11-04", "2020-11-04")),
    ("today s rally", ("relative", "today", "2020-11-05", "2020-11-05")),
    ("Last night they", ("relative", "Last night", "2020-11-04", "2020-11-05")),
    ("last week", ("relative", "last week", "2020-10-29", "2020-11-05")),
    ("this month", ("relative", "this month", "2020-11-01", "2020-11-05")),
    ("last month", ("relative", "last month", "2020-10-01", "2020-10-31")),
    ("this year", ("relative", "this year", "2020-01-01", "2020-11-05")),
    ("last year", ("relative", "last year", "2019-01-01", "2019-12-31")),
    ("during the year", ("relative", "during the year", "2020-01-01", "2020-11-05")),
    ("in the past two days", ("relative", "in the past two days", "2020-11-03", "2020-11-05")),
    ("in recent weeks", ("relative", "in recent weeks", "2020-10-15", "2020-11-05")),
    ("since Friday", ("since", "since Friday", "2020-10-30", "2020-11-05")),
    ("since November 15", ("since", "since November 15", "2019-11-15", "2020-11-05")),
    ("going on since last month", ("since", "since last month", "2020-10-01", "2020-11-05")),
])
def test_resolves_against_publication(text, expected):
    assert interval(text) == expected


@pytest.mark.parametrize("text, published, start, end", [
    ("on Tuesday", "2020-11-05", "2020-11-03", "2020-11-03"),       # a Thursday
    ("killed at monday s demonstration", "2009-06-18", "2009-06-15", "2009-06-15"),
    ("on saturday night", "2017-12-30", "2017-12-30", "2017-12-30"),  # the same day
    ("last monday", "2011-02-21", "2011-02-14", "2011-02-14"),      # said on a Monday
    ("in december and january", "2018-06-26", "2017-12-01", "2018-01-31"),
    ("from April 28 until May 4", "2012-05-07", "2012-04-28", "2012-05-04"),
    ("over the last several days", "2017-12-31", "2017-12-26", "2017-12-31"),
    ("earlier this week", "2020-11-05", "2020-11-02", "2020-11-05"),
])
def test_weekdays_months_and_ranges(text, published, start, end):
    m = one(text, published)
    assert (m.when.start, m.when.end) == (D(start), D(end))


def test_duration_is_anchored_later():
    m = one("1500 were killed in just five days.", "2020-11-16")
    assert (m.kind, m.days, m.when.start, m.when.end) == ("duration", 5, None, None)
    assert anchor_duration(m, D("2019-11-15")) == When(D("2019-11-15"), D("2019-11-20"),
                                                      "in just five days")
    assert one("within three days", None).days == 3
    assert one("within 48 hours", None).days == 2


def test_without_publication_date_only_explicit_dates_resolve():
    assert one("yesterday", None).when == When(None, None, "yesterday")
    assert one("last November", None).when == When(None, None, "last November")
    assert one("on May 2, 2012", None).when.start == D("2012-05-02")


def test_re_resolve_against_another_reference():
    m = one("on sunday", "2019-07-01")
    again = re_resolve(m, D("2019-04-24"))
    assert again.when.start == D("2019-04-21") and again.start == m.start


@pytest.mark.parametrize("text", [
    "at least 5 may have died", "protests in 2000 cities", "1500 protesters were killed",
    "they march on", "room 1988", "the march began",
])
def test_numbers_and_words_that_are_not_times(text):
    assert [m for m in find_times(text, D("2020-11-05")) if m.kind != "duration"] == []


def test_lower_cased_newspaper_text():
    text = ("security forces have arrested dozens in the past two days... "
            "mr mousavi called for mourning for the eight protesters killed at monday s "
            "demonstration, a day after a rally yesterday")
    kinds = [(m.kind, m.when.text) for m in find_times(text, D("2009-06-18"))]
    assert ("relative", "in the past two days") in kinds
    assert ("weekday", "monday s") in kinds
    assert ("relative", "yesterday") in kinds


def test_odd_input_does_not_crash():
    assert find_times("", D("2020-01-01")) == []
    odd = find_times("on 31 February 2019 and 99.99.2019", D("2020-01-01"))
    assert [m.kind for m in odd] == ["month"]  # "February 2019", no impossible day
    assert find_times("in 9999 years", D("2020-01-01"))[0].when.start is None


words = st.sampled_from(["on", "in", "last", "since", "began", "between", "and", "until",
                         "May", "march", "november", "Monday", "saturday s", "2019", "15",
                         "21st", "10.9.2011", "yesterday", "ago", "two", "days", "week",
                         "the", "past", "just", "five", ",", "-", "1979", "99", "31"])


@settings(max_examples=300, deadline=None)
@given(st.lists(words, max_size=12).map(" ".join) | st.text(max_size=60),
       st.none() | st.dates())
def test_property_never_crashes_and_offsets_hold(text, published):
    for m in find_times(text, published):
        assert text[m.start:m.end] == m.when.text
        assert m.when.start is None or m.when.end is None or m.when.start <= m.when.end





@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10**12).map(str) | st.text("0123456789", min_size=1, max_size=5000),
       st.sampled_from(["days ago", "weeks ago", "years ago", "days", "hours", "May", "BC"]),
       st.none() | st.dates())
def test_numbers_of_any_length_in_times_never_crash(number, unit, published):
    text = f"Police killed 5 people {number} {unit}, and in {number}."
    for m in find_times(text, published):
        assert text[m.start:m.end] == m.when.text
        assert m.when.start is None or m.when.end is None or m.when.start <= m.when.end
