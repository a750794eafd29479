"""Sayers across an article: the acronyms it defines ("the Committee for Detainees'
Rights (CDR)"), the names it gives before a pronoun or a definite description ("it
said", "the group said": the nearest fitting one, else nobody), a described sayer named
right after ("a police spokesman ... The spokesman, Ivan Petrov,"), a sentence that
continues the one before ("The dead included ...") and a "Sayer: claim" headline.

Read once per article with regular expressions (``read_sayers``); resolved per claim
from the sources of the claims before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Mapping, Sequence

from claimledger.model import Claim, Source

from .names import key
from .sayer_words import words

_ACRONYM = re.compile(r"\(\s*([A-Za-z][A-Za-z&.]{1,9})\s*\)")
_WORD = re.compile(r"[\w'’&.-]+")
_LINKS = {"of", "for", "the", "and", "on", "in", "to", "de", "des", "du", "la", "le", "al", "el", "at",
          "against", "&"}
_VERBS = (r"said|says|reported|reports|announced|announces|stated|states|told|tells|confirmed|confirms|added|"
          r"noted|wrote|writes|estimated|documented|counted|recorded|tallied|released|published|warned|claimed")
_CAP = r"[A-Z](?:[\w'’&-]|\.(?=\w))*"  # a capitalised word; a full stop only inside it ("U.N.")
_RUN = rf"(?:{_CAP})(?:\s+(?:{_CAP}|of|for|the|and|on|de|al))*"
_NAMED = re.compile(
    rf"(?<![\w'’])({_RUN})"
    r"(?:\s*\([^()\n]{1,15}\))?(?:\s*\[[^\[\]\n]{1,15}\])?(?:,[^,.;\n]{1,120},)?(?:\s+in\s+[A-Z][\w-]+)?"
    rf"\s+(?:(?:has|have|had|also|later|earlier|previously|again|then)\s+)*(?:{_VERBS})\b"
    rf"|according to (?:the\s+)?({_RUN})")
_HEADLINE = re.compile(r"\A\s*(?P<who>[^:\n.!?]{2,60}?)\s*:\s+(?P<claim>[^\n]+)$", re.M)


@dataclass(frozen=True)
class Sayers:
    """What an article says about its sayers as a whole."""
    acronyms: Mapping[str, str]  # "cdr" -> "Committee for Detainees' Rights"
    named: tuple[tuple[int, str], ...]  # (offset, name): capitalised sayers of reporting verbs
    headline: tuple[int, int, str, int] | None  # (line start, line end, sayer, sayer offset)
    people: frozenset[str] = frozenset()  # one-word names the article titles as people ("President Hollande")


def read_sayers(text: str) -> Sayers:
    return Sayers(acronyms(text), tuple(_named(text)), _headline(text), titled_people(text))


# a word, then a one-word capitalised name (a lookahead: the name may be the next title)
_TITLE_AND_NAME = re.compile(r"\b([A-Za-z]+)\.?\s+(?=([A-Z][\w'’-]+)(?![\w'’-]|\s+[A-Z]))")


def titled_people(text: str) -> frozenset[str]:
    """One-word names that the article gives a person's title or noun ("French President
    Hollande", "blogger Pancholon", "Mr. Novak"): people, not organisations, when a
    description ("the group", "the organization") looks for the sayer it means."""
    w = words()
    return frozenset(m.group(2) for m in _TITLE_AND_NAME.finditer(text)
                     if m.group(1).lower() in w.person_nouns or m.group(1).lower() in w.person_titles)


# --- acronyms ------------------------------------------------------------------------

def acronyms(text: str) -> dict[str, str]:
    """ "the Committee for Detainees' Rights (CDR)" -> {"cdr": "Committee for Detainees' Rights"};
    lower-cased notes too ("the national rights commission (nrc)")."""
    out: dict[str, str] = {}
    for m in _ACRONYM.finditer(text):
        acr = re.sub(r"[^A-Za-z]", "", m.group(1))
        if len(acr) < 2 or not (acr.isupper() or acr.islower()) or acr.lower() in out:
            continue
        before = text[max(0, m.start() - 200):m.start()]
        cut = max(before.rfind(c) for c in ".;:\n()")
        found = [w.group(0) for w in _WORD.finditer(before[cut + 1:])][-12:]
        full = _spelled(acr.lower(), found)
        if full:
            out[acr.lower()] = full
    return out


def _spelled(acr: str, found: list[str]) -> str | None:
    """The shortest run of words, ending right before the parenthesis, whose initials spell ``acr``."""
    for n in range(2, len(found) + 1):
        run = found[-n:]
        if run[0].lower() not in _LINKS and _spells(acr, run):
            return " ".join(run)
    return None


def _spells(acr: str, run: list[str]) -> bool:
    if not run:
        return acr == ""
    w = run[0].lower()
    initials = "".join(p[0] for p in re.split(r"[-/]", w) if p)
    options = [acr[len(initials):]] if initials and acr.startswith(initials) else []
    if w in _LINKS:
        options.append(acr)
    return any(_spells(rest, run[1:]) for rest in options)


def expand(mention: str, sayers: Sayers) -> str:
    """An acronym the article defined, as its full name."""
    k = key(mention)
    k = k[4:] if k.startswith("the ") else k
    return sayers.acronyms.get(k, mention)


# --- names given in the article -------------------------------------------------------

@cache
def _not_names() -> frozenset[str]:
    text = resources.files("claimledger.data").joinpath("english_stop_words.txt").read_text("utf-8")
    days = "monday tuesday wednesday thursday friday saturday sunday january february march april may june " \
           "july august september october november december meanwhile separately earlier later".split()
    return frozenset({*text.split(), *days})


@cache
def _titled() -> re.Pattern:
    """ "Interior Minister Ali Rahimi", "spokeswoman Jane Roe": a person named with a title."""
    titles = "|".join(sorted(words().person_nouns, key=len, reverse=True))
    return re.compile(rf"\b(?i:{titles})\s+((?:[A-Z][\w'’-]+\s+){{0,2}}[A-Z][\w'’-]+)")


def _named(text: str):
    """(offset, name) of capitalised sayers ("Amnesty International said", "according to
    HRW") and of persons named with a title, in text order."""
    if text.islower():
        return  # a lower-cased note names nobody in capitals
    found = sorted([*_sayer_runs(text), *((m.start(1), m.group(1)) for m in _titled().finditer(text))])
    yield from found


def _sayer_runs(text: str):
    for m in _NAMED.finditer(text):
        g = 1 if m.group(1) else 2
        run = m.group(g).split()
        start = m.start(g)
        while run and run[0].lower() in _not_names():
            start = text.index(run[1], start + len(run[0])) if len(run) > 1 else start
            run = run[1:]
        while run and run[-1].lower() in _LINKS:
            run = run[:-1]
        if run:
            yield start, " ".join(run)


# --- pronouns and definite descriptions ------------------------------------------------

def description_head(mention: str, text: str, start: int) -> str | None:
    """ "the group", "the rights group", "this organisation": the noun a definite
    description refers with; None for a name ("the interior ministry", "the state broadcaster")."""
    before = text[max(0, start - 8):start].lower().split()
    ws = mention.lower().split()
    w = words()
    if not ws or not before or before[-1] not in ("the", "this", "that"):
        return None
    head = ws[-1]
    if head not in w.referring_nouns or any(x not in w.referring_modifiers for x in ws[:-1]):
        return None
    return head


def possessor(mention: str) -> str | None:
    """ "its spokesman", "their lawyers": the pronoun whose sayer speaks through them."""
    ws = mention.lower().split()
    owners = {"its": "it", "their": "they"}
    if len(ws) >= 2 and ws[0] in owners and ws[-1].rstrip("s") in words().person_nouns | {"spokespeople"}:
        return owners[ws[0]]
    return None


def refer(mention: str, head: str | None, at: int, earlier: Sequence[Claim], sayers: Sayers) -> str | None:
    """The nearest sayer named before ``at`` that a pronoun or description can mean; None if none."""
    w = words()
    pron = mention.lower()
    candidates = list(_candidates(at, earlier, sayers))
    if head is not None:  # "the network": the nearest name that says "network" first
        for name, said in candidates:
            words_ = set(key(said).split()) | set(key(name).split())
            if head in words_ or head + "s" in words_:
                return name
    for name, said in candidates:
        person = _person(name) or name in sayers.people
        if head is not None:
            if head in w.any_org_nouns and not person:  # "the group": the nearest organisation
                return name
        elif pron in w.person_pronouns and person or pron == "it" and not person and not _plural(name) \
                or pron == "they" and not person:
            return name
    return None


def _candidates(at: int, earlier: Sequence[Claim], sayers: Sayers):
    """(name, mention) of the sayers before ``at``, nearest first."""
    seen: list[tuple[int, str, str]] = [(s.start, s.name, s.mention) for c in earlier for s in c.sources
                                        if s.start is not None and s.start < at and s.name]
    spans = [(s.start, s.end) for c in earlier for s in c.sources if s.start is not None and s.end is not None]
    seen += [(i, n, n) for i, n in sayers.named if i < at and not any(lo <= i < hi for lo, hi in spans)]
    for _, name, said in sorted(seen, key=lambda x: -x[0]):
        yield name, said


def _person(name: str) -> bool:
    ws = name.split()
    w = words()
    if not ws or name.isupper() or name.startswith("@"):
        return False
    if any(x.lower().strip("'’s") in w.org_words or x.lower() in w.org_words for x in ws):
        return False
    return len(ws) >= 2 and not _plural(name) or ws[0].lower() in w.person_nouns


def _plural(name: str) -> bool:
    last = name.split()[-1] if name.split() else ""
    return last.islower() and last.endswith("s") and not last.endswith("ss")


# --- a described sayer named right after ---------------------------------------------

def named_after(mention: str, text: str, start: int, end: int, headline: bool = False) -> str | None:
    """ "a police spokesman said ... The spokesman, Ivan Petrov, said": the name the
    article gives the described sayer in the same or the next sentence (a headline's
    sayer, "Iranian Lawmaker: ...", in the lead or the sentence after it)."""
    if not headline and text[max(0, start - 4):start].lower().split()[-1:] not in (["a"], ["an"]):
        return None
    ws = mention.split()
    if not ws or not (ws[-1].islower() or headline):
        return None
    head = re.escape(ws[-1].lower())
    window = _next_sentences(text, end, 3 if headline else 2)
    if window.islower():
        return None
    m = re.search(rf"\b(?i:{head}),?\s+((?:[A-Z][\w'’.-]+\s+){{0,3}}[A-Z][\w'’-]+)(?=[,.;]|\s+[a-z])"
                  rf"|\b((?:[A-Z][\w'’.-]+\s+){{1,3}}[A-Z][\w'’-]+),\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){{0,4}}{head}\b",
                  window)
    return (m.group(1) or m.group(2)) if m else None


def _next_sentences(text: str, at: int, n: int) -> str:
    end = at
    for _ in range(n):
        m = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z\"“])|\n").search(text, end + 1)
        end = m.end() if m else len(text)
    return text[at:end]


# --- continuation and headline -------------------------------------------------------

@cache
def _continues() -> re.Pattern:
    """ "The dead included ...", "Two of those deaths ...", "Among the wounded ...": a back
    reference to the count just given."""
    counted = "|".join(sorted(words().count_referents))
    return re.compile(
        rf"^(?:the|those|these)\s+(?:{counted})\s+(?:included|include|includes|were|are|was|is|comprised)\b"
        rf"|^(?:they|these|those)\s+included\b"
        rf"|^the\s+(?:total\s+|overall\s+)?(?:number|toll|tally|count)\s+of\s+(?:\w+\s+)?(?:{counted})\b"
        rf"|\b(?:of|among)\s+(?:those|these|them)\b|\b(?:of|among)\s+the\s+(?:{counted})\b", re.I)


def continued(sentence: str, sentence_start: int, text: str, earlier: Sequence[Claim],
              sayers: Sayers) -> tuple[Source, ...]:
    """The sources of the sentence right before, when this one continues its count
    ("The dead included ...", "Two of those deaths ...") and names no sayer of its own:
    the chain of its last claim, else the sayer it names ("Amnesty said ...")."""
    cue = _continues().search(sentence)
    if not cue or "," in sentence[:cue.start()] or cue.start() > 30:
        return ()  # the back reference opens the sentence: "Two of those deaths", not "..., among them"
    before = text[:sentence_start].rstrip(" \n\"”’)")
    cut = max(before.rfind(". "), before.rfind("\n"), before.rfind("? "), before.rfind("! "))
    prev = before[:cut + 1].rstrip()
    prev_start = max(prev.rfind(". "), prev.rfind("\n"), prev.rfind("? "), prev.rfind("! ")) + 1
    last = earlier[-1] if earlier else None
    if last is not None and prev_start <= last.sentence_start < sentence_start:
        return last.sources
    named = [(i, n) for i, n in sayers.named if cut < i < sentence_start or prev_start <= i <= cut]
    named = [(i, n) for i, n in named if i < sentence_start and (last is None or i > last.sentence_start)]
    if named:
        i, n = named[-1]
        return (Source(n, "said", None, n, i, i + len(n)),)
    return ()


def _headline(text: str) -> tuple[int, int, str, int] | None:
    """ "Iranian Lawmaker: 3,700 Arrested ..." as the article's first line: the lawmaker says it."""
    m = _HEADLINE.search(text[:400])
    if not m or m.group("claim").rstrip().endswith((".", "?")) and len(m.group("claim")) > 200:
        return None
    who = m.group("who").strip()
    last = who.split()[-1].lower() if who.split() else ""
    last = last[:-1] if last.endswith("s") and not last.endswith("ss") else last
    w = words()
    if any(ch.isdigit() for ch in who) or not (last in w.referring_nouns or last in w.person_nouns
                                               or last in w.headline_sayers or who.isupper() and len(who) > 1):
        return None
    return m.start("who"), m.end("claim"), who, m.start("who")


def headline_source(sayers: Sayers, start: int, end: int) -> Source | None:
    h = sayers.headline
    if h is None or not (h[0] <= start and end <= h[1]):
        return None
    return Source(h[2], "said", None, h[2], h[3], h[3] + len(h[2]))
