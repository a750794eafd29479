"""Times in Persian text, resolved to Gregorian intervals with jdatetime.

Solar Hijri dates («۱۱ دی ۱۳۹۶», «دوم قوس», «۲۴ تا ۲۸ آبان»), months («آبان ۹۸»),
weekdays («دوشنبه شب»), Gregorian dates in Persian («۲۶ مه ۲۰۲۰»), ranges
(«از X تا Y»), ends («تا پایان پنجم آذر») and recent days («روزهای اخیر»).
A missing year is the one the article last named, else the publication's; a weekday
beside a date picks the year in which the date falls on it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

import jdatetime

from claimledger.model import When

from . import lexicon
from .normalise import END, alternation, normalise, squash

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    when: When
    kind: str  # date, range, month, year, weekday, until, since, recent


@cache
def _words() -> dict:
    import json
    from importlib import resources
    return json.loads(resources.files("claimledger.data").joinpath("fa_time_words.json").read_text("utf-8"))


@cache
def lexicon_numbers() -> dict[str, int]:
    """The number words of fa_lexicon.json (یک ... نهصد), normalised."""
    return {normalise(k): v for k, v in lexicon.words()["number_words"].items()}


@cache
def _table(name: str) -> dict[str, int]:
    return {squash(k): v for k, v in _words()[name].items()}


@cache
def _patterns() -> dict[str, re.Pattern]:
    w = _words()
    day = rf"(?:(?<!\d)\d{{1,2}}(?!\d)(?:\s?ام|م)?|{alternation(w['ordinals'], whole=True)})"
    weekday = rf"(?:روز\s?)?{alternation(w['weekdays'], whole=True)}(?:\s?(?:شب|صبح|عصر|بامداد))?"
    solar = alternation(w["solar_months"])
    year = r"(?:\s?(?:ماه)?\s*(?:سال\s?)?(?P<year>(?<!\d)\d{4}(?!\d)|(?<!\d)\d{2}(?!\d)))?"
    greg = alternation(w["gregorian_months"], whole=True)
    return {
        "solar": re.compile(rf"(?P<day>{day})(?:\s?تا\s?(?P<day2>{day}))?\s?(?P<month>{solar})(?:\s?ماه)?{END}{year}"),
        # the weekday before a date («دوشنبه شب ۱۱ دی»), looked for only where a date stands
        "weekday_before": re.compile(rf"(?P<wd>{weekday})\s*(?:بامداد|شب|صبح|عصر)?\s*$"),
        "greg": re.compile(rf"(?P<day>{day})\s?(?P<month>{greg})\s*(?P<year>\d{{4}})?"),
        "greg_month": re.compile(rf"(?P<month>{greg})\s*(?:سال\s?)?(?P<year>(?<!\d)(?:19|20)\d\d(?!\d))"),
        "month_year": re.compile(rf"(?P<month>{solar})(?:\s?ماه)?\s*(?:سال\s?)?(?P<year>(?<!\d)\d{{4}}(?!\d)|(?<!\d)\d{{2}}(?!\d))"),
        "month": re.compile(rf"(?P<month>{alternation(w['month_alone'])}|{alternation(['دی', 'مهر', 'تیر'])}\s?ماه)"
                            rf"(?:\s?ماه)?{END}"),
        "weekday": re.compile(weekday),
        "part": re.compile(rf"({alternation(w['month_parts'])})\s?$"),
        "numeric": re.compile(r"(?<![\d/])(?P<year>\d{4})/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?![\d/])"),
        "year": re.compile(r"(?<![^\W\d_])سال\s?(?P<year>(?<!\d)1[34]\d\d(?!\d)|(?<!\d)\d{2}(?!\d))"),
        "relative": re.compile(alternation(w["relative_days"], whole=True)),
        "ago": re.compile(rf"(?P<n>(?<!\d)\d{{1,2}}(?!\d)|{alternation(lexicon_numbers(), whole=True)})\s?"
                          rf"(?P<unit>روز|هفته)\s?(?:پیش|قبل){END}"),
        "recent": re.compile(alternation(w["recent"], whole=True)),
    }


def find_times(text: str, published: date | None) -> list[TimeMention]:
    """Time mentions of normalised ``text`` in order, ranges and ends joined."""
    p = _patterns()
    found: list[TimeMention] = []
    taken: list[tuple[int, int]] = []

    def add(s, e, when, kind):
        if when and not any(s < b and a < e for a, b in taken):
            found.append(TimeMention(s, e, when, kind))
            taken.append((s, e))

    scans = {k: list(p[k].finditer(text)) for k in ("solar", "month_year", "year")}
    years = sorted((m.start(), _solar_year(m.group("year"))) for k in scans for m in scans[k]
                   if m.group("year") and _solar_year(m.group("year")))
    for m in scans["solar"]:
        named = [y for at, y in years if at < m.start()]
        wd = p["weekday_before"].search(text, max(0, m.start() - 24), m.start())
        add(wd.start() if wd else m.start(), m.end(),
            _solar_date(m, named[-1] if named else None, published, wd.group("wd") if wd else None), "date")
    for m in p["numeric"].finditer(text):  # «۱۴۰۱/۰۷/۰۸» (Solar) or «2022/09/30»
        add(m.start(), m.end(), _numeric_date(*(int(m.group(k)) for k in ("year", "month", "day"))), "date")
    for m in p["greg"].finditer(text):
        add(m.start(), m.end(), _greg_date(m, published), "date")
    for m in p["greg_month"].finditer(text):  # «نوامبر ۲۰۱۹»: the whole month
        y, mo = int(m.group("year")), _table("gregorian_months")[squash(m.group("month"))]
        last = (date(y + (mo == 12), mo % 12 + 1, 1) - _DAY)
        add(m.start(), m.end(), When(date(y, mo, 1), last), "month")
    for m in scans["month_year"]:
        whole = _month(_solar_year(m.group("year")), _table("solar_months")[squash(m.group("month"))])
        begins, when = _part(text, m.start(), whole)
        add(begins, m.end(), when, "month")
    for m in p["month"].finditer(text):
        named = [y for at, y in years if at < m.start()]
        month = _table("solar_months")[squash(re.sub(r"\s?ماه$", "", m.group("month")))]
        whole = _month(_default_year(named[-1] if named else None, month, 1, published), month)
        begins, when = _part(text, m.start(), whole)
        add(begins, m.end(), when, "month")
    for m in scans["year"]:
        y = _solar_year(m.group("year"))
        add(m.start(), m.end(), When(_g(y, 1, 1), _g(y + 1, 1, 1) - _DAY) if y else None, "year")
    for m in p["weekday"].finditer(text):
        add(m.start(), m.end(), _weekday(m.group(), published), "weekday")
    for m in p["relative"].finditer(text):
        if published:
            d = published - timedelta(days=_table("relative_days")[squash(m.group())])
            add(m.start(), m.end(), When(d, d), "date")
    for m in p["ago"].finditer(text):  # «سه روز پیش», «دو هفته قبل»
        n = int(m.group("n")) if m.group("n").isdigit() else lexicon_numbers().get(m.group("n"))
        if published and n:
            days = n * (7 if m.group("unit") == "هفته" else 1)
            d = published - timedelta(days=days)
            add(m.start(), m.end(), When(d, d + timedelta(days=6)) if m.group("unit") == "هفته" else When(d, d), "date")
    for m in p["recent"].finditer(text):
        if published:
            back = _table("recent")[squash(m.group())]
            add(m.start(), m.end(), When(published - timedelta(days=back) if back else None, published), "recent")
    found.sort(key=lambda t: t.start)
    return _join(text, [replace(t, when=replace(t.when, text=text[t.start:t.end])) for t in found], published)


def _part(text: str, at: int, whole: When | None) -> tuple[int, When | None]:
    """ «هفته آخر آبان», «اواخر آبان»: the part of the month a phrase before it names."""
    m = _patterns()["part"].search(text, max(0, at - 16), at)
    if not m or not whole or not whole.start:
        return at, whole
    anchor, a, b = _words()["month_parts"][next(k for k in _words()["month_parts"] if squash(k) == squash(m.group(1)))]
    if anchor == "start":
        return m.start(), When(whole.start + timedelta(days=a), whole.start + timedelta(days=b))
    return m.start(), When(whole.end - timedelta(days=a), whole.end - timedelta(days=b))


def time_at(text: str, pos: int) -> int | None:
    """The end of a time expression that starts at ``pos`` («روز دوشنبه ۱۲ دی», «امروز»),
    or None: a sentence may open with one before its sayer."""
    p = _patterns()
    ends = [m.end() for k in ("weekday", "solar", "relative", "greg") for m in [p[k].match(text, pos)] if m]
    if not ends:
        return None
    end = max(ends)
    more = p["solar"].match(text, end + (1 if text[end:end + 1] == " " else 0))  # «دوشنبه ۱۲ دی»
    return more.end() if more else end


def _join(text: str, found: list[TimeMention], published: date | None) -> list[TimeMention]:
    """«از X تا Y» is one interval; «تا (پایان|تاریخ) X» ends there; «از X» alone runs from X
    to publication."""
    out: list[TimeMention] = []
    for t in found:
        prev = out[-1] if out else None
        between = text[prev.end:t.start].strip() if prev else ""
        if prev and between in ("تا", "الی", "-", "–") and prev.when.start and t.when.end:
            out[-1] = TimeMention(prev.start, t.end, When(prev.when.start, t.when.end, text[prev.start:t.end]), "range")
            continue
        if prev and t.kind == "recent" and t.when.start is None and not between and _since(text, prev):
            out[-1] = TimeMention(prev.start, t.end, When(prev.when.start, t.when.end, text[prev.start:t.end]), "range")
            continue  # «از ۱۵ آبان تا کنون»
        if t.kind == "date" and t.when.start and _since(text, t) and not re.match(r"\s*(?:تا|الی)", text[t.end:t.end + 5]):
            t = TimeMention(t.start, t.end, When(t.when.start, published or t.when.end, t.when.text), "since")
        lead = re.search(r"(?<![^\W\d_])تا\s?(?:پایان\s?|تاریخ\s?|روز\s?)?$", text[max(0, t.start - 14):t.start])
        if lead:
            s = t.start - len(lead.group())
            t = TimeMention(s, t.end, When(None, t.when.end, text[s:t.end]), "until")
        out.append(t)
    return out


@cache
def _since(text: str, t: TimeMention) -> bool:
    return bool(t.when.start) and bool(re.search(r"(?<![^\W\d_])از\s?$", text[max(0, t.start - 4):t.start]))


@cache
def _g(y: int, m: int, d: int) -> date:
    if m > 12:
        y, m = y + 1, m - 12
    return jdatetime.date(y, m, d).togregorian()


def _month(y: int | None, m: int) -> When | None:
    if not y:
        return None
    return When(_g(y, m, 1), _g(y, m + 1, 1) - _DAY)


def _solar_year(text: str | None) -> int | None:
    if not text:
        return None
    n = int(text)
    if n < 100:
        return 1300 + n if n >= 50 else 1400 + n
    return n if 1300 <= n <= 1499 else None


def _published_solar(published: date) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=published)


def _default_year(named: int | None, month: int, day: int, published: date | None) -> int | None:
    """The year the article last named (if recent), else the publication's, minus one
    when the date would fall after publication."""
    if not published:
        return named
    now = _published_solar(published)
    if named and now.year - 3 <= named <= now.year:
        return named
    return now.year - 1 if (month, day) > (now.month, now.day) else now.year


def _day(text: str) -> int | None:
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    return _table("ordinals").get(squash(text))


def _solar_date(m: re.Match, named: int | None, published: date | None, weekday: str | None = None) -> When | None:
    month = _table("solar_months")[squash(m.group("month"))]
    day, day2 = _day(m.group("day")), _day(m.group("day2")) if m.group("day2") else None
    if not day or day > 31:
        return None
    year = _solar_year(m.group("year"))
    if year is None:
        year = _default_year(named, month, day, published)
        wd = _weekday_number(weekday)
        if wd is not None and published and year:
            now = _published_solar(published).year
            for y in dict.fromkeys((year, now, now - 1, named or now)):
                if _valid(y, month, day) and _g(y, month, day).weekday() == wd:
                    year = y
                    break
    if not year or not _valid(year, month, day) or (day2 and not _valid(year, month, day2)):
        return None
    return When(_g(year, month, day), _g(year, month, day2 or day))


@cache
def _valid(y: int, m: int, d: int) -> bool:
    try:
        jdatetime.date(y, m, d)
        return True
    except ValueError:
        return False


def _weekday_number(text: str | None) -> int | None:
    if not text:
        return None
    name = re.sub(r"^روز\s?|\s?(?:شب|صبح|عصر|بامداد)$", "", text)
    return _table("weekdays").get(squash(name))


def _weekday(text: str, published: date | None) -> When | None:
    wd = _weekday_number(text)
    if wd is None or not published:
        return None
    d = published - timedelta(days=(published.weekday() - wd) % 7)
    return When(d, d)


def _numeric_date(y: int, m: int, d: int) -> When | None:
    if 1300 <= y <= 1499 and _valid(y, m, d):
        day = _g(y, m, d)
    else:
        try:
            day = date(y, m, d)
        except ValueError:
            return None
    return When(day, day)


def _greg_date(m: re.Match, published: date | None) -> When | None:
    day, month = _day(m.group("day")), _table("gregorian_months")[squash(m.group("month"))]
    year = int(m.group("year")) if m.group("year") else (published.year if published else None)
    if not year or not day:
        return None
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return When(d, d)
