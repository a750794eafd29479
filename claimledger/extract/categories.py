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
from .quantities import Quantity
from .parts import part_category
from .tallies import tallied

_PATIENT_DEPS = {"dobj", "nsubjpass", "pobj", "attr", "oprd", "conj", "appos"}
_UNACCUSATIVE = {"die", "perish", "disappear", "vanish"}  # their subject is the victim
_DEATH_WORDS = {"die", "death", "dead", "perish", "succumb", "fatality", "victim", "toll"}
_VICTIM = ("killed", "died", "injured", "arrested", "disappeared", "sentenced")
_RANK = {"killed": 0, "died": 1, "injured": 2, "disappeared": 3, "sentenced": 4, "arrested": 5}
_COUNT_PREPS = {"of", "to", "at", "including", "among", "with", "from", "like", "as"}
_TIME_ADVERBS = {"yesterday", "today", "tonight", "tomorrow", "overnight"}
_RESIDENTS = {"people", "person", "inhabitant", "resident", "soul", "citizen"}
_PART_PRONOUNS = {"them", "those", "whom", "which", "these", "us"}
_COMPANY = {"with", "by", "alongside", "among", "including"}
_SECURITY = {"police", "officer", "policeman", "soldier", "troop", "guard", "agent", "personnel",
             "force", "militia", "official", "gunman"}


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
        if core.head.i < core.i or core.head.lower_ in _TIME_ADVERBS:
            nxt = sent.doc[q.end] if q.end < sent.end else core  # "on friday 300 students blocked"
            return nxt if nxt.tag_ in ("NNS", "NNPS") else core  # "rose to three yesterday"
        return core if _headline_verb(core.head) else core.head
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
    category = _right_of(noun, q, sent) or _trigger_category(noun, q, sent)
    site = lex.sites.get(nl) if noun.i != q.core else None
    if site:  # places are never killed or arrested: "demonstrations were held in 14 provinces"
        return Counted("protest_sites", site, noun.lower_) if _protest_context(sent) else None
    if category in (None, "participants"):
        category = _surface_victim(noun, q, sent) or part_category(q, sent, categorize) or category
    if category is None:
        category = _participants(noun, q, sent) or _acting_right_of(noun, q, sent)
    if category is None or category == "participants" and not _crowd(noun, q):
        return None
    if category == "killed" and _died_of_cause(noun, sent):
        category = "died"
    return Counted(category, "people", subject(noun, q, sent, category))


def _no_count(q: Quantity, noun: Token, sent: Span) -> bool:
    """Numbers that count no people: ages and sizes, things ("20 factories"), sources,
    sayers ("two residents told the BBC"), someone ("one of the protesters"),
    attempts ("86 attempted killings")."""
    lex = lexicon()
    nl = lemma(noun)
    core = sent.doc[q.core]
    if is_attribute(q, sent) and not (core.dep_ == "appos" and _right_of(core, q, sent)):
        return True  # an age or a size, but "Lawmaker: 3,700 Arrested" is a count
    if noun.i != q.core and (nl in lex.non_count or nl in lex.source_nouns):
        return True
    if _is_speaker(phrase_top(noun, q, sent)) and not _verb_before(q, sent) and (q.low or 0) < 100:
        return True  # "two residents told the BBC"; "160,000 protesters said" is still a crowd
    if q.value == 1 and q.end + 1 < sent.end and sent.doc[q.end].lower_ == "of" \
            and sent.doc[q.end + 1].lower_ not in _PART_PRONOUNS and q.qualifier == "exact":
        return True  # "one of the protesters": someone ("one of them" is a part of a total)
    before = [t.lower_ for t in sent.doc[max(sent.start, q.start - 3):q.start]]
    if "aged" in before or before[-1:] == ["fined"] and noun.i == q.core:
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
    """A victim category from the words around the counted noun, best first."""
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
_SKIP_RIGHT = {"were", "was", "had", "have", "has", "been", "being", "are", "is", "be", "reportedly",
               "also", "more", "later", "allegedly", "all", "then", "subsequently", "others", "people",
               "reported", "believed", "feared", "thought", "confirmed", "presumed"}


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
    while j < end and doc[j].lower_ in _SKIP_RIGHT:
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
    while j < sent.end and doc[j].lower_ in _SKIP_RIGHT:
        j += 1
    if j < sent.end and (doc[j].tag_ in ("VBD", "VBZ", "VBP", "VBN") or _headline_verb(doc[j])) \
            and (_verb_category(doc[j], passive=False) == "participants" or _crowd_verb(doc[j])):
        return "participants"  # "hundreds of dominicans protested", "thousands continue protests"
    return None


def _verb_category(tok: Token, passive: bool) -> str | None:
    """The category of a trigger verb, given whether the counted noun is its patient."""
    lex = lexicon()
    cats = lex.verbs.get(lemma(tok), ()) + lex.verbs.get(tok.lower_, ())
    if lex.adjectives.get(tok.lower_) and passive:
        return lex.adjectives[tok.lower_]
    victims = [c for c in cats if c in _VICTIM]
    if passive and victims:
        return min(victims, key=_RANK.get)
    if not passive and "participants" in cats:
        return "participants"
    return None


def _participants(noun: Token, q: Quantity, sent: Span) -> str | None:
    """People counted in a protest sentence, who are not security forces, took part."""
    lex = lexicon()
    nl = lemma(noun)
    if noun.i == q.core:
        return None  # a bare number takes part only through a verb that says so
    if nl in _SECURITY or not is_people(noun):
        return None
    return "participants" if _protest_context(sent) else None


def _crowd(noun: Token, q: Quantity) -> bool:
    """Participants are more than one, and people ("three rockets struck" are not):
    named by a people word, a demonym, a faith or an ending ("loyalists", "shiites")."""
    if q.value == 1:
        return False
    if noun.i == q.core or noun.pos_ == "PRON":
        return True
    top = phrase_top(noun, q, noun.doc[:])
    if lemma(noun) in lexicon().organisations:
        return False  # "two unions staged a strike": bodies, not a crowd
    if lemma(noun) in _SECURITY:  # "1,500 riot police blocked the road"; "300 police officers marched"
        return _crowd_act(top, q)
    return person_like(noun) or _crowd_act(top, q)


def person_like(noun: Token) -> bool:
    return is_people(noun) or noun.tag_ == "NNPS" or noun.lower_.endswith(lexicon().person_suffixes)


def _crowd_act(top: Token, q: Quantity) -> bool:
    """ "200 nuns marched", "3,000 pupils took part", "hazaras took to the streets",
    "roma who had gathered", "policemen defied a ban and marched", "held a protest":
    what only a crowd does, whoever it is."""
    doc = top.doc
    j = max(q.end, top.i + 1)
    while j < len(doc) and (doc[j].lower_ in _SKIP_RIGHT or doc[j].dep_ in ("prep", "pobj", "det", "amod", "compound")
                            and doc[j].i < top.i + 6 and doc[j].pos_ != "VERB"):
        j += 1
    verbs = [doc[j]] if j < len(doc) else []  # the first verb after the phrase, when the parse lost it
    verbs += [c for c in top.children if c.dep_ == "relcl"]
    if top.dep_ == "nsubj":
        verbs += [top.head, *(c for c in top.head.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    return any(v.pos_ == "VERB" and _crowd_verb(v) for v in verbs)


def _crowd_verb(verb: Token) -> bool:
    lex = lexicon()
    if lemma(verb) in lex.crowd_verbs:
        return True
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    streets = [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for o in c.children]
    return any(lemma(o) in lex.protest_events or lemma(verb) == "take" and lemma(o) == "part" for o in objects) \
        or any(lemma(o) == "street" for o in streets)  # "held a protest", "took part", "took to the streets"


def is_people(noun: Token) -> bool:
    """A noun for people: "students", "protesters", "iranians"."""
    lex = lexicon()
    return lemma(noun) in lex.people or lex.nouns.get(lemma(noun)) == "participants" or noun.lower_ in lex.demonyms


def _verb_before(q: Quantity, sent: Span) -> bool:
    """ "killing at least 10 people, witnesses said": the phrase is the verb's object
    even where the parser hung it on the saying."""
    i = q.start - 1
    while i >= sent.start and sent.doc[i].lower_ in _SKIP_LEFT:
        i -= 1
    return i >= sent.start and sent.doc[i].pos_ == "VERB"


def _is_speaker(top: Token) -> bool:
    """ "one resident said", "two protesters told Reuters", "according to three
    students": the counted phrase is who speaks."""
    while top.dep_ == "conj" and top.head.pos_ in ("NOUN", "PROPN", "NUM"):
        top = top.head  # "one nurse and two residents said"
    if top.dep_ == "nsubj":
        return lemma(top.head) in lexicon().speech_verbs
    return top.dep_ == "pobj" and top.head.lower_ == "to" and top.head.head.lower_ == "according"


def _protest_context(sent: Span) -> bool:
    """A protest word, or the weapons used on crowds ("fired tear gas in several places")."""
    lex = lexicon()
    if any(lemma(t) in lex.protest or t.lower_ in lex.protest for t in sent):
        return True
    text = sent.text.lower()
    return any(w in text for w in lex.crowd_control)


def _died_of_cause(noun: Token, sent: Span) -> bool:
    """"died of the coronavirus": a death by other causes than violence."""
    causes = lexicon().died_causes
    return any((lemma(t) in causes or t.lower_ in causes) and _a_cause(t) for t in sent
               if t.head.lower_ in ("of", "from") or t.dep_ in ("compound", "pobj", "nsubj"))


def _a_cause(t: Token) -> bool:
    """ "died of cholera", "an earthquake killed", "covid deaths" name a cause;
    "a suicide car bomb" does not (the word only describes the bomb)."""
    if any(c.dep_ in ("amod", "compound") and lemma(c) in lexicon().violent for c in t.children):
        return False  # "live fire", "police fire": violence
    return t.dep_ not in ("compound", "amod") or _under_death_word(t)


def _under_death_word(t: Token) -> bool:
    """ "died of cholera", "covid deaths": the cause hangs on a word of dying, not
    on a bomb that killed ("a suicide car bomb ..., killing 14")."""
    for _ in range(4):
        if lemma(t) in _DEATH_WORDS:
            return True
        if t.head is t:
            return False
        t = t.head
    return lemma(t) in _DEATH_WORDS


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
    if category == "died" and (cause := _cause(sent)):
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
            and c.lower_ not in lex.adjectives and not c.like_num and c.pos_ != "NUM" and c.lower_ not in ("several", "few", "many", "more", "other")]
    words = [m.lower_ for m in sorted(mods, key=lambda t: t.i)] + [noun.lower_]
    return " ".join(words)


def _cause(sent: Span) -> str | None:
    """The cause after "died of"/"died from", else the first cause word of the sentence."""
    causes = lexicon().died_causes
    found = [t for t in sent if t.lower_ in causes]
    after_of = [t for t in found if t.head.lower_ in ("of", "from") or t.head.head.lower_ in ("of", "from")]
    return (after_of or found or [None])[0] and (after_of or found)[0].lower_
