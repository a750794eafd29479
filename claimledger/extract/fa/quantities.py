"""Numbers in Persian text: digits with separators, number words, multipliers,
qualifiers and vague words, each with the interval the words allow.

Works on normalised text (normalise.py), so digits are 0-9 and «٬» is ",".
Spans cover the qualifier and the number, never the counted noun:
«دست کم ۴۵۰ نفر» gives the span «دست کم ۴۵۰».
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import lexicon
from .normalise import START, alternation, squash


@dataclass(frozen=True)
class Quantity:
    start: int  # the qualifier's start, or the number's
    end: int
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    indefinite: bool = False  # the word «یک», which is also the indefinite article


_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?(?![\d])"


@cache
def _patterns():
    w = lexicon.words()
    atoms = {**w["number_words"], **w["multipliers"]}
    word = alternation(atoms, whole=True)
    atom = rf"(?:(?<![\d,.]){_DIGITS}|{word})"
    number = rf"{atom}(?:\s*{alternation(w['multipliers'], whole=True)})?(?:\s+و\s+{atom}(?:\s*{alternation(w['multipliers'], whole=True)})?)*"
    # a qualifier of two words may run into a label before it («دستگیرشدگانبیش از»)
    qualifier = "|".join(alternation([k]).replace(START, "", 1) if " " in k else alternation([k])
                         for k in sorted(w["qualifiers"], key=len, reverse=True))
    return {
        "number": re.compile(number),
        "vague": re.compile(alternation(w["vague"], whole=True)),
        "qualifier": re.compile(rf"(?:{qualifier})\s*(?:رقم\s*)?$"),
        "range": re.compile(rf"\s*(?:تا|الی|-|–)\s*({number})"),
        "from": re.compile(rf"{START}از\s*$"),
        "passed": re.compile(rf"\s*(?:{alternation(w['classifiers'], whole=True)}\s*)?{alternation(w['qualifiers_after'])}"),
        "after": re.compile(alternation(w["not_counts_after"] + ["٪", "%"], whole=True)),
        "before": re.compile(rf"{alternation(w['not_counts_before'], whole=True)}\s*$"),
        "atoms": {squash(k): v for k, v in atoms.items()},
        "mult": {squash(k) for k in w["multipliers"]},
        "vague_table": {squash(k): v for k, v in w["vague"].items()},
        "qualifier_table": {squash(k): v for k, v in w["qualifiers"].items()},
    }


def number_value(text: str) -> int | None:
    """«هزار و پانصد» 1500, «بیست و پنج هزار» 25000, «۲۰ هزار» 20000, «14,000» 14000."""
    p = _patterns()
    total, current = 0.0, 0.0
    for token in re.findall(rf"{_DIGITS}|[^\W\d_]+", text):
        if token == "و":
            continue
        if token[0].isdigit():
            current += float(token.replace(",", ""))
            continue
        value = p["atoms"].get(squash(token))
        if value is None:
            return None
        if squash(token) in p["mult"]:
            total += (current or 1) * value
            current = 0
        else:
            current += value
    n = total + current
    return int(n) if n == int(n) else None


def _multiplier_of(text: str) -> int | None:
    p = _patterns()
    last = re.findall(r"[^\W\d_]+", text)
    return lexicon.words()["multipliers"].get(last[-1]) if last and squash(last[-1]) in p["mult"] else None


def find_quantities(text: str, start: int, end: int, masked=()) -> list[Quantity]:
    """The quantities of ``text[start:end]`` that may count something; ``masked`` spans
    (dates, footnote marks) hold none."""
    p = _patterns()
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = list(masked)
    for m in p["vague"].finditer(text, start, end):
        if not _overlaps(m.start(), m.end(), taken) and not _not_a_count(text, m.start(), m.end()):
            low, high = p["vague_table"][squash(m.group())]
            found.append(_qualified(text, m.start(), m.end(), None, low, high, "vague"))
            taken.append((m.start(), m.end()))
    for m in p["number"].finditer(text, start, end):
        s, e = m.start(), m.end()
        if _overlaps(s, e, taken):
            continue
        value = number_value(m.group())
        ranged = p["range"].match(text, e, end)
        if value is not None and ranged and ranged.group(1)[:1].isdigit() == m.group()[:1].isdigit():
            high = number_value(ranged.group(1))
            multiplier = _multiplier_of(ranged.group(1))
            if high is not None and multiplier and not _multiplier_of(m.group()) and value * multiplier <= high:
                value *= multiplier  # «سه تا بیست هزار»: the thousands cover both ends
            if high is not None and high > value and not _not_a_count(text, s, ranged.end()):
                found.append(Quantity(s, ranged.end(), None, value, high, "vague"))
                taken.append((s, ranged.end()))
                continue
        if value is None or _not_a_count(text, s, e) or _year_like(text, m.group(), e):
            continue
        if text[e:e + 1] == "+":  # «۱۹٬۰۰۰+»: at least
            found.append(Quantity(s, e + 1, value, value, None, "at_least"))
            taken.append((s, e + 1))
            continue
        found.append(_qualified(text, s, e, value, value, value, "exact", m.group().strip() == "یک"))
        taken.append((s, e))
    return sorted(found, key=lambda q: q.start)


def _qualified(text, s, e, value, low, high, qualifier, indefinite=False) -> Quantity:
    p = _patterns()
    q = p["qualifier"].search(text, max(0, s - 24), s)
    if value is not None and _passed(text, s, e):  # «از ۱۰۰ نفر گذشت»: more than
        return Quantity(s, e, value, value + 1, None, "more_than")
    if q and value is not None:
        word = re.sub(r"\s*رقم\s*$", "", q.group()).strip()
        kind = p["qualifier_table"].get(squash(word))
        low, high = {"at_least": (value, None), "more_than": (value + 1, None), "about": (value, value),
                     "up_to": (None, value), "less_than": (None, value - 1)}.get(kind, (low, high))
        return Quantity(q.start(), e, value, low, high, kind or qualifier)
    return Quantity(s, e, value, low, high, qualifier, indefinite)


def _passed(text: str, s: int, e: int) -> bool:
    p = _patterns()
    return bool(p["from"].search(text, max(0, s - 4), s)) and bool(p["passed"].match(text, e))


def _overlaps(s: int, e: int, spans) -> bool:
    return any(s < b and a < e for a, b in spans)


def _not_a_count(text: str, s: int, e: int) -> bool:
    """An age, a duration, money, a share, a footnote mark, a law's article."""
    p = _patterns()
    if p["after"].match(text, e + (1 if text[e:e + 1] == " " else 0)) or p["after"].match(text, e):
        return True
    if text[max(0, s - 1):s] == "[" and text[e:e + 1] == "]":
        return True
    return bool(p["before"].search(text, max(0, s - 12), s))


def _year_like(text: str, number: str, e: int) -> bool:
    """«۱۳۹۸», «2020» alone are years; «۱۴۰۰ نفر» is a count."""
    n = number.strip()
    if not (n.isdigit() and len(n) == 4 and (1300 <= int(n) <= 1499 or 1900 <= int(n) <= 2100)):
        return False
    return not re.match(rf"\s*{alternation(lexicon.words()['classifiers'])}", text[e:e + 8])
