"""Resolvers of ``when.py``: a regex match + a reference date -> a date interval.

Each resolver returns ``(start, end)``, ``(None, None)`` when the words need a
reference date that is missing, or ``None`` when the match is not a time after all
("5 may have died", day 32). Pure functions; ``_when_patterns`` holds the regexes.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from claimledger.extract import _when_patterns as tw

Interval = tuple[date | None, date | None]
OPEN: Interval = (None, None)
_BARE_MONTH_PRES = frozenset({"last", "next", "in", "since", "early", "late", "mid", "until",
                              "till", "during", "from", "by", "of", "between"})


def _month(mt: re.Match) -> int:
    return tw.MONTHS[tw.word(mt, "mon").rstrip(".")]


def _month_span(year: int, month: int, mod: str = "") -> Interval:
    last = calendar.monthrange(year, month)[1]
    lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(mod, (1, last))
    return date(year, month, lo), date(year, month, hi)


def _nearest(month: int, day: int, ref: date) -> date:
    """The latest month/day no more than a month after ref: news mostly looks back,
    but "on May 19" in an article of May 18 is the next day."""
    horizon = ref + timedelta(days=31)
    options = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:  # 29 February
            continue
    return max(d for d in options if d <= horizon)


def _day(mt: re.Match, ref: date | None, day: int) -> date | None:
    year = tw.word(mt, "year")
    if year:
        return date(int(year), _month(mt), day)
    if ref is None:
        return None
    lead = tw.word(mt, "lead")
    if lead:
        agree = _on_weekday(_month(mt), day, tw.WEEKDAYS[lead], ref)
        if agree:
            return agree
    return _nearest(_month(mt), day, ref)


def _on_weekday(month: int, day: int, weekday: int, ref: date) -> date | None:
    """ "monday, june 3rd" without a year: the year, within one of ref's, whose June 3
    is a Monday (the nearest to ref when two are)."""
    options = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d.weekday() == weekday:
            options.append(d)
    return min(options, key=lambda d: abs((d - ref).days)) if options else None


def mdy(mt, ref):
    d = _day(mt, ref, int(mt.group("day")))
    return (d, d) if d else OPEN


def dmy(mt, ref):
    evidence = (tw.word(mt, "year") or tw.word(mt, "ord") or tw.word(mt, "of") or tw.word(mt, "lead")
                or mt.group("prep") is not None)
    if tw.word(mt, "mon").rstrip(".") in tw.AMBIGUOUS_MONTHS and not evidence:
        return None  # "5 may have died", "10 dec"
    return mdy(mt, ref)


def day_range(mt, ref):
    lo, hi = _day(mt, ref, int(mt.group("d1"))), _day(mt, ref, int(mt.group("d2")))
    if lo and hi and lo > hi:
        return None
    return (lo, hi) if lo and hi else OPEN


def numeric(mt, ref):
    d = date(int(mt.group("year")), int(mt.group("month")), int(mt.group("day")))
    return d, d


def month_year(mt, ref):
    return _month_span(int(mt.group("year")), _month(mt), tw.word(mt, "mod"))


def month_range(mt, ref):
    """ "between March and May", "from October to December 2019": the months between,
    year-less ones ending where a bare month would."""
    first, last = _month(mt), tw.MONTHS[tw.word(mt, "mon2")]
    year = tw.word(mt, "year")
    if year:
        end_year = int(year)
    elif ref is None:
        return OPEN
    else:
        end_year = ref.year if last <= ref.month else ref.year - 1
    start_year = end_year if first <= last else end_year - 1
    return _month_span(start_year, first)[0], _month_span(end_year, last)[1]


def bare_month(mt, ref):
    name, pre = tw.word(mt, "mon").rstrip("."), tw.word(mt, "pre")
    if name in tw.AMBIGUOUS_MONTHS and pre not in _BARE_MONTH_PRES:
        return None
    if name not in tw.FULL_MONTHS:
        return None  # bare abbreviations ("dec", "sept.") are too unsure
    if ref is None:
        return OPEN
    month = _month(mt)
    if pre == "last":
        year = ref.year if month < ref.month else ref.year - 1
    elif pre == "next":
        year = ref.year if month > ref.month else ref.year + 1
    elif pre == "this":
        year = ref.year
    else:
        year = ref.year if month <= ref.month else ref.year - 1
    mod = pre if pre in ("early", "mid", "late") else ""
    return _month_span(year, month, mod)


def year_range(mt, ref):
    """ "2019–2020", "2011-12": the years from the first to the second (at most ten)."""
    y1, y2 = int(mt.group("y1")), mt.group("y2")
    y2 = int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2)
    if not 0 < y2 - y1 <= 10:
        return None
    return date(y1, 1, 1), date(y2, 12, 31)


def year(mt, ref):
    y = int(mt.group("year"))
    pre = tw.word(mt, "pre")
    parts = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
    lo, hi = parts.get(pre, (1, 12))
    return date(y, lo, 1), date(y, hi, calendar.monthrange(y, hi)[1])


def weekday(mt, ref):
    if ref is None:
        return OPEN
    target = tw.WEEKDAYS[tw.word(mt, "wd")]
    pre = tw.word(mt, "pre")
    if pre == "next":
        d = ref + timedelta(days=(target - ref.weekday() - 1) % 7 + 1)
    elif pre in ("last", "this past", "past"):  # "last monday" said on a Monday
        d = ref - timedelta(days=(ref.weekday() - target - 1) % 7 + 1)
    else:
        d = ref - timedelta(days=(ref.weekday() - target) % 7)
    return d, d


def relative(mt, ref):
    if ref is None:
        return OPEN
    spec = tw.PHRASES[tw.word(mt, "phrase")]
    name, _, args = spec.partition(":")
    if name == "day":
        d = ref + timedelta(days=int(args))
        return d, d
    if name == "span":
        lo, hi = (int(a) for a in args.split(":"))
        return ref + timedelta(days=lo), ref + timedelta(days=hi)
    return _CALENDAR[name](ref)


_CALENDAR = {
    "this_week": lambda r: (r - timedelta(days=r.weekday()), r),
    "last_weekend": lambda r: (r - timedelta(days=r.weekday() + 2), r - timedelta(days=r.weekday() + 1)),
    "this_month": lambda r: (r.replace(day=1), r),
    "last_month": lambda r: _month_span(*((r.year, r.month - 1) if r.month > 1 else (r.year - 1, 12))),
    "this_year": lambda r: (date(r.year, 1, 1), r),
    "up_to_now": lambda r: (None, r),  # "to date", "so far": a count up to the reference
    "last_year": lambda r: (date(r.year - 1, 1, 1), date(r.year - 1, 12, 31)),
}


def recent(mt, ref):
    if ref is None:
        return OPEN
    n = tw.count(mt) or (3 if tw.word(mt, "which") == "recent" else 1)
    days = max(1, tw.duration_days_of(n, tw.word(mt, "unit")))
    if tw.word(mt, "which") in ("coming", "next"):
        return ref, ref + timedelta(days=days)
    return ref - timedelta(days=days), ref


def ago(mt, ref):
    if ref is None:
        return OPEN
    n, unit = tw.count(mt), tw.word(mt, "unit").rstrip("s")
    if unit == "year":
        return date(ref.year - n, 1, 1), date(ref.year - n, 12, 31)
    if unit == "month":
        back = ref.year * 12 + ref.month - 1 - n
        return _month_span(back // 12, back % 12 + 1)
    if unit == "hour":
        return ref - timedelta(days=1), ref
    d = ref - timedelta(days=n * tw.UNITS[unit])
    return (d - timedelta(days=3), min(ref, d + timedelta(days=3))) if unit == "week" else (d, d)


_PART_MONTHS = {"month": 1, "months": 1, "quarter": 3, "quarters": 3, "half": 6}


def year_part(mt, ref):
    """ "the first nine months of the year", "the second half of last year"."""
    if ref is None:
        return OPEN
    y = ref.year - (tw.word(mt, "which") == "last")
    part = tw.word(mt, "part")
    months = (tw.count(mt) or (1 if part in ("month", "quarter", "half") else 3)) * _PART_MONTHS[part]
    if not 0 < months <= 12:
        return None
    if tw.word(mt, "edge") == "first":
        return date(y, 1, 1), _month_span(y, months)[1]
    return date(y, 13 - months, 1), date(y, 12, 31)


def shift(mt, ref):
    """ "two days later": from the reference until when.py finds the day it counts from."""
    if ref is None:
        return OPEN
    d = ref + timedelta(days=tw.shift_days(mt))
    return (d, d) if d <= ref else OPEN  # "the next day" of nothing named: unknown, not tomorrow


def same_period(mt, ref):
    """ "the same period in 2018": that year until when.py finds the period it repeats;
    "the same period last year": the year before the reference."""
    if mt.group("year"):
        y = int(mt.group("year"))
    elif ref is None:
        return OPEN
    else:
        y = ref.year - 1
    return date(y, 1, 1), date(y, 12, 31)


def that_month(mt, ref):
    """ "later that month": the month of the reference until when.py finds the day."""
    return _month_span(ref.year, ref.month) if ref else OPEN


def duration(mt, ref):
    return OPEN


RESOLVERS = {
    "mdy_range": day_range, "dmy_range": day_range, "mdy": mdy, "dmy": dmy,
    "numeric": numeric, "iso": numeric, "month_year": month_year, "month": bare_month,
    "month_range": month_range,
    "year": year, "the_year": year, "year_poss": year, "weekday": weekday,
    "relative": relative, "recent": recent, "ago": ago, "duration": duration,
    "year_part": year_part, "shift": shift, "year_range": year_range,
    "that_month": that_month, "same_period": same_period,
}
