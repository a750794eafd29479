"""What kind of happening a claim tells of, from the words around it, and the words
that decided it (kept on the event as ``evidence``).

A claim's *kind* comes from its own sentence and the sentence before it (the
"neighbour", where the article's text is at hand), tried in this order:

1. a death, injury or sentence told with words of no event of ours (an execution, a disease, an
   accident): ``other`` (an extrajudicial or summary execution is violence);
2. a disappearance (the category, or words for it): ``violence``;
3. a death or injury in an armed group's doing or an armed attack: ``conflict`` when
   its victims or target are police or soldiers, or an armed group's battle is told, else
   ``violence``; beside protest words it is the protest's (ACLED codes protesters
   attacked by anyone as excessive force against protesters);
4. a death in custody or under torture: ``violence``;
5. an arrest campaign ("continued to detain", "mass arrests", "without charge"), or
   an arrest of organizers ("several organizers of the strikes were detained"):
   ``arrests``, even where the detainees are said to have protested; a court's sentence
   is ``arrests`` too, whoever was sentenced, and so is a count of participants told as
   people tried or charged ("3 who took part in the protests were being tried");
6. protest words, or a count of participants or protest sites: ``protest``;
7. nothing of the above: a killing or injury is ``violence``, an arrest or sentence
   ``arrests``, a death ``other`` -- and these *weak* kinds join a protest told in the
   same place and time of the article (``settle``), as "police detained 400" follows
   "2,500 gathered for silent protests".

A group of claims of one kind then gets its type (``group_type``): a protest's sub-type
from its categories and words (killed: excessive force; protesters' violence: riot;
arrests, injuries, tear gas: intervention), the other kinds one type each.
Word lists are data: ``claimledger/data/event_types.json``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..model import Claim
from .typology import _RUN, PROTEST_CATEGORIES, _pattern, table, word_runs

HURT = {"killed", "died", "injured"}
NEIGHBOUR_CHARS = 400  # how far back the sentence before a claim's is looked for


@dataclass(frozen=True)
class Kind:
    group: str  # "protest", "riot" (a brawl, mob violence), "violence", "conflict", "arrests", "other"
    words: tuple[str, ...] = ()
    weak: bool = False  # decided by the category alone: may join a protest beside it
    apart: str = ""  # a happening of its own within its kind: "custody", "disappearance"


def found(text: str, words: Iterable[str]) -> tuple[str, ...]:
    """The entries of ``words`` that stand in ``text`` as whole words (lower-cased,
    in text order, once each). Only entries whose first word the text holds are
    searched (most texts hold none of a list's words), as ``typology._has`` does."""
    if not text:
        return ()
    words = tuple(words)
    runs = _runs(text)
    if runs is not None:
        words = tuple(w for w in words if _head(w) is None or _head(w) in runs)
    if not words:
        return ()
    return tuple(dict.fromkeys(m.group(0).lower() for m in _pattern(words).finditer(text)))


@lru_cache(maxsize=4096)
def _runs(text: str) -> frozenset[str] | None:
    return word_runs(text)


@lru_cache(maxsize=None)
def _head(entry: str) -> str | None:
    """The entry's first run of word characters, lower-cased (None: search it always)."""
    m = _RUN.match(entry.lower()) if entry.isascii() else None
    return m.group(0) if m and m.start() == 0 else None


@lru_cache(maxsize=None)
def _not_evidence() -> re.Pattern:
    return re.compile("|".join(re.escape(p) for p in table()["not_protest"]), re.I)


_MONTH_DATE = re.compile(r"\b(?:mid-)?March(?=\s*\d|,?\s+(?:19|20)\d\d)")
_MONTH_AFTER = re.compile(r"\b(in|of|on|since|until|till|through|by|from|to|early|late|mid|last|next|"
                          r"this|between|and)\s+March\b", re.I)


@lru_cache(maxsize=4096)  # a sentence is read for each of its claims and their group
def _clean(text: str) -> str:
    """The text without phrases that look like evidence and are not ("riot police", the
    month of March)."""
    return _MONTH_AFTER.sub(r"\1 ", _MONTH_DATE.sub(" ", _not_evidence().sub(" ", text)))


def neighbour(text: str | None, sentence_start: int) -> str:
    """The sentence before the one starting at ``sentence_start`` (within reach)."""
    if not text or sentence_start <= 0:
        return ""
    window = text[max(0, sentence_start - NEIGHBOUR_CHARS):sentence_start].rstrip()
    cut = max(window.rfind(". ", 0, len(window) - 1), window.rfind("\n", 0, len(window) - 1))
    return window[cut + 1:].strip() if cut >= 0 else window.strip()


_CLAUSE_END = re.compile(r";|:\s|,\s+(?:and|but|while|whereas)\b|\s(?:while|whereas)\s|\sand that\s"
                         r"|,(?=\s+(?:killing|wounding|injuring|leaving)\b)", re.I)


def clause(c: Claim) -> str:
    """The part of the claim's sentence its number stands in (cut at ';', ', and', 'while',
    'and that'...): "54 protesters were still missing and that there were 86 attempted
    killings" tells of a disappearance for 54 and of attacks for 86."""
    at = c.start - c.sentence_start
    if not 0 <= at < len(c.sentence):
        return c.sentence
    cuts = [0] + [m.end() for m in _CLAUSE_END.finditer(c.sentence)] + [len(c.sentence) + 1]
    i = max(k for k, cut in enumerate(cuts[:-1]) if cut <= at)
    end = next((m.start() for m in _CLAUSE_END.finditer(c.sentence, cuts[i]) if m.start() >= at),
               len(c.sentence))
    return c.sentence[cuts[i]:end]


_CAME_AFTER = re.compile(r"\b(?:came|comes|come)\s+(?:(?:hours|days|weeks|a day|a week|shortly|soon|just)\s+)?"
                         r"after\b", re.I)


_RECALLED = re.compile(r"\b(?:commemorat\w*|(?:the\s+)?(?:[\w-]+\s+)?anniversary\s+of|to\s+mark\s+the|"
                       r"in\s+memory\s+of)\b", re.I)


def told_of(c: Claim) -> str:
    """The part of the claim's sentence that tells of its happening: "Yesterday's clashes
    came after thousands marched on Friday" tells the clashes of another happening than
    the march the claim counts, and "thousands commemorated the anniversary of the
    crackdown" recalls a crackdown the crowd did not meet."""
    at = c.start - c.sentence_start
    if not 0 <= at < len(c.sentence):
        return c.sentence
    cut = [m.end() for m in _CAME_AFTER.finditer(c.sentence) if m.end() <= at]
    end = next((m.start() for m in _RECALLED.finditer(c.sentence) if m.start() >= c.end - c.sentence_start),
               len(c.sentence))
    return c.sentence[cut[-1] if cut else 0:end]


def claim_kind(c: Claim, before: str = "") -> Kind:
    """The kind of happening the claim tells of: its clause decides where it can, then
    its sentence, then the sentence before it ("An armed group attacked a police
    station. Reports said 14 lives were lost.")."""
    if _other_years(before, c.when):
        before = ""  # "protests in August 2020" do not tell of deaths in 2021
    own = clause(c)
    kind = _kind(c, own, "") if own != c.sentence else None
    if kind is None or kind.weak:
        kind = _kind(c, c.sentence, before)
    if kind.weak and before and c.category in HURT:  # an attack told before its toll
        told = _kind(c, before, "", targets=c.sentence)
        if not told.weak and told.group != "protest":
            return told
    return kind


_YEAR = re.compile(  # a year as a time ("in 2019", "August 2020", "the 2010 crackdown"), not "2000 people"
    r"\b(?:in|of|since|until|till|from|through|during|by|before|after|the|early|late|mid|January|February|"
    r"March|April|May|June|July|August|September|October|November|December)\s+(?:(?!(?:about|some|nearly|over|around|almost|than|least|to)\b)[a-z-]+\s+)?(?:\d{1,2},?\s+)?"
    r"(1[89]\d\d|20\d\d)\b(?!\s+(?:people|persons|protesters|demonstrators|marchers|students|workers))", re.I)
_UNDATED = re.compile(  # a day or month told without its year: the story's own time
    r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?!\s+\d{1,2},?\s+\d{4}|\s+\d{4}|,?\s+\d{4})|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


_PEACEFUL = re.compile(r"\b(?:peaceful(?:ly)?|without incident)\b", re.I)
_DATED = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
                    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|"
                    r"(?:1[89]|20)\d\d)\b", re.I)  # a sentence with a date of its own


def _other_years(before: str, when) -> bool:
    """The sentence before tells of an earlier year than the claim's ("protests after the
    August 2020 election" before "two people died in 2021"), and of no day or month of
    the story's own."""
    years = {int(y) for y in _YEAR.findall(before)}
    if not years or when is None or not when.start or _UNDATED.search(before):
        return False
    return max(years) < when.start.year


def _kind(c: Claim, text: str, before: str, targets: str = "") -> Kind:
    """The kind ``text`` tells for the claim; ``before`` may tell of a protest;
    ``targets``: more text that may name the victims (police, soldiers)."""
    ev = table()["evidence"]
    own, near = _clean(text), _clean(before)
    protest_own = found(own, table()["protest_words"])
    judged = found(own, ev["no_event"])  # a toll of a disease, an accident, executions
    if c.category in HURT | {"sentenced"} and judged and not found(own, ev["not_judicial"]):
        return Kind("other", judged)
    if c.category == "disappeared" or (c.category not in HURT and (words := found(own, ev["disappearance"]))):
        return Kind("violence", found(own, ev["disappearance"]) or ("disappeared",), apart="disappearance")
    armed, attack = found(own, ev["armed"]), found(own, ev["attack"])
    if c.category in HURT and (armed or attack) and not protest_own:
        hit = (found(own, ev["forces_targets"]) or found(targets, ev["forces_targets"])
               or _after(c) or found(c.subject, ev["forces_targets"]))
        fought = found(own, ev["battle"]) if armed else ()
        if hit or fought:  # police or soldiers hit, or a battle told
            return Kind("conflict", armed + attack + (hit or fought))
        return Kind("violence", armed + attack)
    if c.category in HURT and (words := found(own, ev["custody"])):
        return Kind("violence", words, apart="custody")
    if words := found(own, ev["mob"]):
        if not protest_own:
            return Kind("riot", words)
    if c.category == "arrested" and (words := found(own, ev["arrest_campaign"])):
        return Kind("arrests", words)  # "continued to detain 300 activists who marched": a campaign
    if c.category == "arrested" and (words := _counted(c, ev["organizers"])):
        return Kind("arrests", words)  # "several organizers of the strikes were detained"
    if c.category in PROTEST_CATEGORIES and (words := _tried(c, own)):
        return Kind("arrests", words)  # "3 who took part in the protests were tried": defendants
    if c.category == "sentenced":  # a court's sentence: who was sentenced is no happening
        return Kind("arrests", ("sentenced",), weak=True)
    if protest_own or c.category in PROTEST_CATEGORIES:
        return Kind("protest", protest_own or (c.category,))
    if words := found(near, table()["protest_words"]):
        return Kind("protest", words)
    if c.category in ("killed", "injured"):
        return Kind("violence", (c.category,), weak=True)
    if c.category == "arrested":
        return Kind("arrests", (c.category,), weak=True)
    return Kind("other", (), weak=True)


_NOT_THEIRS = re.compile(r"\b(?:where|while|as|after|before|because|when|whose)\b", re.I)


def _counted(c: Claim, words: Iterable[str]) -> tuple[str, ...]:
    """The entries of ``words`` naming the people the claim counts (its subject, or the
    words right after its number: "several organizers of work stoppages")."""
    at = c.end - c.sentence_start
    after = c.sentence[at:at + 30] if 0 <= at <= len(c.sentence) else ""
    return found(c.subject, words) or found(re.split(r"\b(?:were|was|have|had|has)\b", after)[0], words)


def _tried(c: Claim, text: str) -> tuple[str, ...]:
    """Words of a trial or charges told of the people the claim counts: after its number,
    with no other clause between ("thousands rallied outside the court where 12 were
    tried" counts a crowd, not defendants)."""
    at = c.end - c.sentence_start
    if not (words := found(text, table()["evidence"]["tried"])) or not 0 <= at <= len(c.sentence):
        return ()
    after = c.sentence[at:]
    for w in words:
        m = _pattern((w,)).search(after)
        if m and not _NOT_THEIRS.search(after[:m.start()]):
            return (w,)
    return ()


_FORCES = re.compile(r"(?:police|policemen|officers|soldiers|troops|guards|security forces|"
                     r"members of the security forces)\b", re.I)


def _after(c: Claim) -> tuple[str, ...]:
    """The victims named right after the claim's number ("2 police officers")."""
    at = c.end - c.sentence_start
    m = _FORCES.match(re.sub(r"^\s*(?:more\s+|other\s+|of\s+the\s+)?", "", c.sentence[at:at + 40]))
    return (m.group(0).lower(),) if m else ()


_BOTH_SIDES = re.compile(r"\b(?:on (?:each|both) sides?|on either side|both sides)\b", re.I)
_AND_FORCES = re.compile(r"^\s*(?:of\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}(?:and|as well as)\s+(?:[\w-]+\s+)?"
                         r"(police|policemen|police officers|officers|soldiers|troops|security forces)\b", re.I)


def both_sides(c: Claim) -> tuple[str, ...]:
    """The words telling that the claim counts the hurt of both sides of a protest
    ("dozens of protesters and police officers alike", "several on each side")."""
    at = c.end - c.sentence_start
    if not 0 <= at <= len(c.sentence):
        return ()
    m = _AND_FORCES.match(c.sentence[at:at + 80])
    if m and (found(c.sentence[at:at + m.start(1)], table()["protest_words"])
              or found(c.subject, table()["protest_words"])):
        return ("protesters and " + m.group(1).lower(),)
    m = _BOTH_SIDES.search(c.sentence)
    return (m.group(0).lower(),) if m else ()


def forces_hurt(c: Claim) -> bool:
    """Whether the claim counts police or soldiers hurt, not protesters or bystanders."""
    return bool(_after(c)) or bool(found(c.subject, ("police", "officers", "soldiers", "troops")))


def settle(kinds: list[Kind], places: list[str | None] | None = None,
           claims: list[Claim] | None = None) -> list[Kind]:
    """Weak kinds of one place and time follow the protest told beside them. ``places``:
    each claim's place below the country (None: the country); a weak kind at a town
    follows only a protest told there or country-wide ("8 journalists were detained in
    the capital, where activists gathered, and 1 in another town": that one is arrests).
    ``claims``: where a protest is only told as recalling a happening ("thousands
    commemorated the anniversary of the crackdown"), a weak toll beside it is of the
    happening recalled, not of the commemoration."""
    places = places or [None] * len(kinds)
    told = {p for k, p in zip(kinds, places) if k.group == "protest" and not k.weak}
    if not told:
        return kinds
    strong = [c for c, k in zip(claims or (), kinds) if k.group == "protest" and not k.weak]
    recalling = bool(strong) and all(_recalls(c) for c in strong)
    return [Kind("protest", k.words, True)
            if k.weak and (p is None or p in told or None in told)
            and not (recalling and c is not None and c.category in HURT)
            else k for k, p, c in zip(kinds, places, claims or [None] * len(kinds))]


def _recalls(c: Claim) -> bool:
    """The claim's sentence tells, after its number, that the crowd recalls a happening."""
    at = c.end - c.sentence_start
    return 0 <= at <= len(c.sentence) and bool(_RECALLED.search(c.sentence, at))


def split_key(k: Kind) -> tuple[str, str]:
    """Claims of one place and time are one mention per kind; deaths in custody and
    disappearances are happenings of their own beside an attack told with them."""
    return k.group, k.apart


def group_type(group: str, claims: list[Claim], texts: list[str],
               nearby: Iterable[str] = ()) -> tuple[str, tuple[str, ...]]:
    """The type of claims of one kind, and the words (or categories) that chose it.
    ``nearby``: the sentences before the claims', which may tell how a protest their own
    sentences tell no more of was met ("Police fired tear gas to disperse protesters.
    Crowds gathered in several villages."): an intervention, never graver."""
    if group != "protest":
        return {"violence": "violence_against_civilians", "conflict": "armed_clash",
                "arrests": "arrests", "riot": "riot"}.get(group, "other"), ()
    text = " ".join(_clean(t) for t in dict.fromkeys(texts))
    forces = [c for c in claims if c.category in HURT and forces_hurt(c)]
    categories = {c.category for c in claims if c not in forces}
    if forces and not categories & HURT:  # protesters killed police: their violence
        return "riot", tuple(dict.fromkeys(w for c in forces for w in _after(c)))
    sides = tuple(dict.fromkeys(w for c in claims if c.category == "injured" for w in both_sides(c)))
    if sides and not categories & {"killed", "died"}:  # hurt on both sides, no one killed: a fight
        return "riot", sides
    types = table()["types"]
    unhurt: tuple[str, ...] = ()  # firearms told where no one was hurt: an intervention
    for name in table()["severity"]:
        spec = types[name]
        if spec.get("family") != "protest":
            continue
        if name == "protest_peaceful":
            calm = _PEACEFUL.search(text)  # "marched peacefully": what came before is not theirs
            before = "" if calm else " ".join(_clean(t) for t in dict.fromkeys(nearby) if not _DATED.search(t))
            met = found(before, types["protest_intervention"]["words"]) if before else ()
            return ("protest_intervention", met) if met else (name, ())
        by_category = sorted(categories & set(spec.get("categories", ())))
        words = found(text, spec.get("words", ()))
        if name == "protest_excessive_force" and not categories & HURT:
            unhurt, words = words, ()  # firearms are excessive force where someone was hurt
        if name == "protest_intervention":
            words += unhurt
        if by_category or words:
            return name, tuple(by_category) + words
    return "protest_peaceful", ()
