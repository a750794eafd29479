"""Who says it, in Persian news's formulaic ways of attributing.

- a preposition before the sayer: «به گزارش X، ...», «به گفته X ...», «طبق آمار X»,
  «بنا به اظهارنظر X، ...»; a relay after it, «به گزارش X به نقل از Y» -> [Y, X];
  two such phrases in one stretch tell the later one first («به گفته A بر اساس
  گزارشات B» -> [B, A]);
- a sayer before its verb: «X اعلام کرد (که) ...», «X ... از بازداشت N نفر خبر داد»;
  the sayer is the noun phrase that opens its clause, up to a stop word; a sayer and
  verb closing the sentence after the figures («..., رویترز گزارش داد.») covers them;
- a sentence with none of its own that points back («این گزارش», «این نهاد»,
  «از این تعداد», a pronoun, or «همچنین» opening the next sentence of a paragraph)
  keeps the sayer before it, its verb marked "(from context)".

Names known to the alias table (fa_aliases.tsv) are given by their English canonical
name; others as they stand in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from . import lexicon
from .normalise import END, alternation, squash
from .quantities import find_quantities
from .when import time_at


@dataclass(frozen=True)
class Sayer:
    name: str
    verb: str
    start: int  # offsets of the words naming it, in the article text
    end: int
    covers_from: int  # numbers from here to the sentence's end are its claims
    verb_at: int | None = None  # where a sayer's verb stands («X اعلام کرد»)


BACK = "@back"  # a sayer named by pointing back: the assembly puts the last sayer in
_SUFFIX = r"(?:ه\s?اند|ه\s?است|ه|ند|اند|است)?"


@cache
def _patterns() -> dict:
    a = lexicon.attribution()
    return {
        "prep": re.compile(rf"{alternation(list(a['preps']) + list(a['relay']))}(?:ات|\s?ها|\s?های|ی)?(?![^\W\d_])\s*"),
        "verb": re.compile(rf"{alternation(a['verbs'])}{_SUFFIX}{END}(?!\s?و\s?گو)"),  # not «گفت‌وگو»
        "stop": re.compile(alternation(a["stops"], whole=True)),
        "opener": re.compile(rf"\s*(?:{alternation(a['openers'], whole=True)})\s*[،,]?\s*"),
        "not_sayer": re.compile(rf"\s*{alternation(a['not_sayers'])}(?:\s?های|\s?ها|ات|ی)?{END}"),
        "partitive": re.compile(rf"{alternation(a['partitives'], whole=True)}\s*$"),
        "back": re.compile(alternation(a["back"], whole=True)),
        "organisation": re.compile(alternation(a["organisation_heads"])),
        "counted_label": re.compile(alternation([w for ws in lexicon.words()["categories"].values() for w in ws]
                                                + list(lexicon.words()["participant_nouns"]) + ["تعداد", "شمار", "آمار"])),
        "demonstrative": re.compile(r"(?:این|همین|آن)\s"),
        "pronoun": re.compile(rf"^\s*{alternation(a['pronouns'], whole=True)}\s*$"),
        "same_paragraph": re.compile(rf"\s*{alternation(a['same_paragraph'], whole=True)}"),
        "preps": {squash(k): v for k, v in a["preps"].items()},
        "relay": {squash(k): v for k, v in a["relay"].items()},
        "verbs": {squash(k): v for k, v in a["verbs"].items()},
        "back_verbs": {squash(k): v for k, v in a["back"].items()},
    }


def canonical(name: str) -> str | None:
    """The English canonical name of a Persian name the alias table knows."""
    table, _ = lexicon.alias_index()
    return table.get(squash(name))


def known_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, canonical) of every known name in ``text[start:end]``."""
    table, finder = lexicon.alias_index()
    return [(m.start(), m.end(), table[squash(m.group())])
            for m in finder.finditer(text, start, len(text) if end is None else end)]


def sentence_sayers(text: str, start: int, end: int) -> list[Sayer]:
    """The chain of one sentence, first teller first (empty when it has none of its own)."""
    p = _patterns()
    preps = _prep_sayers(text, start, end)
    spans = [m.span() for m in p["prep"].finditer(text, start, end)]
    said = _verb_sayer(text, start, end, spans) or _colon_sayer(text, start, end)
    if said:  # «...نوشت: «براساس گزارش منابع ...»»: the quote's own evidence, not a teller
        preps = [s for s in preps if not _quoted_after(text, said.verb_at, s.start)]
    inner = [replace(s, covers_from=said.covers_from) for s in preps if said and said.start <= s.start < said.verb_at]
    preps = [s for s in preps if not (said and said.start <= s.start < said.verb_at)]
    outer = preps
    co = _co_sayer(text, said) if said and said.verb_at is not None else None
    chain = list(reversed(inner)) + ([said] if said else []) + ([co] if co else []) + list(reversed(outer))
    chain = [s for s in chain if s.name]
    headline = _colon_sayer(text, start, end) if said and said.start > start else None
    if headline and headline.end < said.start:  # «بی‌بی‌سی: عفو بین‌الملل گزارش کرده که ...»
        chain.append(replace(headline, verb="reported"))
    return chain or _parenthesised(text, start, end)


def _quoted_after(text: str, after: int, at: int) -> bool:
    opening = text.rfind("«", after, at)
    return opening >= 0 and text.find("»", opening, at) < 0


_PAREN = re.compile(r"\(([^()]{1,80})\)")


def _parenthesised(text: str, start: int, end: int) -> list[Sayer]:
    """ «۱۵۰۰ نفر (رویترز)»: a known name opening a parenthesis after a figure says it."""
    for m in _PAREN.finditer(text, start, end):
        known = [k for k in known_spans(text, m.start(1), m.end(1)) if k[0] <= m.start(1) + 1]
        if known:
            return [Sayer(known[0][2], "according to", known[0][0], known[0][1], start)]
    return []


def _prep_sayers(text: str, start: int, end: int) -> list[Sayer]:
    p = _patterns()
    out = []
    matches = list(p["prep"].finditer(text, start, end))
    for i, m in enumerate(matches):
        stop = min([x.start() for x in matches[i + 1:]] + [_clause_end(text, m.end(), end)])
        verb = _verb_of(m.group(), p)
        name = _whole_name(text, m.end(), stop) or _name(text, m.end(), stop)
        if name:
            out.append(Sayer(name[0], verb, name[1], name[2], _prep_reach(text, start, end, m.start(), name[2])))
    return out


def _whole_name(text: str, s: int, e: int) -> tuple[str, int, int] | None:
    """ «به گزارش کمپین دفاع از زندانیان سیاسی و مدنی؛ ...»: an attribution's stretch up to
    its punctuation is the name when short, without a figure, a verb or a known name."""
    p = _patterns()
    words = text[s:e].strip(" «»\"'().!?؟")
    if not (2 <= len(words.split()) <= 8) or re.search(r"\d", words) or p["verb"].search(words) \
            or known_spans(words) or p["not_sayer"].match(words) or _ends_sentence(text, e) \
            or p["demonstrative"].match(words) or p["pronoun"].match(words.split()[0]):
        return None
    a = s + len(text[s:e]) - len(text[s:e].lstrip(" «»\"'("))
    return text[a:a + len(words)], a, a + len(words)


def _ends_sentence(text: str, e: int) -> bool:
    """The stretch runs to the sentence's end: no punctuation closed it off as a name."""
    return e >= len(text) or text[e:e + 1] not in "،,;؛:"


_CLAUSE_OPEN = re.compile(r"[،;؛:]|,(?!\d)|\sو\s")


def _prep_reach(text: str, start: int, end: int, at: int, name_end: int) -> int:
    """Where the figures an attribution covers begin: the whole sentence when it opens or
    closes it («...، به گفته منابع محلی.»), else its own clause («... و به گفته شاهدان، ۳ نفر»)."""
    if not text[name_end:end].strip(" .!؟?»«\"'()،,"):
        return start
    opens = [m.end() for m in _CLAUSE_OPEN.finditer(text, start, at)]
    return opens[-1] if opens else start


def _verb_of(found: str, p: dict) -> str:
    key = squash(found)
    for table in (p["preps"], p["relay"]):
        for k, v in sorted(table.items(), key=lambda kv: -len(kv[0])):
            if key.startswith(k):
                return v
    return "according to"


def _clause_end(text: str, pos: int, end: int) -> int:
    m = _CUT.search(text, pos, end)
    return m.start() if m else end


def _name(text: str, s: int, e: int, anywhere: bool = True) -> tuple[str, int, int] | None:
    """The sayer named in ``text[s:e]``: a known name inside it (``anywhere``) or opening
    it, else its words up to a stop («برخی از مسئولان» reads past «از»)."""
    p = _patterns()
    if p["not_sayer"].match(text, s, e):
        return None
    lead = len(text[s:e]) - len(text[s:e].lstrip(" «»\"'("))
    known = [k for k in known_spans(text, s, e) if anywhere or k[0] <= s + lead + 1]
    if known:
        a, b, canon = max(known, key=lambda k: k[1] - k[0])
        return canon, a, b
    stop = p["stop"].search(text, s + 1, e)
    if stop and p["partitive"].match(text, s + lead, stop.start()) and squash(stop.group()) == squash("از"):
        stop = p["stop"].search(text, stop.end(), e)
    b = stop.start() if stop else e
    words = text[s:b].strip(" «»\"'().!?؟")
    if not words or len(words.split()) > 10 or p["not_sayer"].match(words):
        return None
    if p["pronoun"].match(words.split()[0]) or p["demonstrative"].match(words):
        return BACK, s, s + len(words)  # «به گفته این منابع», «وی گفت»: the sayer before
    a = s + len(text[s:b]) - len(text[s:b].lstrip(" «»\"'("))
    # «خبرگزاری حکومتی ایرنا» is the agency; «سخنگوی وزارت کشور» stays the spokesman
    inside = known_spans(text, a, a + len(words)) if p["organisation"].match(text, a) else []
    if inside:
        return max(inside, key=lambda k: k[1] - k[0])[2], a, a + len(words)
    return text[a:a + len(words)], a, a + len(words)


def _verb_sayer(text: str, start: int, end: int, preps: list[tuple[int, int]]) -> Sayer | None:
    """ «X اعلام کرد»: the noun phrase opening the clause of a speech verb (not the
    «گفته» of «به گفته»)."""
    p = _patterns()
    prep_starts = [a for a, _ in preps]
    for v in p["verb"].finditer(text, start, end):
        if any(a <= v.start() < b for a, b in preps):
            continue
        subject = _subject(text, start, v.start(), prep_starts)
        if subject is None:
            continue
        verb = _verb_of_verb(v.group(), p)
        name, a, b = subject
        tail = not text[v.end():end].strip(" .!?؟\"«»)") and a > start
        relayed = min([ps for ps in prep_starts if b <= ps < v.start()] + [v.start()])
        told_before = tail and not find_quantities(text, b, relayed)
        return Sayer(name, verb, a, b, start if told_before else a, v.start())
    return None


_AND = re.compile(r"\s*و\s+")
_PLURAL = re.compile(r"ند(?![^\W\d_])")  # «کردند», «کرده‌اند»


def _co_sayer(text: str, said: Sayer) -> Sayer | None:
    """ «عفو بین‌الملل و دیده‌بان حقوق بشر اعلام کردند»: a second sayer joined by «و»
    before a plural verb, listed after the first."""
    joined = _AND.match(text, said.end, said.verb_at)
    if not joined or not _PLURAL.search(text, said.verb_at, said.verb_at + 16):
        return None
    found = _name(text, joined.end(), said.verb_at, anywhere=False)
    if not found or text[found[2]:said.verb_at].strip():
        return None
    return Sayer(found[0], said.verb, found[1], found[2], said.covers_from, said.verb_at)


def _colon_sayer(text: str, start: int, end: int) -> Sayer | None:
    """ «وزارت کشور: ۲۰۰ نفر ...»: a short name, then a colon, opens the sentence."""
    colon = text.find(":", start, end)
    if colon > start:  # «به گزارش خبرگزاری دانشجو، معاون فرماندار ملارد: ...»: after the attribution
        start = max([start] + [m.end() for m in _CUT.finditer(text, start, colon)])
    if colon < 0 or len(text[start:colon].split()) > 5 or _patterns()["verb"].search(text, start, colon):
        return None
    found = _name(text, start, colon, anywhere=False)
    if not found or text[found[2]:colon].strip() or squash(found[0]) in _place_names() \
            or _patterns()["counted_label"].search(text, start, colon):
        return None  # «تهران: ۲۵ نفر» is a list by place, «کشته‌ها: ۱۲ نفر» a label
    return Sayer(found[0], "said", found[1], found[2], start, colon)


@cache
def _place_names() -> frozenset[str]:
    return frozenset(squash(fa) for fa, *_ in lexicon.places())


def _verb_of_verb(found: str, p: dict) -> str:
    key = squash(found)
    for k, v in sorted(p["verbs"].items(), key=lambda kv: -len(kv[0])):
        if key.startswith(k):
            return v
    return "said"


_CUT = re.compile(r"[،;؛:]|,(?!\d)")
_ALSO = re.compile(r"(?<![^\W\d_])(?:نیز|هم)(?![^\W\d_])\s*")


def _subject(text: str, start: int, verb_at: int, prep_starts: list[int]) -> tuple[str, int, int] | None:
    """The sayer of a verb at ``verb_at``: the first comma-separated stretch before it that
    opens with a name (openers such as «از سوی دیگر» and «در مشهد نیز» skipped), with a
    name in apposition after a comma («علی ناصری، دادستان شهر»)."""
    cuts = [start] + [m.end() for m in _CUT.finditer(text, start, verb_at)] + [verb_at + 1]
    for i in range(len(cuts) - 1):
        if i + 2 < len(cuts) and text[cuts[i + 1] - 1] == ":":
            continue  # «بی‌بی‌سی: عفو بین‌الملل گزارش کرده»: the headline's relayer, not the subject
        s, segment_end = _segment_start(text, cuts[i], cuts[i + 1] - 1), cuts[i + 1] - 1
        if s is None:
            continue
        found = _name(text, s, min(segment_end, verb_at), anywhere=False)
        if found:
            return _with_apposition(text, found, cuts[i + 1:], verb_at)
    return None


def _segment_start(text: str, s: int, end: int) -> int | None:
    """Where a name may open the stretch ``text[s:end]``, or None: openers are skipped, a
    stretch opening with a figure tells rather than says, «در مشهد نیز X» reads from X."""
    p = _patterns()
    opener = p["opener"].match(text, s, end)
    s = opener.end() if opener else s
    first = find_quantities(text, s, end)
    if first and first[0].start - s < 3 and not first[0].indefinite:  # «یک گروه ...» is a name
        return None
    prep = p["prep"].match(text, s, end)  # «به گزارش ایسنا دادستان تهران گفت»: after the outlet
    known = [k for k in known_spans(text, prep.end(), end) if k[0] <= prep.end() + 1] if prep else []
    if known:
        s = known[0][1] + len(text[known[0][1]:end]) - len(text[known[0][1]:end].lstrip(" ،,"))
    timed = time_at(text, s)  # «روز دوشنبه دادستان تهران اعلام کرد»
    if timed is not None:
        s = timed + len(text[timed:end]) - len(text[timed:end].lstrip(" ،,"))
    if p["stop"].match(text, s, end) or text[s:s + 1].isdigit():
        also = _ALSO.search(text, s, end)
        if not also or len(text[s:also.start()].split()) > 6:
            return None
        s = also.end()
    return s


def _with_apposition(text: str, found: tuple[str, int, int], cuts: list[int], verb_at: int) -> tuple[str, int, int]:
    """ «علی ناصری، دادستان شهر»: a name running up to a comma takes the title after it
    (or the known name the title is: «عفو بین‌الملل، نهاد حقوق بشری»)."""
    name, a, b = found
    if len(cuts) < 2 or b < cuts[0] - 2 or canonical(name) is not None or known_spans(text, a, b):
        return found
    more = _name(text, cuts[0], min(cuts[1] - 1, verb_at), anywhere=False)
    if more and canonical(more[0]):
        return more
    if more and more[1] <= cuts[0] + 1:
        return text[a:more[2]], a, more[2]
    return found


def back_reference(text: str, start: int, end: int, same_paragraph: bool) -> str | None:
    """The verb a sentence's pointer back to an earlier sayer gives, or None."""
    p = _patterns()
    m = p["back"].search(text, start, end)
    if m:
        return p["back_verbs"].get(squash(m.group()), "said")
    if same_paragraph and p["same_paragraph"].match(text, start, end):
        return "said"
    return None
