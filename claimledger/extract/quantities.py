"""Quantities: the numbers a claim can stand on, with their qualifier and interval.

``find_quantities(tokens)`` reads digits ("1,500", "1.5 million"), number words
("twelve", "a thousand", "fifteen hundred", "two dozen"), vague quantities
("thousands", "tens of thousands", "in the hundreds") and the qualifiers before
them ("over", "at least", "nearly", "as many as"). It never decides what is
counted; dates, years and other non-counts are dropped by ``is_count``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from spacy.tokens import Span, Token

from .lexicon import lexicon

_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
_DASHES = "-‐‑‒–—―−"  # hyphen, figure/en/em dashes, minus
_RANGE = re.compile(rf"^(\d[\d,]*)[{_DASHES}](\d[\d,]*)$")  # "12–15" as one token
_RANGE_LINKS = {*_DASHES, "to"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
           "sep", "sept", "oct", "nov", "dec"}
_CURRENCY = {"$", "£", "€", "¥", "us$", "usd"}
_TIME_TAILS = {"p.m.", "a.m.", "pm", "o'clock", "gmt", "utc", ":"}
_MAX_DIGITS = 30  # "1,000,000,000,000,000,000" fits; no count of people needs more


@dataclass(frozen=True)
class Quantity:
    """A number in a sentence: tokens [start, end) include the qualifier words."""
    start: int
    end: int
    core: int  # index of the token that carries the number in the parse
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    span: str
    start_char: int
    end_char: int


def doc_text(doc) -> str:
    """A Doc's text, built once: ``Doc.text`` joins every token on each call."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def interval(value: int, qualifier: str) -> tuple[int | None, int | None]:
    """The low/high the words allow, by the spec's table."""
    return {
        "exact": (value, value), "about": (value, value),
        "more_than": (value + 1, None), "at_least": (value, None),
        "up_to": (None, value), "less_than": (None, value - 1),
    }[qualifier]


def _lower(tokens: Sequence[Token], i: int) -> str:
    return tokens[i].lower_ if 0 <= i < len(tokens) else ""


def _match_phrase(tokens: Sequence[Token], i: int, table: dict) -> tuple[int, object] | None:
    """Longest entry of ``table`` (keys: word tuples) starting at token i."""
    best = None
    for key, val in _by_first_word(id(table), table).get(_lower(tokens, i), ()):
        n = len(key)
        if (best is None or n > best[0]) and tuple(_lower(tokens, i + k) for k in range(n)) == key:
            best = (n, val)
    return best


_FIRST_WORDS: dict[int, dict[str, list]] = {}


def _by_first_word(table_id: int, table: dict) -> dict[str, list]:
    """The table's entries grouped by their first word (built once per table)."""
    if table_id not in _FIRST_WORDS:
        grouped: dict[str, list] = {}
        for key, val in table.items():
            grouped.setdefault(key[0], []).append((key, val))
        _FIRST_WORDS[table_id] = grouped
    return _FIRST_WORDS[table_id]


def parse_digits(text: str) -> float | None:
    if len(text) > _MAX_DIGITS:
        return None  # counts nothing, and int() refuses strings of over 4,300 digits
    m = _DIGITS.match(text)
    if not m:
        return None
    whole = int(m.group(1).replace(",", ""))
    return float(f"{whole}.{m.group(2)}") if m.group(2) else whole


def _words_value(words: list[str]) -> int | None:
    """English number words to an integer: "fifteen hundred" 1500, "a thousand" 1000."""
    lex = lexicon()
    total = current = 0
    seen = False
    for w in words:
        if w in ("a", "an"):
            current = max(current, 1)
        elif w in lex.units:
            current += lex.units[w]
        elif w in lex.tens:
            current += lex.tens[w]
        elif w == "dozen":
            current = max(current, 1) * 12
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in lex.scales:
            total += max(current, 1) * lex.scales[w]
            current = 0
        elif w == "and":
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def _number_at(tokens: Sequence[Token], i: int) -> tuple[int, int | None] | None:
    """(token count, value) of a precise number starting at i, or None."""
    lex = lexicon()
    tok = _lower(tokens, i)
    num = parse_digits(tok)
    if num is not None:
        n, scale = 1, lex.scales.get(_lower(tokens, i + 1))
        if scale:
            num, n = num * scale, 2
        elif _lower(tokens, i + 1) == "dozen":
            num, n = num * 12, 2
        return (n, int(num)) if float(num).is_integer() else None
    words: list[str] = []
    j = i
    while j < len(tokens):
        w = _lower(tokens, j)
        parts = [p for p in w.split("-") if p] if w != "-" else []
        if w == "-" and words:
            j += 1
        elif parts and all(p in lex.number_words for p in parts) and _may_extend(words, parts, j == i):
            words += parts
            j += 1
        else:
            break
    while words and words[-1] in ("and", "a", "an"):
        words.pop()
        j -= 1
    if not words or words[0] == "and":
        return None
    if words[0] in ("a", "an") and (len(words) < 2 or words[1] not in (*lex.scales, "dozen")):
        return None
    if words[0] in (*lex.scales, "dozen"):
        return None  # "Million Man March": a scale word needs a number before it
    value = _words_value(words)
    return (j - i, value) if value is not None else None


def _may_extend(words: list[str], parts: list[str], first: bool) -> bool:
    """Number words join only as English numbers do: "a" first, "and" after a scale."""
    lex = lexicon()
    if parts[0] in ("a", "an"):
        return first
    if parts[0] == "and":
        return bool(words) and words[-1] in lex.scales
    if words and words[-1] == "and":
        return parts[0] in lex.units or parts[0] in lex.tens
    if words and words[-1] in lex.units and parts[0] in (*lex.units, *lex.tens):
        return False  # "two three" is two numbers
    return True


def _qualifier_before(tokens: Sequence[Token], i: int, lo: int) -> tuple[int, str | None]:
    """The qualifier phrase ending just before token i: (its first token, qualifier)."""
    best = (i, None)
    for n in (3, 2, 1):
        if i - n < lo:
            continue
        key = tuple(_lower(tokens, k) for k in range(i - n, i))
        if key in lexicon().qualifiers and lexicon().qualifiers[key]:
            return i - n, lexicon().qualifiers[key]
    return best


def find_quantities(sent: Span) -> list[Quantity]:
    """Every quantity in a sentence, left to right, not overlapping."""
    tokens = list(sent)
    out: list[Quantity] = []
    i = 0
    while i < len(tokens):
        q = _quantity_at(sent, tokens, i) if _may_start(tokens[i].lower_) else None
        if q is None:
            i += 1
            continue
        out.append(q)
        i = q.end - sent.start
    return out


def _may_start(word: str) -> bool:
    """Whether a quantity can start at a token reading ``word``: the first word of a
    vague phrase, a digit, or number words ("twenty-five"). Most tokens cannot, and
    skipping them spares ``_quantity_at`` its lookups."""
    lex = lexicon()
    return (word in _by_first_word(id(lex.vague), lex.vague) or word[:1].isdigit()
            or any(part in lex.number_words for part in word.split("-")))


def _quantity_at(sent: Span, tokens: list[Token], i: int) -> Quantity | None:
    lex = lexicon()
    vague = _match_phrase(tokens, i, lex.vague)
    start = i
    if vague:
        n, (low, high) = vague
        # "in the hundreds" keeps its preposition: it is part of the vague phrase
        if i >= 2 and (_lower(tokens, i - 2), _lower(tokens, i - 1)) in (("in", "the"), ("by", "the")):
            start = i - 2
        core = _core_token(tokens, i, n)
        q_start, qual = _qualifier_before(tokens, start, 0)
        if qual in ("up_to", "less_than"):
            low = None
        return _make(sent, tokens, q_start, i + n, core, None, low, high, "vague")
    ranged = _range_at(tokens, i)
    if ranged:
        return _ranged(sent, tokens, i, *ranged)
    number = _number_at(tokens, i)
    if number is None:
        return None
    n, value = number
    if value is None:
        return None
    if _plus_after(tokens, i + n):  # "480+": at least 480
        q_start, qual = _qualifier_before(tokens, i, 0)
        low, high = interval(value, "at_least")
        return _make(sent, tokens, q_start, i + n + 1, tokens[i + n - 1].i, value, low, high,
                     "at_least" if qual in (None, "exact", "about") else qual)
    # "two dozen" style vague plural after a number word ("tens of thousands" handled above)
    q_start, qual = _qualifier_before(tokens, i, 0)
    qual = qual or "exact"
    if qual == "less_than" and value <= 1 or _lower(tokens, i - 1) in ("no", "any", "every"):
        return None
    low, high = interval(value, qual)
    core = tokens[i + n - 1].i
    return _make(sent, tokens, q_start, i + n, core, value, low, high, qual)


def _plus_after(tokens: list[Token], j: int) -> bool:
    """A "+" glued to the number before it: "2,300+"."""
    return _lower(tokens, j) == "+" and tokens[j - 1].whitespace_ == ""


def _range_at(tokens: list[Token], i: int) -> tuple[int, int, int] | None:
    """(token count, low, high) of a range of counts at i: "12–15" (one token),
    "12 - 15", "300 to 400"; not "from 30 to 41" (a change) nor "2019–2020" (years)."""
    one = _RANGE.match(tokens[i].text) if i < len(tokens) else None
    if one:
        n, bounds = 1, (parse_digits(one.group(1)), parse_digits(one.group(2)))
        scale = lexicon().scales.get(_lower(tokens, i + 1))  # "12–15 thousand"
        if scale and None not in bounds:
            n, bounds = 2, (bounds[0] * scale, bounds[1] * scale)
    else:
        first = _number_at(tokens, i)
        if first is None or _lower(tokens, i + first[0]) not in _RANGE_LINKS or _lower(tokens, i - 1) == "from":
            return None
        link = i + first[0]
        second = _number_at(tokens, link + 1)
        if second is None or (tokens[link].lower_ != "to" and _spaced_dash(tokens, link)):
            return None
        n, bounds = first[0] + 1 + second[0], (first[1], second[1])
        scale = lexicon().scales.get(_lower(tokens, link + second[0]))  # "1-2 million"
        if scale and first[0] == 1 and first[1] is not None and first[1] < scale:
            bounds = (first[1] * scale, second[1])
    low, high = bounds
    if low is None or high is None or not float(low).is_integer() or not float(high).is_integer():
        return None
    if not 0 < low < high or all(1600 <= b <= 2099 and not ("," in tokens[i].text) for b in bounds):
        return None
    return n, int(low), int(high)


def _spaced_dash(tokens: list[Token], link: int) -> bool:
    """ "12 -15" or "12- 15" is no range; "12-15" and "12 - 15" are."""
    return (tokens[link - 1].whitespace_ == "") != (tokens[link].whitespace_ == "")


def _ranged(sent: Span, tokens: list[Token], i: int, n: int, low: int, high: int) -> Quantity:
    """A range is vague unless a qualifier before it says otherwise ("at least 12-15")."""
    q_start, qual = _qualifier_before(tokens, i, 0)
    if qual in ("at_least", "more_than"):
        low, high = interval(low, qual)
    elif qual in ("up_to", "less_than"):
        low, high = interval(high, qual)
    qual = qual if qual in ("about", "at_least", "more_than", "up_to", "less_than") else "vague"
    end = i + n + (1 if _plus_after(tokens, i + n) else 0)
    return _make(sent, tokens, q_start, end, tokens[i + n - 1].i, None, low, high, qual)


def _core_token(tokens: list[Token], i: int, n: int) -> int:
    """The token that stands for a vague phrase in the parse ("tens" of "tens of thousands")."""
    span = tokens[i:i + n]
    if any(t.lower_ == "of" for t in span):  # "tens of thousands": "tens" heads the phrase
        return next(t for t in span if t.lower_ not in ("a", "the")).i
    return span[-1].i


def _make(sent: Span, tokens: list[Token], s: int, e: int, core: int, value, low, high, qual) -> Quantity:
    first, last = tokens[s], tokens[e - 1]
    core = _top(sent.doc, core, min(core, _number_start(tokens, s, e)), last.i + 1)
    start_char, end_char = first.idx, last.idx + len(last.text)
    text = doc_text(sent.doc)[start_char:end_char]
    return Quantity(first.i, last.i + 1, core, value, low, high, qual, text, start_char, end_char)


def _number_start(tokens: list[Token], s: int, e: int) -> int:
    """The first token of the number itself, after its qualifier words."""
    quals = {w for key in lexicon().qualifiers for w in key}
    i = s
    while i < e - 1 and tokens[i].lower_ in quals and tokens[i].lower_ not in ("a", "few", "several"):
        i += 1
    return tokens[i].i


def _top(doc, core: int, start: int, end: int) -> int:
    """The quantity's token that hangs on something outside it: "thousands" in
    "tens of thousands" when the parser hangs "tens" on "thousands"."""
    tok = doc[core]
    for _ in range(end - start):
        if not (start <= tok.head.i < end) or tok.head is tok:
            break
        tok = tok.head
    return tok.i


def is_count(q: Quantity, sent: Span) -> bool:
    """False for numbers that are dates, years, times, money, percentages or ordinals."""
    doc = sent.doc
    core = doc[q.core]
    prev = doc[q.start - 1].lower_ if q.start > sent.start else ""
    nxt = doc[q.end].lower_ if q.end < sent.end else ""
    if prev in _CURRENCY or core.text[:1] in _CURRENCY or nxt in ("%", "percent", "per") or nxt in _TIME_TAILS:
        return False
    if prev == "[" and nxt == "]":
        return False  # "1,200 [3]": a reference mark
    after = doc[q.end + 1].lower_ if q.end + 1 < sent.end else ""
    if nxt in ("the", "a", "an") and not (nxt != "the" and after in _SPANS and prev in ("from", "to")):
        return False  # "; 2 the mysterious death": a list number ("up from 85 a week earlier" is a count)
    if q.value is not None and q.value >= 1_000_000_000:
        return False  # billions count money, not people
    if _next_to_month(doc, q, sent):
        return False
    if q.value is not None and core.like_num and re.fullmatch(r"(1[6-9]|20)\d\d", core.text):
        # a year unless it plainly counts people or places: "2000 protesters"
        head = core.head
        if not (core.dep_ == "nummod" and (head.lemma_.lower() in lexicon().people or head.lemma_.lower() in lexicon().sites)):
            return False
    if _in_between(q, sent) and not (core.dep_ == "nummod" and core.head.lemma_.lower() in lexicon().people):
        return False  # "children between 15 and 18": an age range
    after = " ".join(t.lower_ for t in doc[q.end:min(q.end + 3, sent.end)])
    if after.startswith(("- year", "-year", "year-old", "years-old", "year old", "years old")):
        return False  # "25-year-old": an age
    return True


_SPANS = {"day", "week", "month", "year", "fortnight"}


def _in_between(q: Quantity, sent: Span) -> bool:
    doc = sent.doc
    before = [doc[k].lower_ for k in range(max(sent.start, q.start - 3), q.start)]
    return bool(before) and (before[-1] == "between" or (before[-1] == "and" and "between" in before))


def _next_to_month(doc, q: Quantity, sent: Span) -> bool:
    """Days of a date, also in lists: "May 2, 3, and 4", "on 12 and 15 May"."""
    glue = {",", "and", "or", "-", "–", "to", "through"}
    i = q.start - 1
    while i >= sent.start and (doc[i].lower_ in glue or (doc[i].like_num and doc[i].text.isdigit() and len(doc[i].text) <= 2)):
        i -= 1
    day = q.value is not None and q.value <= 31  # "Hundreds March in Minsk", "12 March 40 people": no day
    listed = q.qualifier == "exact" and day
    if listed and i >= sent.start and doc[i].lower_ in _MONTHS and i < q.start - 1 or \
            (q.start > sent.start and doc[q.start - 1].lower_ in _MONTHS and q.qualifier == "exact" and day):
        return True
    j = q.end
    while j < sent.end and (doc[j].lower_ in glue or (doc[j].text.isdigit() and len(doc[j].text) <= 2)):
        j += 1
    return day and j < sent.end and doc[j].lower_ in _MONTHS and (j == q.end or doc[q.end].lower_ in glue)
