"""What a number counts: its category, unit and subject, read off the parse.

The rules, in order:
1. find the counted noun (``1,500 protesters``, ``thousands of people``, or the
   number itself in ``thousands were arrested``);
2. a trigger that governs or modifies it decides the category: a verb with the
   noun as its patient (``massacred 1,500 protesters``, ``12,000 were arrested``,
   ``1500 killed``), an adjective (``504 slain protesters``), or a trigger noun
   the number belongs to (``116 arrests``, ``the death toll of 1500``);
3. places (``cities``, ``areas``) in a protest sentence are ``protest_sites``;
4. people who act in a protest sentence are ``participants``.
Nothing else is a claim: "five floors", "three sources" and "aged 25" fall out.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .lexicon import lexicon
from .quantities import Quantity, find_quantities, is_count
from .crowds import SECURITY, SKIP_RIGHT, crowd, crowd_verb, is_people, is_speaker, participants, protest_context
from .deaths import cause as death_cause, died_of_cause
from .parts import part_category
from .tallies import group_category, tallied

_SECURITY = SECURITY  # the name labels.py imports
_PATIENT_DEPS = {"dobj", "nsubjpass", "pobj", "attr", "oprd", "conj", "appos"}
_UNACCUSATIVE = {"die", "perish", "disappear", "vanish"}  # their subject is the victim
_VICTIM = ("killed", "died", "injured", "arrested", "disappeared", "sentenced")
_RANK = {"killed": 0, "died": 1, "injured": 2, "disappeared": 3, "sentenced": 4, "arrested": 5}
_COUNT_PREPS = {"of", "to", "at", "including", "among", "with", "from", "like", "as"}
_OWN_AMOUNT = {"many", "some", "few", "several", "numerous", "more", "most", "dozens", "hundreds", "thousands"}
_TIME_ADVERBS = {"yesterday", "today", "tonight", "tomorrow", "overnight"}
_RESIDENTS = {"people", "person", "inhabitant", "resident", "soul", "citizen"}
_PART_PRONOUNS = {"them", "those", "whom", "which", "these", "us"}
_COMPANY = {"with", "by", "alongside", "among", "including"}



@dataclass(frozen=True)
class Counted:
    category: str
    unit: str
    subject: str


def lemma(t: Token) -> str:
    return t.lemma_.lower()


def counted_noun(q: Quantity, sent: Span) -> Token:
    """The noun a quantity counts, or the quantity's own token when it stands alone."""
    core = sent.doc[q.core]
    if core.dep_ in ("nummod", "quantmod", "amod", "compound") and core.head.pos_ in ("NOUN", "PROPN", "PRON"):
        if core.head.lower_ in lexicon().adjectives and core.head.i == q.end and not _of_object(core.head):
            return core  # "left one dead and 45 hurt": a participle the parser took for a noun
        if core.head.i < core.i or core.head.lower_ in _TIME_ADVERBS:
            nxt = sent.doc[q.end] if q.end < sent.end else core  # "on friday 300 students blocked"
            return nxt if nxt.tag_ in ("NNS", "NNPS") else core  # "rose to three yesterday"
        if _headline_verb(core.head):
            return core
        of = _of_object(core.head) if lemma(core.head) in lexicon().instances else None
        return of if of is not None and lexicon().nouns.get(lemma(of)) in _VICTIM else core.head
    if core.dep_ == "nummod" and core.head.pos_ == "NUM":  # "twenty nine": the head is the number
        return counted_noun(_replace_core(q, core.head), sent)
    # "thousands of people", "tens of thousands of protesters", "dozens of them"
    tok = core
    for _ in range(3):
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if obj is None:
            break
        if obj.i < q.end:  # still inside the vague phrase ("tens of thousands")
            tok = obj
            continue
        if obj.pos_ in ("NOUN", "PROPN") or lemma(obj) in lexicon().nouns:  # "four of the dead"
            return obj
        if obj.lower_ in ("those", "these") and any(c.dep_ in ("acl", "relcl") for c in obj.children):
            return obj  # "hundreds of those arrested"
        return core
    return core


def _headline_verb(tok: Token) -> bool:
    """ "Thousands Rally in Sudan", "3,700 Arrested": a title-cased verb the parser
    took for the counted noun."""
    lex = lexicon()
    return tok.is_title and tok.i > tok.sent.start and not is_people(tok) and lemma(tok) not in lex.nouns \
        and (tok.lower_ in lex.adjectives or "participants" in lex.verbs.get(tok.lower_, ()))


def _replace_core(q: Quantity, core: Token) -> Quantity:
    from dataclasses import replace
    return replace(q, core=core.i)


def phrase_top(noun: Token, q: Quantity, sent: Span) -> Token:
    """The token that stands for the whole counted phrase in the tree:
    "dozens" in "arrested dozens of figures", "protesters" in "1,500 protesters"."""
    core = sent.doc[q.core]
    of = noun.head
    return core if noun.i > core.i and of.lower_ == "of" and q.start <= of.head.i < q.end else noun


def is_attribute(q: Quantity, sent: Span) -> bool:
    """A bare number that is an age, a size or a time, not a count: "children under 18"."""
    core = sent.doc[q.core]
    if core.pos_ != "NUM" or core.dep_ == "nummod":
        return False
    if core.dep_ == "pobj" and core.head.lower_ not in _COUNT_PREPS:
        return True
    if core.dep_ == "conj" and core.head.dep_ == "pobj" and core.head.head.lower_ == "between":
        return True
    return core.dep_ in ("appos", "npadvmod") and core.head.pos_ == "PROPN"


def categorize(q: Quantity, sent: Span) -> Counted | None:
    """The category, unit and subject of a quantity, or None when it is no claim."""
    lex = lexicon()
    noun = counted_noun(q, sent)
    nl = lemma(noun)
    if _no_count(q, noun, sent):
        return None
    top = phrase_top(noun, q, sent)
    if top.dep_ == "dobj" and _verb_category(top.head, passive=True):
        # "executed 19 persons convicted of ...", "shot three students dead": the gravest
        found = [c for c in (_trigger_category(noun, q, sent), _right_of(noun, q, sent)) if c in _VICTIM]
        category = min(found, key=_RANK.get) if found else None
    else:
        category = _right_of(noun, q, sent) or _trigger_category(noun, q, sent)
    site = lex.sites.get(nl) if noun.i != q.core else None
    if site:  # places are never killed or arrested: "demonstrations were held in 14 provinces"
        return Counted("protest_sites", site, noun.lower_) if protest_context(sent) else None
    if category in (None, "participants"):
        category = _surface_victim(noun, q, sent) or part_category(q, sent, categorize) \
            or _list_member(q, top, sent) or _held_subject(top) or category
    if category is None:
        category = participants(noun, q, sent) or _acting_right_of(noun, q, sent)
    if category == "participants" and (not crowd(noun, q, top) or _prosecuted(top)):
        return None
    if category is None:
        return None
    if category == "killed" and died_of_cause(noun, sent):
        category = "died"
    return Counted(category, "people", subject(noun, q, sent, category))


def also_counted(q: Quantity, sent: Span, counted: Counted) -> list[Counted]:
    """ "dozens of arrests and injuries", "30 deaths and injuries": one number before
    coordinated victim nouns counts each of them."""
    noun = counted_noun(q, sent)
    if noun.i == q.core or lexicon().nouns.get(lemma(noun)) != counted.category:
        return []
    cats = [lexicon().nouns.get(lemma(c)) for c in noun.children  # not "several injuries and many arrests"
            if c.dep_ == "conj" and not any(g.dep_ in ("nummod", "det") or g.like_num or g.lower_ in _OWN_AMOUNT
                                             for g in c.children)]
    return [Counted(c, "people", "people") for c in dict.fromkeys(cats) if c in _VICTIM and c != counted.category]


def _list_member(q: Quantity, top: Token, sent: Span) -> str | None:
    """ "detained ... at least 300 members of X, and at least 15 members of Y": a list
    member the parser hung on a verb takes the category of the member before it."""
    if top.dep_ != "conj" or top.head.pos_ not in ("VERB", "AUX"):
        return None
    earlier = [e for e in find_quantities(sent) if e.end <= q.start and is_count(e, sent)]
    counted = categorize(earlier[-1], sent) if earlier else None
    return counted.category if counted is not None and counted.category in _VICTIM else None


def _prosecuted(top: Token) -> bool:
    """ "three children who took part were being tried": people in court, not a crowd."""
    while top.dep_ == "conj" and top.head.pos_ in ("NOUN", "PROPN", "NUM"):
        top = top.head  # "six migrants and two activists will be tried"
    verb, table = top.head, lexicon().prosecution_verbs
    if top.dep_ not in ("nsubjpass", "dobj"):
        return False
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}  # "charged with", not "police charged"
    return lemma(verb) in table or any(f"{lemma(verb)} {p}" in table for p in preps)


def _name_number(q: Quantity, sent: Span) -> bool:
    """ "the 88 Generation Students group", "Charter 77": a number inside a name."""
    if q.start == sent.start or q.end >= sent.end:
        return False
    nxt, prev = sent.doc[q.end], sent.doc[q.start - 1]
    return nxt.tag_ == "NNP" and nxt.is_title and not prev.is_title and not _headline_verb(nxt) \
        and nxt.lower_ not in lexicon().demonyms


def _no_count(q: Quantity, noun: Token, sent: Span) -> bool:
    """Numbers that count no people: ages and sizes, things ("20 factories"), sources,
    sayers ("two residents told the BBC"), someone ("one of the protesters"),
    attempts ("86 attempted killings")."""
    lex = lexicon()
    nl = lemma(noun)
    core = sent.doc[q.core]
    if _name_number(q, sent):
        return True
    if is_attribute(q, sent) and not (core.dep_ == "appos" and _right_of(core, q, sent)):
        return True  # an age or a size, but "Lawmaker: 3,700 Arrested" is a count
    if noun.i != q.core and (nl in lex.non_count or nl in lex.source_nouns or nl in lex.instances):
        return True  # "five floors", "three sources", "12 cases" (of no victim: "cases of torture" are theirs)
    if is_speaker(phrase_top(noun, q, sent)) and not _verb_before(q, sent) and (q.low or 0) < 100:
        return True  # "two residents told the BBC"; "160,000 protesters said" is still a crowd
    if q.value == 1 and q.end + 1 < sent.end and sent.doc[q.end].lower_ == "of" \
            and sent.doc[q.end + 1].lower_ not in _PART_PRONOUNS and q.qualifier == "exact":
        return True  # "one of the protesters": someone ("one of them" is a part of a total)
    before = [t.lower_ for t in sent.doc[max(sent.start, q.start - 3):q.start]]
    if "aged" in before or (before[-1:] == ["fined"] and noun.i == q.core):
        return True  # "people aged six to 80", "fined 3,300": an age, a sum
    if noun.i == q.core and _second_object_of_fine(sent.doc[q.core]):
        return True  # "fined the opposition leader 2,500": a sum
    if q.span.lower() == "one" and before[-1:] in (["the"], ["this"]):
        return True  # "rallies like the one held friday"
    if _population(phrase_top(noun, q, sent)):
        return True
    return noun.i != q.core and any(c.dep_ == "amod" and c.lower_ in lex.unrealized for c in noun.children)


def _second_object_of_fine(core: Token) -> bool:
    verb = core.head.head if core.dep_ == "appos" else core.head
    return lemma(verb) in ("fine", "fin") and any(c.dep_ == "dobj" and c is not core for c in verb.children)


def _population(top: Token) -> bool:
    """ "a nation of 9 million people", "home to 300,000 people": who lives there."""
    owner = top.head.head if top.dep_ == "pobj" else None
    if owner is None or top.head.lower_ not in ("of", "to"):
        return False
    if top.head.lower_ == "to":
        return lemma(owner) == "home"  # "home to more than 100,000 refugees"
    return lemma(owner) in lexicon().population and (lemma(top) in _RESIDENTS or top.like_num)


def _trigger_category(noun: Token, q: Quantity, sent: Span) -> str | None:
    """A victim category from the words around the counted noun, best first; an event
    noun says its own ("the toll rose to 40 deaths and 120 injuries")."""
    if noun.i != q.core and lemma(noun) in lexicon().victim_events:
        return lexicon().nouns[lemma(noun)]
    found = [c for c in _candidates(noun, q, sent) if c]
    victims = [c for c in found if c in _VICTIM]
    if victims:
        return min(victims, key=_RANK.get)
    return found[0] if found else None


def _candidates(noun: Token, q: Quantity, sent: Span):
    lex = lexicon()
    nl = lemma(noun)
    # modifiers of the counted noun: "504 slain protesters", "1500 killed", "dozens wounded"
    for child in noun.children:
        if child.dep_ in ("amod", "acl", "relcl", "compound") and not _inside(child, q):
            yield lex.adjectives.get(child.lower_) or _verb_category(child, passive=True)
            if child.dep_ == "acl" and lemma(child) in lex.report_verbs | lex.belief_verbs:
                yield from (lex.adjectives.get(c.lower_) or _verb_category(c, passive=True) for c in child.children
                            if c.dep_ in ("acl", "xcomp", "oprd", "acomp"))  # "12 reported killed", "30 feared dead"
    if noun.i != q.core and lex.nouns.get(nl) in _VICTIM:
        yield lex.nouns[nl]  # "116 arrests", "25 deaths"
    yield from _governors(phrase_top(noun, q, sent), q, sent, bare=noun.i == q.core)
    if noun.i != q.core and nl in lex.nouns:
        yield lex.nouns[nl]  # "5,000 protesters": participants unless a victim word says more


def _governors(noun: Token, q: Quantity, sent: Span, bare: bool):
    """Triggers above the counted phrase in the tree (``bare``: a number without a noun)."""
    lex = lexicon()
    tok, with_crowd = noun, True
    if bare and tok.dep_ == "nummod" and (tok.head.i < tok.i or tok.head.lower_ in _TIME_ADVERBS):
        tok = tok.head  # "rose to three yesterday": the number stands where the parser hung it
    for _ in range(4):
        head, dep = tok.head, tok.dep_
        if head is tok:
            return
        hl = lemma(head)
        if dep == "quantmod" and head.like_num and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "from":
            tok = head  # "rose from 44 to 61": the first end of a change stands where the last does
            continue
        if dep == "pobj" and head.dep_ == "prep":
            prep = head.lower_
            owner = head.head
            owners = [owner, *(c for c in owner.children if c.dep_ == "conj")]
            if prep == "of" and any(lex.nouns.get(lemma(o)) in _VICTIM for o in owners):
                yield from (lex.nouns.get(lemma(o)) for o in owners)  # "the arrest and murder of 30,000"
                return
            if prep == "of" and lemma(owner) == "name":
                tok = owner  # "the names of 504 slain protesters": names go where the list goes
                continue
            if prep == "of" and owner.lower_ == "one" and (verb := _infinitival(owner)) is not None:
                # "one of several women to have been killed": what befell the one befell them
                yield from (lex.adjectives.get(c.lower_) for c in verb.children)  # "shot dead"
                yield _verb_category(verb, passive=True)
                return
            if prep in ("including", "among") and owner.pos_ in ("NOUN", "NUM"):
                tok = owner  # "800 areas, including 147 areas in Tehran"
                continue
            if prep in ("including", "among") and (whole := _whole(owner, tok)) is not None:
                tok, bare = whole, whole.pos_ == "NUM"  # "detained 400, including 20 journalists": a part
                continue
            if cat := tallied(tok, bare):  # "the toll rose to 35", "an increase in deaths from 560"
                yield cat
                return
            if prep == "to" and owner.dep_ == "prep" or owner.pos_ != "VERB":
                return
            head, dep, hl = owner, "obl", lemma(owner)
            # "marched with 5,000 workers", "marching in the hundreds", not "gathered near several plants"
            with_crowd = prep in _COMPANY or _inside(tok.head, q) or prep == "in" and bare  # "in their thousands"
        if head.pos_ in ("VERB", "AUX") or (head.pos_ == "ADJ" and dep == "nsubj"):
            passive = dep in _PATIENT_DEPS or head.tag_ == "VBN" or hl in _UNACCUSATIVE \
                or (head.lower_ in lex.adjectives and head.tag_ in ("JJ", "VBG"))  # "were still missing"
            lost_aux = dep == "nsubj" and head.tag_ == "VBD" and not any(c.dep_ == "dobj" for c in head.children)
            # "dozens injured" is a participle that lost its auxiliary; "9,000 participated" is not
            cats = [_verb_category(head, True) or _verb_category(head, False) if lost_aux
                    else _verb_category(head, passive), _idiom(head, tok)]
            if dep in ("nsubj", "nsubjpass"):
                cats.append(_held_in(head))  # "200 persons remained in detention"
            if not with_crowd:
                cats = [c for c in cats if c != "participants"]
            if dep == "nsubjpass" and hl in lex.gathered_verbs and not any(c.dep_ == "agent" for c in head.children):
                cats.append("participants")  # "thousands are camped out", "5,000 were gathered"
            if not passive:  # "dozens reported injuries", "several requiring hospitalization"
                cats += [lex.nouns.get(lemma(c)) for c in head.children if c.dep_ == "dobj"
                         and lex.nouns.get(lemma(c)) in _VICTIM]
            cats += [_verb_category(c, passive) for c in head.children if c.dep_ in ("conj", "xcomp", "oprd", "acomp", "ccomp")
                     and c.i > tok.i and not _own_clause(c, tok)]
            cats += [lex.adjectives.get(c.lower_) for c in head.children  # "shot dead 12 protesters"
                     if c.dep_ in ("oprd", "acomp", "advmod", "ccomp", "xcomp", "amod", "dobj") and c is not tok]
            yield from cats
            if any(cats):
                return
            if cat := tallied(tok, bare):  # "the death toll was 21", "the dead included 12 students"
                yield cat
                return
            if head.dep_ in ("xcomp", "ccomp", "conj", "advcl") or lemma(head) in ("be", "have"):
                return
            return
        if dep in ("conj", "appos") and head.pos_ in ("NOUN", "NUM", "PROPN"):
            if cat := _surface_victim(tok, q, sent):  # "11 killed and more than 160 injured"
                yield cat
                return
            tok = head  # "three protesters killed and dozens injured" is handled by the verb
            continue
        return


def _idiom(verb: Token, counted: Token) -> str | None:
    """A verb and its object that together say what happened: "lost their lives",
    "14 lives were lost"."""
    table = lexicon().verb_objects
    objects = [counted, *(c for c in verb.children if c.dep_ == "dobj")]
    return next((table[(lemma(verb), lemma(o))] for o in objects if (lemma(verb), lemma(o)) in table), None)


def _infinitival(one: Token) -> Token | None:
    """The verb of "one of N to have been killed", "one of N to be arrested"
    (hung on the "one" or above it): it describes the N as a class."""
    for verb in (one.head, *(c for c in one.children if c.dep_ in ("relcl", "acl"))):
        if verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return verb
    return None


def _held_subject(top: Token) -> str | None:
    """ "23 protesters were taken into custody", "took 40 demonstrators into custody":
    protesters, but held."""
    if top.dep_ in ("nsubj", "nsubjpass", "dobj") and top.head.pos_ in ("VERB", "AUX"):
        return _held_in(top.head)
    return None


def _held_in(verb: Token) -> str | None:
    """ "remained in detention", "were tortured in custody", "taken into custody",
    "thrown into jail": the subject is held;
    "were subjected to enforced disappearance", "were among those arrested": the event's."""
    lex = lexicon()
    took_part = "participants" in lex.verbs.get(lemma(verb), ())  # "300 inmates rioted in the prison"
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            if lemma(obj) in lex.custody and (prep.lower_ == "into" or prep.lower_ in ("in", "behind") and not took_part):
                return "arrested"  # "taken into custody" is held even though "take" can take part
            if took_part:
                continue
            if prep.lower_ == "to" and lemma(obj) in lex.victim_events:
                return lex.nouns.get(lemma(obj))
            if prep.lower_ == "among" and (cat := group_category(obj)) in _VICTIM:
                return cat  # "3 journalists were among those arrested", "among the dead"
    return None


def _own_clause(verb: Token, tok: Token) -> bool:
    """ "arrested 50, and authorities sentenced 28": a verb with its own subject does
    not share the first verb's arguments, nor one with its own object the first verb's
    object ("thousands gathered and chanted slogans" share the subject)."""
    own = {c.dep_ for c in verb.children}
    return bool(own & {"nsubj", "nsubjpass"}) or (tok.dep_ == "dobj" and "dobj" in own)


def _whole(verb: Token, part: Token) -> Token | None:
    """The counted phrase that a verb's "including ..." lists parts of: its object,
    else its subject ("120 were arrested, including 20 journalists")."""
    found = [c for deps in (("dobj",), ("nsubjpass",), ("nsubj",)) for c in verb.children
             if c.dep_ in deps and c is not part]
    counted = [c for c in found if c.like_num or any(g.dep_ == "nummod" for g in c.children)]
    return (counted or found or [None])[0]  # "69,000 people attended the protests, including 4,000 in paris"


_SKIP_LEFT = {"the", "a", "an", "some", "another", "also", "reportedly", "and", "nearly"}


def _surface_victim(noun: Token, q: Quantity, sent: Span) -> str | None:
    """Victim words right beside the number, for when the parse went astray:
    "killing at least 10 people", "dozens injured", "70 reportedly arrested"."""
    doc = sent.doc
    i = q.start - 1
    while i >= sent.start and doc[i].lower_ in _SKIP_LEFT:
        i -= 1
    if i >= sent.start and (doc[i].pos_ == "VERB" and doc[i].tag_ in ("VBG", "VBD", "VBN", "VBZ", "VBP")
                            or doc[i].is_title and doc[i].pos_ == "PROPN"):  # "Police Detain 40 Protesters"
        if cat := _verb_category(doc[i], passive=True):
            return cat
    return _right_of(noun, q, sent)


def _right_of(noun: Token, q: Quantity, sent: Span) -> str | None:
    """A victim participle or adjective right after the counted phrase: "160 injured",
    "civilians being shot and killed" (the gravest of a coordinated pair wins)."""
    doc, lex = sent.doc, lexicon()
    if noun.i != q.core and lemma(noun) not in lex.people and lex.nouns.get(lemma(noun)) != "participants":
        return None  # "21 cities had been killed": the verb is about someone else
    j, end = max(q.end, noun.i + 1), min(sent.end, max(q.end, noun.i + 1) + 4)
    while j < end and doc[j].lower_ in SKIP_RIGHT:
        j += 1
    found = []
    for k in range(j, min(sent.end, j + 3)):
        t = doc[k]
        if t.tag_ == "VBD" and any(c.dep_ == "dobj" for c in t.children):
            break  # "hundreds of turks held a demonstration": an active verb, not a participle
        cat = lex.adjectives.get(t.lower_) or (_verb_category(t, passive=True) if t.tag_ in ("VBN", "VBD") else None)
        if cat:
            found.append(cat)
        elif k > j and t.lower_ not in ("and", "or", ","):
            break
        elif k == j:
            break
    return min(found, key=_RANK.get) if found else None


def _acting_right_of(noun: Token, q: Quantity, sent: Span) -> str | None:
    """ "hundreds of dominicans protested": a participation verb right after the
    counted phrase, when the parse lost it."""
    doc = sent.doc
    j = max(q.end, noun.i + 1)
    while j < sent.end and doc[j].lower_ in SKIP_RIGHT:
        j += 1
    if j < sent.end and (doc[j].tag_ in ("VBD", "VBZ", "VBP", "VBN") or _headline_verb(doc[j])) \
            and (_verb_category(doc[j], passive=False) == "participants" or crowd_verb(doc[j])):
        return "participants"  # "hundreds of dominicans protested", "thousands continue protests"
    return None


def _verb_category(tok: Token, passive: bool) -> str | None:
    """The category of a trigger verb, given whether the counted noun is its patient."""
    lex = lexicon()
    cats = lex.verbs.get(lemma(tok), ()) + lex.verbs.get(tok.lower_, ())
    if passive and "injured" in cats and _to_death(tok):
        return "killed"  # "beaten to death", "shot ... dead": a harm done until death
    if lex.adjectives.get(tok.lower_) and passive:
        return lex.adjectives[tok.lower_]
    victims = [c for c in cats if c in _VICTIM]
    if passive and victims:
        return min(victims, key=_RANK.get)
    if not passive and "participants" in cats:
        return "participants"
    return None


def _to_death(verb: Token) -> bool:
    """ "beaten to death", "burned to death", "shot dead": a verb that names a harm done
    until death."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and any(  # bare: not "responded to his death"
                   g.dep_ == "pobj" and g.lower_ == "death" and not any(g.children) for g in c.children)
               or c.lower_ == "dead" and c.dep_ in ("oprd", "acomp", "xcomp", "advmod", "ccomp")
               for c in verb.children)


def _verb_before(q: Quantity, sent: Span) -> bool:
    """ "killing at least 10 people, witnesses said": the phrase is the verb's object
    even where the parser hung it on the saying."""
    i = q.start - 1
    while i >= sent.start and sent.doc[i].lower_ in _SKIP_LEFT:
        i -= 1
    return i >= sent.start and sent.doc[i].pos_ == "VERB"


def _inside(tok: Token, q: Quantity) -> bool:
    return q.start <= tok.i < q.end


def subject(noun: Token, q: Quantity, sent: Span, category: str) -> str:
    """Who is counted, as a short lower-case noun phrase."""
    lex = lexicon()
    if noun.i == q.core or noun.pos_ == "PRON" or lemma(noun) in lex.nouns and lemma(noun) not in lex.people:
        of = _of_object(noun)
        base = _phrase(of) if of is not None and lemma(of) in lex.people else "people"
    else:
        base = _phrase(noun)
    if category == "died" and (cause := death_cause(sent)):
        return f"{cause} victims"
    if lemma(noun.head) == "name" or (noun.head.dep_ == "prep" and lemma(noun.head.head) == "name"):
        return f"named {base}"
    return base


def _of_object(tok: Token) -> Token | None:
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of else None


def _phrase(noun: Token) -> str:
    lex = lexicon()
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i and c.pos_ != "DET"
            and c.lower_ not in lex.adjectives and not c.like_num and c.pos_ != "NUM" and c.lower_ not in ("several", "few", "many", "more", "other", "estimated", "further", "additional")]
    words = [m.lower_ for m in sorted(mods, key=lambda t: t.i)] + [noun.lower_]
    return " ".join(words)
