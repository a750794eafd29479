"""The regular expressions of ``when.py``, built from ``data/time_words.json``.

Each pattern is (rule, kind, compiled regex); ``_when_resolve.RESOLVERS[rule]`` turns
a match into a date interval. All patterns are case-insensitive so lower-cased
newspaper text ("monday s demonstration") matches as well as cased text.
"""
from __future__ import annotations

import calendar
import json
import math
import re
from importlib import resources

WORDS = json.loads(resources.files("claimledger.data").joinpath("time_words.json")
                   .read_text("utf-8"))
MONTHS: dict[str, int] = WORDS["months"]
AMBIGUOUS_MONTHS = frozenset(WORDS["ambiguous_months"])
WEEKDAYS: dict[str, int] = WORDS["weekdays"]
NUMBERS: dict[str, int] = WORDS["numbers"]
UNITS: dict[str, int] = WORDS["units"]
PHRASES: dict[str, str] = WORDS["relative_phrases"]


def _alt(words) -> str:
    """A regex alternation, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


FULL_MONTHS = frozenset(m.lower() for m in calendar.month_name if m)
_ABBREVIATIONS = [m for m in MONTHS if m not in FULL_MONTHS]
MON = rf"(?P<mon>(?:{_alt(FULL_MONTHS)})\b|(?:{_alt(_ABBREVIATIONS)})\b\.?)"
WDAY = rf"(?P<wd>{_alt(WEEKDAYS)})\b"
WDAY_LEAD = rf"(?:(?P<lead>{_alt(WEEKDAYS)})(?:\s+(?:night|morning|evening|afternoon))?,?\s+(?:the\s+)?)?"
PART = r"(?:\s+(?:night|morning|evening|afternoon))?"
ORD = r"(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[89]|20)\d\d)\b(?![.,]\d)"
NUM = rf"(?P<n>(?:{_alt(NUMBERS)})\b|\d{{1,4}}\b)"
UNIT = rf"(?P<unit>{_alt(UNITS)})\b"
EVENT = _alt(WORDS["event_nouns"])
COUNT = _alt(WORDS["count_nouns"])
NOT_NUMBER = r"(?![.,]?\d)"
# a preposition just before "14 March" makes it a date, not "14 march ..." (empty group)
AFTER_PREP = (r"(?:(?P<prep>)(?:(?<=\bon\s)|(?<=\bof\s)|(?<=\bby\s)|(?<=\bsince\s)|(?<=\buntil\s)"
              r"|(?<=\bfrom\s)|(?<=\bbetween\s)))?")
PARTS = "morning|afternoon|evening|night"
SHIFT_END = r"(?=\s*[,.;:)—–-]|\s*$)"  # "two days before." but not "two days before the vote"
# one word: "the first nine months of the year" must fit in a trigger window
NUM_WORD = rf"(?P<n>(?:{_alt(n for n in NUMBERS if ' ' not in n)})\b|\d{{1,2}}\b)"

_RAW = [
    ("mdy_range", "date", rf"\b{MON}\s+(?P<d1>[0-3]?\d){ORD}\s*[-–]\s*(?P<d2>[0-3]?\d){ORD}\b"
                          rf"{NOT_NUMBER}(?:,?\s+{YEAR})?"),
    ("dmy_range", "date", rf"\b(?P<d1>[0-3]?\d){ORD}\s*[-–]\s*(?P<d2>[0-3]?\d){ORD}\s+(?:of\s+)?"
                          rf"{MON}(?:,?\s+{YEAR})?"),
    ("mdy", "date", rf"\b{WDAY_LEAD}{MON}\s+(?P<day>[0-3]?\d){ORD}\b{NOT_NUMBER}(?:,?\s+{YEAR})?"),
    ("dmy", "date", rf"\b{AFTER_PREP}{WDAY_LEAD}(?P<day>[0-3]?\d)(?P<ord>st|nd|rd|th)?\s+(?P<of>of\s+)?{MON}"
                    rf"(?:,?\s+{YEAR})?"),
    ("numeric", "date", r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:1[89]|20)\d\d)\b"),
    ("iso", "date", r"\b(?P<year>(?:1[89]|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("month_range", "range", rf"\b(?:between|from)\s+{MON}\s+(?:and|to|until|through)\s+"
                             rf"(?P<mon2>{_alt(FULL_MONTHS)})\b(?:,?\s+{YEAR})?"),
    ("month_year", "month", rf"\b(?:(?P<mod>early|late|mid)[\s-]+)?{MON},?\s+{YEAR}"),
    ("month", "month", rf"\b(?:(?P<pre>last|this|next|in|since|early|late|mid|until|till|by|"
                       rf"during|from|of|between)[\s-]+)?{MON}(?![\w-])"),
    ("year", "year", rf"\b(?P<pre>in|since|during|until|till|by|before|after|from|of|early|late|"
                     rf"mid|back\s+in|throughout|around)[\s-]+{YEAR}(?!\s*[-–/]\d)"
                     rf"(?!\s+(?:{COUNT})\b)"),
    # "the 1979 revolution"; "a 1995 rally" (with "a", only a wave: not "a 1995 law")
    ("the_year", "year", rf"\b(?:the|(?P<art>an?))\s+{YEAR}(?(art)(?=\s+(?:{_alt(WORDS['wave_nouns'])})\b)"
                         rf"|(?=(?:\s*['’]?s)?\s+(?:{EVENT})\b))"),
    ("year_poss", "year", rf"\b{YEAR}['’]s\b"),
    ("year_range", "year", r"\b(?P<y1>(?:1[89]|20)\d\d)\s*[-–—/]\s*(?P<y2>(?:1[89]|20)?\d\d)\b"
                           r"(?![-–—/.,:]?\d)"),
    ("weekday", "weekday", rf"\b(?:(?P<pre>last|this\s+past|past|next|this|on|by|since|until|"
                           rf"till|from|all\s+day|early|late)\s+)?{WDAY}{PART}(?:['’]s\b|\s+s\b)?"),
    ("relative", "relative", rf"\b(?P<phrase>{_alt(PHRASES)})\b"),
    ("shift", "shift", rf"\b(?:{NUM_WORD}\s+(?P<unit>days?|weeks?)\s+(?:(?P<dir>later|earlier)\b"
                       rf"|(?P<bdir>before|after){SHIFT_END})"
                       rf"|the\s+day\s+(?P<ddir>before|after){SHIFT_END}"
                       rf"|the\s+(?P<which>next|following|previous|preceding)\s+(?P<wunit>day|week|{PARTS})"
                       rf"|(?P<same>(?:later\s+|earlier\s+)?(?:that|the\s+same)\s+(?:day|{PARTS})))\b"),
    ("same_period", "same_period", rf"\b(?:the\s+)?(?:same|corresponding|comparable)\s+period\s+"
                                   rf"(?:(?:in|of|for)\s+{YEAR}|(?P<last>last|the\s+previous|the\s+prior)"
                                   rf"\s+year\b)"),
    ("that_month", "shift", r"\b(?:(?:later|earlier)\s+)?(?:in\s+)?(?:that|the\s+same)\s+month\b"),
    ("recent", "relative", rf"\b(?:(?:in|over|during|for|within)\s+)?(?:the\s+)?(?P<which>past|"
                           rf"last|recent|previous|coming|next)\s+(?:{NUM}\s+)?{UNIT}"),
    ("ago", "ago", rf"\b{NUM}\s+{UNIT}\s+ago\b"),
    ("year_part", "relative", rf"\b(?:(?:in|during|over)\s+)?the\s+(?P<edge>first|second|last|final)"
                              rf"\s+(?:{NUM_WORD}\s+)?(?P<part>months?|quarters?|half)\s+of\s+"
                              rf"(?P<which>the|this|last)\s+year\b"),
    ("duration", "duration", rf"\b(?P<pre>in|within|over|for|after|lasting)\s+(?:(?:just|only|"
                             rf"a\s+mere|less\s+than|more\s+than|nearly|about|almost|some|around)"
                             rf"\s+)?{NUM}\s+{UNIT}(?!\s+ago)"),
]
PATTERNS = [(rule, kind, re.compile(rx, re.I)) for rule, kind, rx in _RAW]
# Overlaps go to the more specific rule first, then to the longer match:
# "April 28" beats "from April", "monday, june 3rd" beats "on monday".
TIER = {rule: 0 for rule in ("mdy_range", "dmy_range", "mdy", "dmy", "numeric", "iso")}
TIER |= {rule: 1 for rule in ("month_range", "month_year", "relative", "recent", "ago", "duration", "year_part",
                               "shift", "that_month", "same_period")}
TIER |= {rule: 1 for rule in ("year_range",)}  # "2019–2020" before "in 2019"
TIER |= {rule: 2 for rule in ("month", "year", "the_year", "year_poss", "weekday")}


# --- trigger words: where a pattern can match at all ------------------------------
# Every match of a rule holds, as one whole word (a run of \w), a trigger word of its
# family: a month for the dated rules, a year for the year rules, a unit for "the
# past two weeks", the last word of a relative phrase. when.py scans a rule only
# around its family's trigger words. A word with a non-ASCII letter or digit is a
# trigger of every family ("ſept" matches "sept" under re.I, and \d takes any digit).
FAMILY = {rule: "month" for rule in ("mdy_range", "dmy_range", "mdy", "dmy", "month_year",
                                     "month", "month_range")}
FAMILY |= {rule: "year" for rule in ("numeric", "iso", "year", "the_year", "year_poss", "year_range")}
FAMILY |= {"weekday": "weekday", "relative": "phrase", "recent": "unit", "ago": "unit",
           "duration": "unit", "year_part": "phrase", "shift": "shift", "that_month": "shift",
           "same_period": "period"}
_TRIGGER_WORDS = {
    "month": {*MONTHS, *FULL_MONTHS},
    "year": {str(y) for y in range(1800, 2100)},  # (?:1[89]|20)\d\d as a whole word
    "weekday": set(WEEKDAYS),
    "phrase": {phrase.split()[-1] for phrase in PHRASES},
    "unit": set(UNITS),
    "shift": {"day", "days", "week", "weeks", "month", *PARTS.split("|")},
    "period": {"period"},
}
# lower-cased word -> its families ("year" is a unit and ends "last year")
TRIGGERS = {word: tuple(f for f, ws in _TRIGGER_WORDS.items() if word in ws)
            for words in _TRIGGER_WORDS.values() for word in words}
ALL_FAMILIES = tuple(_TRIGGER_WORDS)
# No rule looks at more than 8 words from where it starts, lookaheads included (the
# longest: "saturday night, the 3rd of may 2019" + the word after the year, and "for a
# mere a couple of days" + a following "ago"), and a match starts at most 7 words
# before its trigger ("in the first nine months of the year"): a scan from WINDOW_WORDS
# words before each trigger word to WINDOW_WORDS words after it finds exactly what a
# scan of the whole text finds.
WINDOW_WORDS = 8

RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", re.I)
RANGE_LINK = re.compile(r"\s*(?P<word>and|to|until|till|through|thru|-|–|—)\s*", re.I)
# A report's declared period: a short line near the start with a year and a report word
# ("Chile — 2019 Human Rights Report", "Annual Report 2023"), or a phrase that names it.
PERIOD_HEAD_CHARS = 600
PERIOD_LINE_CHARS = 160
PERIOD_WORD = re.compile(rf"\b(?:{_alt(WORDS['period_words'])})\b", re.I)
PERIOD_YEAR = re.compile(rf"(?<![\d/.-]){YEAR}", re.I)
YEAR_SPAN = re.compile(r"(?:1[89]|20)\d\d(?:\s*[/–-]\s*\d{2,4})?")
ANY_DIGIT = re.compile(r"\d")
PERIOD_PHRASE = re.compile(rf"\b(?:{_alt(WORDS['period_phrases'])})\b", re.I)
REPORT_YEAR_PHRASE = re.compile(rf"\b(?:{_alt(WORDS['report_year_phrases'])})\b", re.I)
REPORT_SEASON_MONTHS = 4  # annual reports about a year come out in its first months
_YEAR_SPECS = frozenset({"this_year", "last_year"})

OTHER_EVENT_WORDS = frozenset(WORDS["other_event_words"])
# "killed in the demonstrations", "during the mass protests": a wave named as known, the
# setting of what the sentence counts
NAMED_WAVE = re.compile(rf"\b(?:in|during|amid|at|throughout)\s+the\s+(?P<mods>(?:[\w'’-]+\s+){{0,2}}?)"
                        rf"(?P<noun>{_alt(WORDS['wave_nouns'])})\b", re.I)
# "in the day's demonstrations", "during the weekend protests": dated by their own words
TIME_MODIFIERS = frozenset({*WEEKDAYS, *UNITS, "weekend", "night", "today", "yesterday", "s"})
WAVE_ENDING = re.compile(r"(?:ies|es|s|y)$")  # "rallies", "rally" -> "rall"
WAVE_REACH = 60  # characters between a wave noun and the time the article gives it
STATEMENT_NOUNS = frozenset(WORDS["statement_nouns"])
# The date of a statement, not of a happening: "a December 16 report", and a date that
# opens a sentence whose sayer follows ("On May 2, the ministry said ...").
STATEMENT_AFTER = re.compile(rf"(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?(?:{_alt(WORDS['statement_nouns'])})\b",
                             re.I)
SAYING_AFTER = re.compile(rf",\s+(?:[^\s,.;:]+\s+){{0,6}}?(?:{_alt(WORDS['saying_words'])})\b", re.I)
# a time that opens its sentence: at most two words ("Late on") after the last full stop
OPENS_SENTENCE = re.compile(r"(?:^|[.!?]['’\"”)]?\s+|\n\s*)(?:[\w-]+\s+){0,2}$")

# a line's start, maybe after a clock time or a bullet: "14:05 GMT " / "- " / "Updated "
OPENS_LINE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•–—][ \t]*)?(?:updated[ \t]+)?"
                        r"(?:\d{1,2}[:.]\d\d(?:[ \t]*(?:[ap]\.?m\.?|gmt|utc|[a-z]{2,4}t))?[ \t,—–-]*)?$", re.I)
DAY_NUMBER = re.compile(r"(?<![\d.,])[0-3]?\d(?:st|nd|rd|th)?\b(?![.,]?\d)", re.I)  # "3rd", not "2019"
AS_OF = re.compile(r"\b(?:as\s+(?:of|at)|by\s+the\s+(?:end|close)\s+of|by)\s+(?:the\s+)?$", re.I)
MODIFIER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her)\s+$|['’]s\s+$", re.I)
WEEKDAY_FIRST = re.compile(WDAY, re.I)
PARAGRAPH_BREAK = re.compile(r"\S[ \t]*\n\s*(?=\S)")
MONTH_WORD = re.compile(r"\bmonth\b", re.I)
SENTENCE_BREAK = re.compile(r"[.!?;](?:\[\w{1,4}\])*(?:\s|$)|\n")  # "killed.[12] The next day": reference marks
SINCE_WORD = re.compile(r"\s*(?:ever\s+)?since\s+", re.I)
SINCE = re.compile(r"\b(?:ever\s+)?since\s+$", re.I)
BEGAN = re.compile(r"\b(?:began|begun|begins|started|starting|erupted|broke\s+out|beginning)"
                   r"\s+(?:on\s+|in\s+)?$", re.I)
SINCE_OR_BEGAN = re.compile(rf"(?:{SINCE.pattern}|{BEGAN.pattern})", re.I)
JOINABLE = frozenset({"date", "month", "year", "weekday"})
_RELATIVE_RULES = frozenset({"mdy", "dmy", "mdy_range", "dmy_range", "month", "weekday",
                             "month_range"})


def in_period(atom) -> bool:
    """Whether an atom lies in the period a report declares: a year-less month or day
    ("In August", "On June 22"), "during the year", "the first nine months of the year"."""
    if atom.rule == "relative":
        return PHRASES[word(atom.match, "phrase")] in _YEAR_SPECS
    return atom.rule == "year_part" or (needs_year(atom) and atom.rule != "weekday")


def shift_days(mt: re.Match) -> int:
    """How far "two days later", "the day before", "the next morning" lie from the
    day they count from ("that month" is the month of that day)."""
    if "same" not in mt.re.groupindex or mt.group("same"):
        return 0
    if mt.group("which"):
        step = 7 if word(mt, "wunit") == "week" else 1
        return step if word(mt, "which") in ("next", "following") else -step
    if mt.group("ddir"):
        return 1 if word(mt, "ddir") == "after" else -1
    n = (count(mt) or 1) * UNITS[word(mt, "unit")]
    return n if (word(mt, "dir") or word(mt, "bdir")) in ("later", "after") else -n


def is_day_phrase(text: str) -> bool:
    """ "yesterday", "overnight", "this morning": a phrase that counts days from its reference."""
    return PHRASES.get(" ".join(text.lower().split()), "").startswith(("day:", "span:"))


def needs_year(atom) -> bool:
    """Whether an atom's year comes from its reference date, not its own words."""
    return atom.rule in _RELATIVE_RULES and not atom.match.groupdict().get("year")


def word(mt: re.Match, group: str) -> str:
    """A group's words, lower-cased with single spaces ('' when absent)."""
    value = mt.groupdict().get(group) or ""
    return " ".join(value.lower().split())


def count(mt: re.Match) -> int | None:
    n = word(mt, "n")
    if not n:
        return None
    return int(n) if n.isdigit() else NUMBERS[n]


def duration_days(mt: re.Match) -> int | None:
    n, unit = count(mt), word(mt, "unit")
    if n is None or not unit:
        return None
    return duration_days_of(n, unit)


def duration_days_of(n: int, unit: str) -> int:
    if UNITS[unit] == 0:  # hours
        return max(1, math.ceil(n / 24))
    return n * UNITS[unit]
