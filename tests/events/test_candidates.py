"""Candidate pairs: every pair of mentions that resolve would join is proposed, so
blocking changes the speed of event resolution, never its events."""
from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

from hypothesis import given, settings, strategies as st

from claimledger.events.candidates import candidate_pairs
from claimledger.events.mentions import Mention
from claimledger.events.resolve import _cluster, same_happening
from claimledger.model import Claim, Place, When

DAY0 = date(2020, 1, 1)
TYPES = ["protest_peaceful", "protest_excessive_force", "violence_against_civilians",
         "strategic_internet_shutdown", "other"]


@st.composite
def whens(draw) -> When:
    start = DAY0 + timedelta(days=draw(st.integers(0, 120)))
    end = start + timedelta(days=draw(st.sampled_from([0, 0, 1, 3, 7, 8, 30, 92, 93, 365])))
    shape = draw(st.sampled_from(["full", "full", "full", "no start", "no end", "none"]))
    return When(None if shape in ("no start", "none") else start,
                None if shape in ("no end", "none") else end, "")


@st.composite
def mentions(draw) -> Mention:
    article = draw(st.sampled_from("abcdefghijklmnopqrst"))
    figures = draw(st.lists(st.tuples(st.sampled_from(["killed", "arrested"]),
                                      st.sampled_from([3, 10, 50, 1500])), max_size=2))
    vague = draw(st.booleans())
    when = draw(whens())
    dated = draw(st.booleans())  # the claims carry the mention's dates (a tally "so far": no start)
    sentence = draw(st.sampled_from(["x", "50 have died so far"]))
    claims = [Claim(article, cat, v, v, v, "vague" if vague and v == 50 else "exact", str(v), 0, 2, sentence,
                    0, when=when if dated else None)
              for cat, v in figures]
    local = draw(st.booleans())
    return Mention(article, draw(st.sampled_from(["IR", "IR", "IQ", None])), when,
                   Place(draw(st.sampled_from(["Tehran", "Shiraz"])) if local else "Iran", "IR"),
                   claims, local, None, draw(st.sampled_from(TYPES)))


@settings(max_examples=200, deadline=None)
@given(st.lists(mentions(), max_size=40))
def test_every_pair_resolve_would_join_is_a_candidate(found):
    proposed = {frozenset(p) for p in candidate_pairs(found)}
    for i, j in combinations(range(len(found)), 2):
        if found[i].country is not None and same_happening(found[i], found[j]):  # None: never joined
            assert frozenset((i, j)) in proposed, (found[i], found[j])


@settings(max_examples=60, deadline=None)
@given(st.lists(mentions(), max_size=30))
def test_clusters_are_those_of_comparing_every_pair(found):
    every_pair = _components(found, combinations(range(len(found)), 2))
    assert [[id(m) for m in c] for c in _cluster(found)] == every_pair


def _components(found, pairs) -> list[list[int]]:
    """Connected components of same_happening over ``pairs``, in _cluster's order."""
    boss = list(range(len(found)))

    def root(i):
        while boss[i] != i:
            i = boss[i]
        return i

    for i, j in pairs:
        if found[i].country is not None and root(i) != root(j) and same_happening(found[i], found[j]):
            boss[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i, m in enumerate(found):
        groups.setdefault(root(i), []).append(id(m))
    return list(groups.values())


def _m(article, start, end, figure=("killed", 50), local=False, type_="protest_peaceful") -> Mention:
    when = When(DAY0 + timedelta(days=start) if start is not None else None,
                DAY0 + timedelta(days=end) if end is not None else None, "")
    claims = [Claim(article, figure[0], figure[1], figure[1], figure[1], "exact", "x", 0, 2,
                    "x have been counted so far", 0, when=when)]
    return Mention(article, "IR", when, Place("Tehran" if local else "Iran", "IR"), claims, local, None, type_)


def test_each_rule_is_proposed_and_far_apart_mentions_are_not():
    cases = {  # (a, b): whether resolve joins them
        "same figure, a week apart": (_m("a", 0, 1), _m("b", 8, 8), True),
        "same figure, eight days apart": (_m("a", 0, 1), _m("b", 10, 10), False),
        "same figure, one undated": (_m("a", None, None), _m("b", 300, 300), True),
        "a day inside a country-wide season": (_m("a", 0, 80, ("arrested", 3)), _m("b", 79, 79), True),
        "same week, other figures": (_m("a", 5, 6, ("arrested", 3)), _m("b", 6, 6, ("killed", 2)), True),
        "tallies so far, a week apart": (_m("a", None, 40, ("killed", 3)), _m("b", None, 47, ("arrested", 9)),
                                         True),
        "tallies so far, eight days apart": (_m("a", None, 40, ("killed", 3)),
                                             _m("b", None, 48, ("arrested", 9)), False),
        "a shutdown is not a protest": (_m("a", 5, 5, type_="strategic_internet_shutdown"), _m("b", 5, 5), False),
    }
    for name, (a, b, joined) in cases.items():
        assert same_happening(a, b) is joined, name
        assert (frozenset((0, 1)) in {frozenset(p) for p in candidate_pairs([a, b])}) is joined, name
