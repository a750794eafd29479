"""Word lists read once from ``claimledger/data/`` (they are data, not code)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources


def _load(name: str) -> dict:
    return json.loads(resources.files("claimledger.data").joinpath(name).read_text("utf-8"))


@dataclass(frozen=True)
class Lexicon:
    """Every word list extraction uses, as lookup tables."""
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    vague: dict[tuple[str, ...], tuple[int, int]]
    qualifiers: dict[tuple[str, ...], str | None]
    verbs: dict[str, tuple[str, ...]]  # lemma -> categories, in file order
    adjectives: dict[str, str]
    nouns: dict[str, str]
    people: frozenset[str]
    sites: dict[str, str]  # lemma -> unit
    protest: frozenset[str]
    died_causes: frozenset[str]
    non_count: frozenset[str]
    source_nouns: frozenset[str]
    report_verbs: frozenset[str]
    tally: frozenset[str]  # nouns whose value is a count of what they are "of"
    listing_verbs: frozenset[str]  # "the dead included 12 students"
    measure_verbs: frozenset[str]  # "the crowd swelled to 50,000": a crowd's size
    belief_verbs: frozenset[str]  # "30 feared dead"
    speech_verbs: frozenset[str]  # "one resident said": a speaker, not a crowd
    violent: frozenset[str]  # "live fire": words that make a cause of death violence
    crowd_control: tuple[str, ...]  # "fired tear gas in several places": a protest without the word
    protest_events: frozenset[str]  # "held a protest": what a crowd stages
    organisations: frozenset[str]  # "two unions staged a strike": bodies, not crowds
    crowd_verbs: frozenset[str]  # "200 nuns marched": verbs only crowds do, whoever they are
    person_suffixes: tuple[str, ...]  # "loyalists", "shiites": nouns for people by their ending
    population: frozenset[str]  # "a nation of 9 million people": who lives there, not a count
    unrealized: frozenset[str]  # "86 attempted killings": attempts, not victims
    gathered_verbs: frozenset[str]  # "thousands are camped out": a crowd in the passive form
    idiom_words: frozenset[str]  # surface words of verb_objects, for the candidate filter
    verb_objects: dict[tuple[str, str], str]  # ("lose", "life") -> killed: "lost their lives"

    @cached_property
    def demonyms(self) -> frozenset[str]:
        """ "iranians", "sudanese": people named by their country (demonyms.tsv)."""
        text = resources.files("claimledger.data").joinpath("demonyms.tsv").read_text("utf-8")
        words = {line.split("\t")[0].lower() for line in text.splitlines() if line and not line.startswith("#")}
        return frozenset(words | {w + "s" for w in words})

    @cached_property  # built once: asked for every part of every token
    def number_words(self) -> frozenset[str]:
        return frozenset({*self.units, *self.tens, *self.scales, "dozen", "a", "an", "and"})


def _invert(groups: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for category, words in groups.items():
        for w in words:
            out.setdefault(w, category)
    return out


@cache
def lexicon() -> Lexicon:
    q, t = _load("quantities.json"), _load("triggers.json")
    verbs: dict[str, tuple[str, ...]] = {}
    for category, words in t["verbs"].items():
        for w in words:
            verbs[w] = (*verbs.get(w, ()), category)
    return Lexicon(
        units=q["units"], tens=q["tens"], scales=q["scales"],
        vague={tuple(k.split()): tuple(v) for k, v in q["vague"].items()},
        qualifiers={tuple(k.split()): v for k, v in q["qualifiers"].items()},
        verbs=verbs, adjectives=_invert(t["adjectives"]), nouns=_invert(t["nouns"]),
        people=frozenset(t["people_nouns"]), sites=t["site_nouns"],
        protest=frozenset(t["protest_words"]), died_causes=frozenset(t["died_causes"]),
        non_count=frozenset(t["non_count_nouns"]), source_nouns=frozenset(t["source_nouns"]),
        report_verbs=frozenset(t["report_verbs"]), tally=frozenset(t["tally_nouns"]),
        listing_verbs=frozenset(t["listing_verbs"]), measure_verbs=frozenset(t["measure_verbs"]), belief_verbs=frozenset(t["belief_verbs"]),
        speech_verbs=frozenset(t["speech_verbs"]),
        gathered_verbs=frozenset(t["gathered_verbs"]), crowd_verbs=frozenset(t["crowd_verbs"]),
        protest_events=frozenset(t["protest_events"]), organisations=frozenset(t["organisation_nouns"]), person_suffixes=tuple(t["person_suffixes"]),
        population=frozenset(t["population_nouns"]), crowd_control=tuple(t["crowd_control"]),
        violent=frozenset([*t["violent_context"], "live", "sniper", "gunfire", "suicide"]), unrealized=frozenset(t["unrealized"]),
        idiom_words=frozenset(t["idiom_words"]),
        verb_objects={tuple(k.split()): v for k, v in t["verb_objects"].items()},
    )
