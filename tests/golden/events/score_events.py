"""Scoring of events against events.jsonl (the gold events), one gold set at a time:
B-cubed F1 of claim-to-event assignment, event type accuracy and the ratio of system
to gold events.

System claims meet gold claims by article, category, span (case-folded) and occurrence.
A gold event's type is right when the system event holding most of its matched claims
has the same type (ties: the first of them in text order); gold events none of whose
claims the extractor found are left out, as B-cubed leaves out their claims.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).parent
GOLD_CLAIMS = HERE.parent / "gold"


def gold_events(set_: str | None = None) -> list[dict]:
    events = [json.loads(line) for line in (HERE / "events.jsonl").read_text("utf-8").splitlines()]
    return [e for e in events if set_ is None or e["set"] == set_]


def gold_sets() -> list[str]:
    return list(dict.fromkeys(e["set"] for e in gold_events()))


def gold_assignment(set_: str | None = None) -> dict[tuple, str]:
    return {(c["article"], c["category"], c["span"].casefold(), c["n"]): e["id"]
            for e in gold_events(set_) for c in e["claims"]}


def system_assignment(events, articles: set[str]) -> dict[tuple, str]:
    """(article, category, span, n) -> event id, n counted in text order as in the gold."""
    claims = sorted(((c, e.id) for e in events for c in e.claims if c.article in articles),
                    key=lambda ce: (ce[0].article, ce[0].start))
    seen: Counter = Counter()
    out = {}
    for c, event_id in claims:
        key = (c.article, c.category, c.span.casefold())
        out[key + (seen[key],)] = event_id
        seen[key] += 1
    return out


def bcubed(system: dict, gold: dict) -> dict:
    common = [k for k in gold if k in system]
    sys_members, gold_members = defaultdict(set), defaultdict(set)
    for k in common:
        sys_members[system[k]].add(k)
        gold_members[gold[k]].add(k)
    p = r = 0.0
    for k in common:
        both = len(sys_members[system[k]] & gold_members[gold[k]])
        p += both / len(sys_members[system[k]])
        r += both / len(gold_members[gold[k]])
    n = len(common) or 1
    p, r = p / n, r / n
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "matched": len(common), "gold_claims": len(gold)}


def type_accuracy(events, system: dict, set_: str | None) -> tuple[float, list[tuple]]:
    """The share of gold events whose system event (most of their claims) has their type;
    and the misses as (gold id, gold type, system type)."""
    type_of = {e.id: e.type for e in events}
    misses, scored = [], 0
    for g in gold_events(set_):
        held = Counter(system[k] for k in ((c["article"], c["category"], c["span"].casefold(), c["n"])
                                           for c in g["claims"]) if k in system)
        if not held:
            continue
        scored += 1
        found = type_of[held.most_common(1)[0][0]]
        if found != g["type"]:
            misses.append((g["id"], g["type"], found))
    return 1 - len(misses) / (scored or 1), misses


def score(events, set_: str | None = "mm+gv") -> dict:
    """The figures of one gold set (``None``: every set at once)."""
    gold = gold_assignment(set_)
    articles = {k[0] for k in gold}
    system = system_assignment(events, articles)
    figures = bcubed(system, gold)
    figures["type_accuracy"], figures["type_misses"] = type_accuracy(events, system, set_)
    system_events = {e.id for e in events if any(c.article in articles for c in e.claims)}
    figures["system_events"] = len(system_events)
    figures["gold_events"] = len(set(gold.values()))
    figures["ratio"] = len(system_events) / figures["gold_events"]
    return figures
